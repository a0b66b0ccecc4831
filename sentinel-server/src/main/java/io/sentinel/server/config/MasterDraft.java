package io.sentinel.server.config;

import io.sentinel.core.config.KnownSentinel;
import io.sentinel.core.config.MasterConfig;
import io.sentinel.core.model.Address;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A master being read from a file: mutable while directives arrive, then frozen into a {@link MasterConfig}. */
final class MasterDraft {
    final String name;
    Address address;
    int quorum;
    long downAfterMillis = MasterConfig.DEFAULT_DOWN_AFTER_MILLIS;
    long failoverTimeoutMillis = MasterConfig.DEFAULT_FAILOVER_TIMEOUT_MILLIS;
    int parallelSyncs = MasterConfig.DEFAULT_PARALLEL_SYNCS;
    String authUser;
    String authPass;
    String notificationScript;
    String clientReconfigScript;
    long masterRebootDownAfterPeriodMillis;
    final Map<String, String> renamedCommands = new LinkedHashMap<>();
    final List<Address> knownReplicas = new ArrayList<>();
    final List<KnownSentinel> knownSentinels = new ArrayList<>();
    long configEpoch;
    long leaderEpoch;
    String leaderRunId;

    MasterDraft(String name, Address address, int quorum) {
        this.name = name;
        this.address = address;
        this.quorum = quorum;
    }

    MasterConfig build() {
        return new MasterConfig(name, address, quorum, downAfterMillis, failoverTimeoutMillis, parallelSyncs, authUser,
                authPass, notificationScript, clientReconfigScript, masterRebootDownAfterPeriodMillis,
                renamedCommands, knownReplicas, knownSentinels, configEpoch, leaderEpoch, leaderRunId);
    }
}
