package io.sentinel.core.view;

import io.sentinel.core.config.MasterConfig;
import java.util.List;

/**
 * A read-only snapshot of one monitored master: the master instance itself, its settings ({@code config}, whose
 * address is the current master), its replicas and peer sentinels in a stable order (by address), and the failover
 * in progress ({@code failoverState} is Redis's name, e.g. {@code wait_promotion}, or {@code none}).
 */
public record MasterView(
        InstanceView master,
        MasterConfig config,
        List<InstanceView> replicas,
        List<InstanceView> sentinels,
        String failoverState,
        long failoverStateChangedAtMillis,
        long failoverStartedAtMillis,
        long failoverEpoch,
        String promotedReplica,
        String leader,
        long leaderEpoch) {

    public MasterView {
        replicas = List.copyOf(replicas);
        sentinels = List.copyOf(sentinels);
    }

    public String name() {
        return config.name();
    }

    /** {@code ok}, {@code sdown} or {@code odown}, as in {@code INFO sentinel}. */
    public String status() {
        if (master.odownSinceMillis() != 0) return "odown";
        if (master.sdownSinceMillis() != 0) return "sdown";
        return "ok";
    }
}
