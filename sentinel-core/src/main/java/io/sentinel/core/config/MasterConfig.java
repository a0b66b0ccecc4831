package io.sentinel.core.config;

import io.sentinel.core.model.Address;
import io.sentinel.core.model.LinkSettings;
import java.util.List;
import java.util.Map;

/**
 * One monitored master as {@code sentinel.conf} describes it: the user's settings plus the runtime state Redis
 * persists with it (config epoch, leader epoch, known replicas and sentinels). {@code address} is the current master.
 * {@code leaderRunId} is the vote cast in {@code leaderEpoch}; redis-sentinel does not persist it, we do in the
 * state file. Strings that are unset are null.
 */
public record MasterConfig(
        String name,
        Address address,
        int quorum,
        long downAfterMillis,
        long failoverTimeoutMillis,
        int parallelSyncs,
        String authUser,
        String authPass,
        String notificationScript,
        String clientReconfigScript,
        long masterRebootDownAfterPeriodMillis,
        Map<String, String> renamedCommands,
        List<Address> knownReplicas,
        List<KnownSentinel> knownSentinels,
        long configEpoch,
        long leaderEpoch,
        String leaderRunId) {

    public static final long DEFAULT_DOWN_AFTER_MILLIS = 30_000;
    public static final long DEFAULT_FAILOVER_TIMEOUT_MILLIS = 180_000;
    public static final int DEFAULT_PARALLEL_SYNCS = 1;

    public MasterConfig {
        renamedCommands = Map.copyOf(renamedCommands);
        knownReplicas = List.copyOf(knownReplicas);
        knownSentinels = List.copyOf(knownSentinels);
    }

    /** A freshly monitored master with Redis's defaults. */
    public static MasterConfig withDefaults(String name, Address address, int quorum) {
        return new MasterConfig(name, address, quorum, DEFAULT_DOWN_AFTER_MILLIS, DEFAULT_FAILOVER_TIMEOUT_MILLIS,
                DEFAULT_PARALLEL_SYNCS, null, null, null, null, 0, Map.of(), List.of(), List.of(), 0, 0, null);
    }

    /** The credentials and renames a link to this master's instances uses. */
    public LinkSettings linkSettings() {
        return new LinkSettings(authUser, authPass, renamedCommands);
    }
}
