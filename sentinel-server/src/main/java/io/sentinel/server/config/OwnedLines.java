package io.sentinel.server.config;

import io.sentinel.core.config.KnownSentinel;
import io.sentinel.core.config.MasterConfig;
import io.sentinel.core.config.SentinelConfig;
import io.sentinel.core.model.Address;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The lines a sentinel owns in its config file, in the order redis-sentinel's rewrite emits them. Each carries its
 * rewrite key ({@code port}, {@code sentinel monitor}) and whether it is written even when the file lacks it
 * ({@code force}: Redis writes a setting that differs from the default, or is always kept, like {@code myid}).
 * <p>
 * An instance remembers each master's lines: a master equal to the one it rendered last time keeps them, so a state
 * write that changed one master of a hundred renders that one (and the few global lines) only.
 */
final class OwnedLines {
    /**
     * One owned line: its rewrite key (and that key's index in {@link #KEYS}), text, whether it is written when the
     * file lacks it, and the line as the next rewrite will read it back from the file.
     */
    static final class Owned {
        private final String key;
        private final int keyIndex;
        private final String text;
        private final boolean force;
        private final ConfRewriter.Line line;

        Owned(String key, String text, boolean force) {
            this.key = key;
            this.keyIndex = OwnedLines.keyIndex(key);
            this.text = text;
            this.force = force;
            this.line = ConfRewriter.Line.read(text);
            if (keyIndex < 0) throw new IllegalStateException("not an owned key: " + key);
        }

        String key() {
            return key;
        }

        int keyIndex() {
            return keyIndex;
        }

        String text() {
            return text;
        }

        boolean force() {
            return force;
        }

        ConfRewriter.Line line() {
            return line;
        }
    }

    /** A master's lines as rendered from {@code config}, and the vote the state file writes after its leader-epoch. */
    record MasterLines(MasterConfig config, List<Owned> lines, ConfRewriter.Line vote) { }

    /** Everything owned: the global lines before the masters, each master's, the global lines after them. */
    record Rendered(List<Owned> head, List<MasterLines> masters, List<Owned> tail) {
        List<Owned> all() {
            List<Owned> all = new ArrayList<>(head.size() + tail.size() + masters.size() * 8);
            all.addAll(head);
            for (MasterLines m : masters) all.addAll(m.lines());
            all.addAll(tail);
            return all;
        }
    }

    /** Every key this sentinel rewrites: old lines with these keys that are not rewritten are deleted. */
    static final List<String> KEYS = List.of("port", "bind", "dir", "logfile", "requirepass", "protected-mode", "user",
            "tcp-backlog", "unixsocket", "unixsocketperm", "bind-source-addr",
            "sentinel myid", "sentinel deny-scripts-reconfig", "sentinel resolve-hostnames",
            "sentinel announce-hostnames", "sentinel monitor", "sentinel down-after-milliseconds",
            "sentinel failover-timeout", "sentinel parallel-syncs", "sentinel notification-script",
            "sentinel client-reconfig-script", "sentinel auth-pass", "sentinel auth-user",
            "sentinel master-reboot-down-after-period", "sentinel config-epoch", "sentinel leader-epoch",
            "sentinel known-replica", "sentinel known-sentinel", "sentinel rename-command",
            "sentinel current-epoch", "sentinel announce-ip", "sentinel announce-port", "sentinel sentinel-user",
            "sentinel sentinel-pass", "sentinel forget-unresolved-after");
    private static final Map<String, Integer> KEY_INDEX = new HashMap<>();

    static {
        for (int i = 0; i < KEYS.size(); i++) KEY_INDEX.put(KEYS.get(i), i);
    }

    /** Each master's lines as last rendered, by name. */
    private final Map<String, MasterLines> rendered = new HashMap<>();
    /** Lines of start-up-only settings ({@code tcp-backlog}...): the same at every write, after the globals. */
    private final List<Owned> fixed;

