package io.sentinel.server.config;

import io.sentinel.core.config.KnownSentinel;
import io.sentinel.core.model.Address;
import io.sentinel.core.model.IpLiteral;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code sentinel <subcommand> ...} directives. Redis queues them while reading and applies them at the end in
 * three passes (global ones, then every {@code monitor}, then per-master settings), so a per-master line may come
 * before its {@code monitor}. Error texts are Redis's.
 */
final class SentinelDirectives {
    /** Redis's {@code preMonitorCfgName}: applied before any {@code monitor}. */
    private static final Set<String> PRE_MONITOR = Set.of("announce-ip", "announce-port", "deny-scripts-reconfig",
            "sentinel-user", "sentinel-pass", "current-epoch", "myid", "resolve-hostnames", "announce-hostnames",
            "myid-from", "forget-unresolved-after");
    static final String UNRECOGNIZED = "Unrecognized sentinel configuration statement.";

    private final ConfigDraft draft;
    private final Path dir;
    private final boolean stateFile;

    /** {@code dir} resolves relative script paths; {@code stateFile} also accepts our {@code leader-vote} line. */
    SentinelDirectives(ConfigDraft draft, Path dir, boolean stateFile) {
        this.draft = draft;
        this.dir = dir;
        this.stateFile = stateFile;
    }

    void applyAll(List<ConfLine> lines) throws ConfigException {
        List<ConfLine> monitor = new ArrayList<>();
        List<ConfLine> post = new ArrayList<>();
        for (ConfLine l : lines) {
            String sub = sub(l);
            if (PRE_MONITOR.contains(sub)) applyGlobal(l, sub);
            else if (sub.equals("monitor")) monitor.add(l);
            else post.add(l);
        }
        for (ConfLine l : monitor) monitor(l);
        for (ConfLine l : post) applyMaster(l, sub(l));
    }

    private static String sub(ConfLine l) {
        return canonicalSub(l.arg(1).toLowerCase(Locale.ROOT));
    }

    /** Valkey 8's {@code primary-reboot-down-after-period} is read as 7.0's name, as Valkey reads both. */
    static String canonicalSub(String lowerCaseSub) {
        return lowerCaseSub.equals(VALKEY_REBOOT_PERIOD) ? "master-reboot-down-after-period" : lowerCaseSub;
    }

    static final String VALKEY_REBOOT_PERIOD = "primary-reboot-down-after-period";

    private void applyGlobal(ConfLine l, String sub) throws ConfigException {
        if (l.argc() != 3) throw l.error(UNRECOGNIZED);
        String v = l.arg(2);
        switch (sub) {
            case "announce-ip":
                draft.announceIp = v.isEmpty() ? null : v;
                String problem = AnnounceCheck.problem(draft.announceIp, draft.bind);
                if (problem != null) throw l.error(problem);
                break;
            case "announce-port": draft.announcePort = port(l, v); break;
            case "deny-scripts-reconfig":
                draft.denyScriptsReconfig = yesNo(l, v, "Please specify yes or no for the deny-scripts-reconfig options.");
                break;
            case "resolve-hostnames":
                draft.resolveHostnames = yesNo(l, v, "Please specify yes or no for the resolve-hostnames option.");
                break;
            case "announce-hostnames":
                draft.announceHostnames = yesNo(l, v, "Please specify yes or no for the announce-hostnames option.");
                break;
            case "sentinel-user": draft.sentinelUser = v.isEmpty() ? null : v; break;
            case "sentinel-pass": draft.sentinelPass = v.isEmpty() ? null : v; break;
            case "current-epoch": draft.currentEpoch = Math.max(draft.currentEpoch, epoch(l, v)); break;
            case "myid":
                if (!v.matches("[0-9a-fA-F]{40}")) throw l.error("Malformed Sentinel id in myid option.");
                draft.myid = v.toLowerCase(Locale.ROOT);
                break;
            case "forget-unresolved-after":
                draft.forgetUnresolvedAfterMillis = longOr(v, -1);
                if (draft.forgetUnresolvedAfterMillis < 0) {
                    throw l.error("forget-unresolved-after needs milliseconds (0 = never forget).");
                }
                break;
            case "myid-from":
                if (v.isEmpty()) throw l.error("myid-from needs a non-empty string, such as the pod name.");
                draft.serverSettings.put(MyidFrom.SETTING, v);
                break;
            default: throw new IllegalStateException(sub);
        }
    }

    private void monitor(ConfLine l) throws ConfigException {
        if (l.argc() != 6) throw l.error(UNRECOGNIZED);
        String name = l.arg(2);
        int quorum = intOr(l.arg(5), 0);
        if (quorum <= 0) throw l.error("Quorum must be 1 or greater.");
        Address address = address(l, l.arg(3), l.arg(4));
        if (draft.masters.containsKey(name)) throw l.error("Duplicate master name.");
        draft.masters.put(name, new MasterDraft(name, address, quorum));
    }

