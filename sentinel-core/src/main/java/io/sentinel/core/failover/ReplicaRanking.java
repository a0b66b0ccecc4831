package io.sentinel.core.failover;

import io.sentinel.core.config.Timing;
import io.sentinel.core.monitor.InstanceState;
import io.sentinel.core.monitor.MasterState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which replica to promote (sentinelSelectSlave): each disqualifying rule is a named predicate; the survivors are
 * ranked by priority (lowest first), replication offset (highest first), then run id (smallest first).
 */
public final class ReplicaRanking {
    private ReplicaRanking() {
    }

    public static boolean isDown(InstanceState r) {
        return r.isSdown();
    }

    public static boolean isDisconnected(InstanceState r) {
        return r.link == null || !r.link.connected;
    }

    public static boolean pingTooOld(InstanceState r, Timing t, long now) {
        return r.link == null || now - r.link.lastOkPingReplyAt > 5 * t.pingPeriod();
    }

    public static boolean neverPromote(InstanceState r) {
        return r.priority == 0;
    }

    /** INFO must be fresher than 5 ping periods while the master is SDOWN, 3 info periods otherwise. */
    public static boolean infoTooOld(MasterState m, InstanceState r, Timing t, long now) {
        long validity = m.master.isSdown() ? 5 * t.pingPeriod() : 3 * t.infoPeriod();
        return r.infoRefreshAt == 0 || now - r.infoRefreshAt > validity;
    }

    /** The replica lost its master link long before the master went down: its data is too old. */
    public static boolean linkDownTooLong(MasterState m, InstanceState r, long now) {
        long maxDown = 10 * m.downAfterMillis;
        if (m.master.isSdown()) maxDown += now - m.master.sdownSince;
        return r.masterLinkDownMillis > maxDown;
    }

    public static boolean eligible(MasterState m, InstanceState r, Timing t, long now) {
        return !isDown(r) && !isDisconnected(r) && !pingTooOld(r, t, now) && !neverPromote(r)
                && !infoTooOld(m, r, t, now) && !linkDownTooLong(m, r, now);
    }

    public static final Comparator<InstanceState> BEST_FIRST = Comparator
            .comparingInt((InstanceState r) -> r.priority)
            .thenComparing(r -> r.replOffset, Comparator.reverseOrder())
            .thenComparing(r -> r.runId, Comparator.nullsLast(Comparator.naturalOrder()));

    /** The best eligible replica, or null. */
    public static InstanceState select(MasterState m, Timing t, long now) {
        List<InstanceState> candidates = new ArrayList<>();
        for (InstanceState r : m.replicas.values()) {
            if (eligible(m, r, t, now)) candidates.add(r);
        }
        candidates.sort(BEST_FIRST);
        return candidates.isEmpty() ? null : candidates.get(0);
    }
}
