package io.sentinel.server.config;

import io.sentinel.core.config.KnownSentinel;
import io.sentinel.core.config.MasterConfig;
import io.sentinel.core.config.SentinelConfig;
import io.sentinel.core.model.Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The lines a sentinel owns in its config file, in the order redis-sentinel's rewrite emits them. Each carries its
 * rewrite key ({@code port}, {@code sentinel monitor}) and whether it is written even when the file lacks it
 * ({@code force}: Redis writes a setting that differs from the default, or is always kept, like {@code myid}).
 */
final class OwnedLines {
    record Owned(String key, String text, boolean force) { }

    /** Every key this sentinel rewrites: old lines with these keys that are not rewritten are deleted. */
    static final List<String> KEYS = List.of("port", "bind", "dir", "logfile", "requirepass", "protected-mode", "user",
            "sentinel myid", "sentinel deny-scripts-reconfig", "sentinel resolve-hostnames",
            "sentinel announce-hostnames", "sentinel monitor", "sentinel down-after-milliseconds",
            "sentinel failover-timeout", "sentinel parallel-syncs", "sentinel notification-script",
            "sentinel client-reconfig-script", "sentinel auth-pass", "sentinel auth-user",
            "sentinel master-reboot-down-after-period", "sentinel config-epoch", "sentinel leader-epoch",
            "sentinel known-replica", "sentinel known-sentinel", "sentinel rename-command",
            "sentinel current-epoch", "sentinel announce-ip", "sentinel announce-port", "sentinel sentinel-user",
            "sentinel sentinel-pass", "sentinel forget-unresolved-after");

    private final List<Owned> out = new ArrayList<>();

    private OwnedLines() {
    }

    static List<Owned> of(SentinelConfig c) {
        OwnedLines o = new OwnedLines();
        o.globals(c);
        if (c.myid() != null) o.add("sentinel myid", c.myid(), true);
        o.add("sentinel deny-scripts-reconfig", yesNo(c.denyScriptsReconfig()), !c.denyScriptsReconfig());
        o.add("sentinel resolve-hostnames", yesNo(c.resolveHostnames()), c.resolveHostnames());
        o.add("sentinel announce-hostnames", yesNo(c.announceHostnames()), c.announceHostnames());
        for (MasterConfig m : c.masters()) o.master(m);
        o.add("sentinel current-epoch", Long.toString(c.currentEpoch()), true);
        if (c.announceIp() != null) o.raw("sentinel announce-ip", "sentinel announce-ip " + ConfTokens.quote(c.announceIp()), true);
        if (c.announcePort() != 0) o.add("sentinel announce-port", Integer.toString(c.announcePort()), true);
        if (c.sentinelUser() != null) o.add("sentinel sentinel-user", c.sentinelUser(), true);
        if (c.sentinelPass() != null) o.add("sentinel sentinel-pass", c.sentinelPass(), true);
        if (c.forgetUnresolvedAfterMillis() != 0) {
            o.add("sentinel forget-unresolved-after", Long.toString(c.forgetUnresolvedAfterMillis()), true);
        }
        return o.out;
    }

    private void globals(SentinelConfig c) {
        if (!c.bind().isEmpty()) raw("bind", "bind " + ConfTokens.join(c.bind()), true);
        raw("dir", "dir " + ConfTokens.quote(c.dir()), true);
        raw("logfile", "logfile " + ConfTokens.quote(c.logfile()), !c.logfile().isEmpty());
        if (c.requirePass() != null) raw("requirepass", "requirepass " + ConfTokens.quote(c.requirePass()), true);
        // always written: Redis writes "no" (it differs from redis-server's default) but would drop "yes"
        raw("protected-mode", "protected-mode " + yesNo(c.protectedMode()), true);
        raw("port", "port " + c.port(), true);
        for (String user : c.users()) raw("user", "user " + user, true);
    }

    private void master(MasterConfig m) {
        String n = ConfTokens.quoteIfNeeded(m.name()) + " ";
        add("sentinel monitor", List.of(m.name(), m.address().host(), Integer.toString(m.address().port()),
                Integer.toString(m.quorum())), true);
        if (m.downAfterMillis() != MasterConfig.DEFAULT_DOWN_AFTER_MILLIS) {
            raw("sentinel down-after-milliseconds", "sentinel down-after-milliseconds " + n + m.downAfterMillis(), true);
        }
        if (m.failoverTimeoutMillis() != MasterConfig.DEFAULT_FAILOVER_TIMEOUT_MILLIS) {
            raw("sentinel failover-timeout", "sentinel failover-timeout " + n + m.failoverTimeoutMillis(), true);
        }
        if (m.parallelSyncs() != MasterConfig.DEFAULT_PARALLEL_SYNCS) {
            raw("sentinel parallel-syncs", "sentinel parallel-syncs " + n + m.parallelSyncs(), true);
        }
        optional("sentinel notification-script", m.name(), m.notificationScript());
        optional("sentinel client-reconfig-script", m.name(), m.clientReconfigScript());
        optional("sentinel auth-pass", m.name(), m.authPass());
        optional("sentinel auth-user", m.name(), m.authUser());
        if (m.masterRebootDownAfterPeriodMillis() != 0) {
            raw("sentinel master-reboot-down-after-period",
                    "sentinel master-reboot-down-after-period " + n + m.masterRebootDownAfterPeriodMillis(), true);
        }
        raw("sentinel config-epoch", "sentinel config-epoch " + n + m.configEpoch(), true);
        raw("sentinel leader-epoch", "sentinel leader-epoch " + n + m.leaderEpoch(), true);
        for (Address r : m.knownReplicas()) {
            add("sentinel known-replica", List.of(m.name(), r.host(), Integer.toString(r.port())), true);
        }
        for (KnownSentinel s : m.knownSentinels()) {
            add("sentinel known-sentinel", List.of(m.name(), s.address().host(),
                    Integer.toString(s.address().port()), s.runId()), true);
        }
        // sorted so that the same configuration always writes the same file
        for (Map.Entry<String, String> e : new TreeMap<>(m.renamedCommands()).entrySet()) {
            add("sentinel rename-command", List.of(m.name(), e.getKey(), e.getValue()), true);
        }
    }

    private void optional(String key, String master, String value) {
        if (value != null) add(key, List.of(master, value), true);
    }

    private void add(String key, String value, boolean force) {
        add(key, List.of(value), force);
    }

    private void add(String key, List<String> args, boolean force) {
        raw(key, key + " " + ConfTokens.join(args), force);
    }

    private void raw(String key, String text, boolean force) {
        out.add(new Owned(key, text, force));
    }

    private static String yesNo(boolean b) {
        return b ? "yes" : "no";
    }
}
