package io.sentinel.core.config;

import java.util.List;

/**
 * The whole configuration of one sentinel: global directives and monitored masters, including the runtime state
 * redis-sentinel writes back into {@code sentinel.conf} ({@code myid}, {@code current-epoch}, per master epochs and
 * known instances). Loaded from {@code sentinel.conf} or YAML; the core emits an updated one in {@code PersistState}.
 *
 * <p>{@code myid} is null until the first start makes one. {@code announcePort} 0 means "not set". {@code bind} empty
 * means Redis's default ({@code 127.0.0.1 ::1}... see ConfFileParser). {@code dir} is absolute once loaded.
 * {@code forgetUnresolvedAfterMillis} (ours, 0 = never): a replica or peer known by a host name that has not resolved
 * and not answered for this long is forgotten (a pod that was deleted, not moved).
 */
public record SentinelConfig(
        int port,
        List<String> bind,
        String dir,
        String logfile,
        boolean protectedMode,
        String requirePass,
        List<String> users,
        String myid,
        long currentEpoch,
        String announceIp,
        int announcePort,
        boolean resolveHostnames,
        boolean announceHostnames,
        boolean denyScriptsReconfig,
        String sentinelUser,
        String sentinelPass,
        List<MasterConfig> masters,
        long forgetUnresolvedAfterMillis) {

    public static final int DEFAULT_PORT = 26379;

    public SentinelConfig {
        bind = List.copyOf(bind);
        users = List.copyOf(users);
        masters = List.copyOf(masters);
    }

    public static SentinelConfig defaults(String dir) {
        return new SentinelConfig(DEFAULT_PORT, List.of(), dir, "", false, null, List.of(), null, 0, null, 0,
                false, false, true, null, null, List.of(), 0);
    }

    public SentinelConfig withMasters(List<MasterConfig> newMasters) {
        return new SentinelConfig(port, bind, dir, logfile, protectedMode, requirePass, users, myid, currentEpoch,
                announceIp, announcePort, resolveHostnames, announceHostnames, denyScriptsReconfig, sentinelUser,
                sentinelPass, newMasters, forgetUnresolvedAfterMillis);
    }

    public SentinelConfig withRuntime(String newMyid, long newCurrentEpoch, List<MasterConfig> newMasters) {
        return new SentinelConfig(port, bind, dir, logfile, protectedMode, requirePass, users, newMyid,
                newCurrentEpoch, announceIp, announcePort, resolveHostnames, announceHostnames, denyScriptsReconfig,
                sentinelUser, sentinelPass, newMasters, forgetUnresolvedAfterMillis);
    }

    public SentinelConfig withUsers(List<String> newUsers) {
        return new SentinelConfig(port, bind, dir, logfile, protectedMode, requirePass, newUsers, myid, currentEpoch,
                announceIp, announcePort, resolveHostnames, announceHostnames, denyScriptsReconfig, sentinelUser,
                sentinelPass, masters, forgetUnresolvedAfterMillis);
    }

    public SentinelConfig withPort(int newPort) {
        return new SentinelConfig(newPort, bind, dir, logfile, protectedMode, requirePass, users, myid, currentEpoch,
                announceIp, announcePort, resolveHostnames, announceHostnames, denyScriptsReconfig, sentinelUser,
                sentinelPass, masters, forgetUnresolvedAfterMillis);
    }

    public MasterConfig master(String name) {
        for (MasterConfig m : masters) {
            if (m.name().equals(name)) return m;
        }
        return null;
    }
}
