package io.sentinel.core.view;

import io.sentinel.core.config.MasterConfig;
import io.sentinel.core.failover.FailoverPhase;
import io.sentinel.core.model.Address;
import java.util.List;

/**
 * A read-only snapshot of one monitored master: the master instance itself, its settings ({@code config}, whose
 * address is the current master), its replicas and peer sentinels in a stable order (by address), and the failover
 * in progress ({@code phase}), and {@code currentAddress}: where clients should write now, the promoted replica's
 * address once the failover has promoted it (redis-sentinel's get-master-addr-by-name), else the master's;
 * {@code addressConfirmed}: false after a start until a peer or the master confirmed it (see
 * {@code MasterState.confirmAddress}).
 */
public record MasterView(
        InstanceView master,
        MasterConfig config,
        List<InstanceView> replicas,
        List<InstanceView> sentinels,
        FailoverPhase phase,
        long failoverStateChangedAtMillis,
        long failoverStartedAtMillis,
        long failoverEpoch,
        String promotedReplica,
        String leader,
        long leaderEpoch,
        Address currentAddress,
        boolean addressConfirmed) {

    public MasterView {
        replicas = List.copyOf(replicas);
        sentinels = List.copyOf(sentinels);
    }

    public String name() {
        return config.name();
    }

    /** Redis's name of the failover state, e.g. {@code wait_promotion}, or {@code none}. */
    public String failoverState() {
        return phase.wireName();
    }

    /** {@code ok}, {@code sdown} or {@code odown}, as in {@code INFO sentinel}. */
    public String status() {
        if (master.odownSinceMillis() != 0) return "odown";
        if (master.sdownSinceMillis() != 0) return "sdown";
        return "ok";
    }
}