    OwnedLines() {
        this(List.of());
    }

    /** @param fixed owned lines that never change while running, written after {@code port} and the users */
    OwnedLines(List<Owned> fixed) {
        this.fixed = List.copyOf(fixed);
    }
    /** The global lines as last rendered, by text: the same text keeps its line (no new bytes, no tokenizing). */
    private Map<String, Owned> globals = new HashMap<>();

    /** The position of {@code key} in {@link #KEYS}; -1 when it is not a key we own (or null). */
    static int keyIndex(String key) {
        Integer i = key == null ? null : KEY_INDEX.get(key);
        return i == null ? -1 : i;
    }

    /** Everything owned, rendered from scratch. */
    static List<Owned> of(SentinelConfig c) {
        return new OwnedLines().render(c).all();
    }

    /** Everything owned for {@code c}; masters equal to the last ones rendered keep their lines. */
    Rendered render(SentinelConfig c) {
        Map<String, Owned> nextGlobals = new HashMap<>();
        Block head = new Block(nextGlobals);
        globals(head, c);
        head.out.addAll(fixed);
        if (c.myid() != null) head.add("sentinel myid", c.myid(), true);
        head.add("sentinel deny-scripts-reconfig", yesNo(c.denyScriptsReconfig()), !c.denyScriptsReconfig());
        head.add("sentinel resolve-hostnames", yesNo(c.resolveHostnames()), c.resolveHostnames());
        head.add("sentinel announce-hostnames", yesNo(c.announceHostnames()), c.announceHostnames());
        List<MasterLines> masters = new ArrayList<>(c.masters().size());
        for (MasterConfig m : c.masters()) masters.add(master(m));
        if (rendered.size() > masters.size()) forgetRemoved(masters);
        Block tail = new Block(nextGlobals);
        tail.add("sentinel current-epoch", Long.toString(c.currentEpoch()), true);
        if (c.announceIp() != null) {
            tail.raw("sentinel announce-ip", "sentinel announce-ip " + ConfTokens.quote(c.announceIp()), true);
        }
        if (c.announcePort() != 0) tail.add("sentinel announce-port", Integer.toString(c.announcePort()), true);
        if (c.sentinelUser() != null) tail.add("sentinel sentinel-user", c.sentinelUser(), true);
        if (c.sentinelPass() != null) tail.add("sentinel sentinel-pass", c.sentinelPass(), true);
        if (c.forgetUnresolvedAfterMillis() != 0) {
            tail.add("sentinel forget-unresolved-after", Long.toString(c.forgetUnresolvedAfterMillis()), true);
        }
        globals = nextGlobals;
        return new Rendered(head.out, masters, tail.out);
    }

    private void forgetRemoved(List<MasterLines> masters) {
        Set<String> names = new HashSet<>();
        for (MasterLines m : masters) names.add(m.config().name());
        rendered.keySet().retainAll(names);
    }

    private static void globals(Block b, SentinelConfig c) {
        if (!c.bind().isEmpty()) b.raw("bind", "bind " + ConfTokens.join(c.bind()), true);
        b.raw("dir", "dir " + ConfTokens.quote(c.dir()), true);
        b.raw("logfile", "logfile " + ConfTokens.quote(c.logfile()), !c.logfile().isEmpty());
        if (c.requirePass() != null) b.raw("requirepass", "requirepass " + ConfTokens.quote(c.requirePass()), true);
        // always written: Redis writes "no" (it differs from redis-server's default) but would drop "yes"
        b.raw("protected-mode", "protected-mode " + yesNo(c.protectedMode()), true);
        b.raw("port", "port " + c.port(), true);
        for (String user : c.users()) b.raw("user", "user " + user, true);
    }

