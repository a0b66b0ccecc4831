package io.sentinel.core.info;

import io.sentinel.core.model.Address;
import io.sentinel.core.model.Role;
import java.util.List;

/**
 * The fields of an {@code INFO} reply a sentinel acts on. Absent numbers are -1 ({@code masterLinkDownSinceSeconds},
 * offsets), absent strings null. {@code replicas} are the master's {@code slaveN:} lines in order; {@code failover}
 * is {@code master_failover_state} ({@link ServerFailover#UNREPORTED} when absent).
 */
public record InfoSnapshot(
        String runId,
        Role role,
        String masterHost,
        int masterPort,
        boolean masterLinkUp,
        long masterLinkDownSinceSeconds,
        long slaveReplOffset,
        long masterReplOffset,
        int slavePriority,
        boolean replicaAnnounced,
        List<Address> replicas,
        ServerFailover failover) {

    public InfoSnapshot {
        replicas = List.copyOf(replicas);
    }
}