    private void applyMaster(ConfLine l, String sub) throws ConfigException {
        if (l.argc() < 3) throw l.error(UNRECOGNIZED);
        MasterDraft m = draft.masters.get(l.arg(2));
        // an unknown subcommand reads as unknown even when its master is missing, as in Redis
        if (!knownMasterSub(sub, l.argc())) throw l.error(UNRECOGNIZED);
        if (m == null) throw l.error("No such master with specified name.");
        String v = l.arg(3);
        switch (sub) {
            case "down-after-milliseconds": m.downAfterMillis = positiveMillis(l, v); break;
            case "failover-timeout": m.failoverTimeoutMillis = positiveMillis(l, v); break;
            case "parallel-syncs": m.parallelSyncs = nonNegativeInt(l, v, "Invalid parallel-syncs value."); break;
            case "auth-pass": m.authPass = v; break;
            case "auth-user": m.authUser = v; break;
            case "notification-script":
                m.notificationScript = script(l, v, "Notification script seems non existing or non executable.");
                break;
            case "client-reconfig-script":
                m.clientReconfigScript = script(l, v,
                        "Client reconfiguration script seems non existing or non executable.");
                break;
            case "master-reboot-down-after-period":
                long period = longOr(v, -1);
                if (period < 0) throw l.error("negative time parameter.");
                m.masterRebootDownAfterPeriodMillis = period;
                break;
            case "config-epoch":
                m.configEpoch = epoch(l, v);
                // Redis keeps current-epoch at least as high as any config epoch it reads
                draft.currentEpoch = Math.max(draft.currentEpoch, m.configEpoch);
                break;
            case "leader-epoch": m.leaderEpoch = epoch(l, v); break;
            default: applyMasterMulti(l, sub, m);
        }
    }

    private static boolean knownMasterSub(String sub, int argc) {
        switch (sub) {
            case "down-after-milliseconds": case "failover-timeout": case "parallel-syncs": case "auth-pass":
            case "auth-user": case "notification-script": case "client-reconfig-script":
            case "master-reboot-down-after-period": case "config-epoch": case "leader-epoch":
                return argc == 4;
            case "rename-command": case "known-replica": case "known-slave":
                return argc == 5;
            case "known-sentinel":
                return argc == 5 || argc == 6;
            case "leader-vote":
                return argc == 5;
            default:
                return false;
        }
    }

    private void applyMasterMulti(ConfLine l, String sub, MasterDraft m) throws ConfigException {
        switch (sub) {
            case "rename-command":
                String command = l.arg(3).toUpperCase(Locale.ROOT);
                if (m.renamedCommands.containsKey(command)) {
                    throw l.error("Same command renamed multiple times with rename-command.");
                }
                m.renamedCommands.put(command, l.arg(4));
                break;
            case "known-replica": case "known-slave":
                Address replica = address(l, l.arg(3), l.arg(4));
                if (m.knownReplicas.contains(replica)) throw l.error("Duplicate hostname and port for replica.");
                m.knownReplicas.add(replica);
                break;
            case "known-sentinel":
                knownSentinel(l, m);
                break;
            case "leader-vote":
                if (!stateFile) throw l.error(UNRECOGNIZED);
                m.leaderEpoch = epoch(l, l.arg(3));
                m.leaderRunId = l.arg(4);
                break;
            default: throw new IllegalStateException(sub);
        }
    }

    private void knownSentinel(ConfLine l, MasterDraft m) throws ConfigException {
        Address address = address(l, l.arg(3), l.arg(4));
        if (l.argc() == 5) return; // Redis ignores a known-sentinel without run id
        String runId = l.arg(5);
        for (KnownSentinel k : m.knownSentinels) {
            if (k.runId().equals(runId)) throw l.error("Duplicate runid for sentinel.");
            if (k.address().equals(address)) throw l.error("Duplicate hostname and port for sentinel.");
        }
        m.knownSentinels.add(new KnownSentinel(address, runId));
    }

    private String script(ConfLine l, String v, String error) throws ConfigException {
        Path p = l.resolve(dir, v);
        if (!Files.isRegularFile(p) || !Files.isExecutable(p)) throw l.error(error);
        return p.toString();
    }

    /**
     * Without resolve-hostnames Redis takes only IP literals here. With it, Redis also refuses a name that does not
     * resolve at start; we take it and resolve it on every connection attempt (a pod's DNS record may come later).
     */
    private Address address(ConfLine l, String host, String port) throws ConfigException {
        if (host.isEmpty() || (!draft.resolveHostnames && !IpLiteral.isIp(host))) {
            throw l.error("Can't resolve instance hostname.");
        }
        return new Address(host, port(l, port));
    }

    static int port(ConfLine l, String v) throws ConfigException {
        int p = intOr(v, -1);
        if (p < 0 || p > 65535) throw l.error("Invalid port number.");
        return p;
    }

    static boolean yesNo(ConfLine l, String v, String error) throws ConfigException {
        if (v.equalsIgnoreCase("yes")) return true;
        if (v.equalsIgnoreCase("no")) return false;
        throw l.error(error);
    }

    private static long epoch(ConfLine l, String v) throws ConfigException {
        long e = longOr(v, -1);
        if (e < 0) throw l.error("Invalid epoch.");
        return e;
    }

    private static long positiveMillis(ConfLine l, String v) throws ConfigException {
        long ms = longOr(v, 0);
        if (ms <= 0) throw l.error("negative or zero time parameter.");
        return ms;
    }

    private static int nonNegativeInt(ConfLine l, String v, String error) throws ConfigException {
        int n = intOr(v, -1);
        if (n < 0) throw l.error(error);
        return n;
    }

    /**
     * A decimal long, or {@code otherwise}: every value SENTINEL SET accepts (all 19 digits of a long) must load
     * again from the file it was written to, or the sentinel cannot restart.
     */
    static long longOr(String v, long otherwise) {
        if (!v.matches("-?[0-9]{1,19}")) return otherwise;
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            return otherwise; // beyond a long
        }
    }

    static int intOr(String v, int otherwise) {
        long n = longOr(v, Long.MIN_VALUE);
        return n == Long.MIN_VALUE || n > Integer.MAX_VALUE || n < Integer.MIN_VALUE ? otherwise : (int) n;
    }
}