    private MasterLines master(MasterConfig m) {
        MasterLines last = rendered.get(m.name());
        if (last != null && last.config().equals(m)) return last;
        Block b = new Block(null);
        masterLines(b, m);
        ConfRewriter.Line vote = m.leaderRunId() == null ? null : ConfRewriter.Line.of("sentinel leader-vote "
                + ConfTokens.join(List.of(m.name(), Long.toString(m.leaderEpoch()), m.leaderRunId())));
        MasterLines lines = new MasterLines(m, List.copyOf(b.out), vote);
        rendered.put(m.name(), lines);
        return lines;
    }

    private static void masterLines(Block b, MasterConfig m) {
        String n = ConfTokens.quoteIfNeeded(m.name()) + " ";
        b.add("sentinel monitor", List.of(m.name(), m.address().host(), Integer.toString(m.address().port()),
                Integer.toString(m.quorum())), true);
        if (m.downAfterMillis() != MasterConfig.DEFAULT_DOWN_AFTER_MILLIS) {
            b.raw("sentinel down-after-milliseconds", "sentinel down-after-milliseconds " + n + m.downAfterMillis(),
                    true);
        }
        if (m.failoverTimeoutMillis() != MasterConfig.DEFAULT_FAILOVER_TIMEOUT_MILLIS) {
            b.raw("sentinel failover-timeout", "sentinel failover-timeout " + n + m.failoverTimeoutMillis(), true);
        }
        if (m.parallelSyncs() != MasterConfig.DEFAULT_PARALLEL_SYNCS) {
            b.raw("sentinel parallel-syncs", "sentinel parallel-syncs " + n + m.parallelSyncs(), true);
        }
        b.optional("sentinel notification-script", m.name(), m.notificationScript());
        b.optional("sentinel client-reconfig-script", m.name(), m.clientReconfigScript());
        b.optional("sentinel auth-pass", m.name(), m.authPass());
        b.optional("sentinel auth-user", m.name(), m.authUser());
        if (m.masterRebootDownAfterPeriodMillis() != 0) {
            b.raw("sentinel master-reboot-down-after-period",
                    "sentinel master-reboot-down-after-period " + n + m.masterRebootDownAfterPeriodMillis(), true);
        }
        b.raw("sentinel config-epoch", "sentinel config-epoch " + n + m.configEpoch(), true);
        b.raw("sentinel leader-epoch", "sentinel leader-epoch " + n + m.leaderEpoch(), true);
        for (Address r : m.knownReplicas()) {
            b.add("sentinel known-replica", List.of(m.name(), r.host(), Integer.toString(r.port())), true);
        }
        for (KnownSentinel s : m.knownSentinels()) {
            b.add("sentinel known-sentinel", List.of(m.name(), s.address().host(),
                    Integer.toString(s.address().port()), s.runId()), true);
        }
        // sorted so that the same configuration always writes the same file
        for (Map.Entry<String, String> e : new TreeMap<>(m.renamedCommands()).entrySet()) {
            b.add("sentinel rename-command", List.of(m.name(), e.getKey(), e.getValue()), true);
        }
    }

    /** Collects owned lines in order; global ones ({@code nextGlobals} not null) reuse the last render's. */
    private final class Block {
        final List<Owned> out = new ArrayList<>();
        private final Map<String, Owned> nextGlobals;

        Block(Map<String, Owned> nextGlobals) {
            this.nextGlobals = nextGlobals;
        }

        void optional(String key, String master, String value) {
            if (value != null) add(key, List.of(master, value), true);
        }

        void add(String key, String value, boolean force) {
            add(key, List.of(value), force);
        }

        void add(String key, List<String> args, boolean force) {
            raw(key, key + " " + ConfTokens.join(args), force);
        }

        void raw(String key, String text, boolean force) {
            Owned last = nextGlobals == null ? null : globals.get(text);
            Owned o = last != null && last.key().equals(key) && last.force() == force ? last
                    : new Owned(key, text, force);
            if (nextGlobals != null) nextGlobals.put(text, o);
            out.add(o);
        }
    }

    private static String yesNo(boolean b) {
        return b ? "yes" : "no";
    }
}
