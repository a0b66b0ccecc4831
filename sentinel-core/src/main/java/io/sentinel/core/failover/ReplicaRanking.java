package io.sentinel.core.failover;

import io.sentinel.core.config.Timing;
import io.sentinel.core.monitor.MasterState;
import io.sentinel.core.monitor.ReplicaState;
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

    public static boolean isDown(ReplicaState r) {
        return r.isSdown();
    }

    public static boolean isDisconnected(ReplicaState r) {
        return r.link == null || !r.link.connected;
    }

    public static boolean pingTooOld(ReplicaState r, Timing t, long now) {
        return r.link == null || now - r.link.lastOkPingReplyAt > 5 * t.pingPeriod();
    }

    public static boolean neverPromote(ReplicaState r) {
        return r.priority == 0;
    }

    /** INFO must be fresher than 5 ping periods while the master is SDOWN, 3 info periods otherwise. */
    public static boolean infoTooOld(MasterState m, ReplicaState r, Timing t, long now) {
        long validity = m.master.isSdown() ? 5 * t.pingPeriod() : 3 * t.infoPeriod();
        return r.infoRefreshAt == 0 || now - r.infoRefreshAt > validity;
    }

    /**
     * The replica lost its master link long before the master went down: its data is too old. Redis measures "since
     * the master went down" from its own SDOWN; a sentinel restarted during the outage then rejects every replica.
     * Differs: we also take the shortest link-down time its sibling replicas report, the best sign of when the
     * master really went away, so only a replica disconnected much longer than its siblings is rejected.
     */
    public static boolean linkDownTooLong(MasterState m, ReplicaState r, long now) {
        long downFor = m.master.isSdown() ? now - m.master.sdownSince : 0;
        long shortestLinkDown = Long.MAX_VALUE;
        for (ReplicaState sibling : m.replicas.values()) {
            if (sibling != r && sibling.masterLinkDownMillis > 0) shortestLinkDown = Math.min(shortestLinkDown, sibling.masterLinkDownMillis);
        }
        if (m.master.isSdown() && shortestLinkDown != Long.MAX_VALUE) downFor = Math.max(downFor, shortestLinkDown);
        return r.masterLinkDownMillis > 10 * m.downAfterMillis + downFor;
    }

    public static boolean eligible(MasterState m, ReplicaState r, Timing t, long now) {
        return !isDown(r) && !isDisconnected(r) && !pingTooOld(r, t, now) && !neverPromote(r)
                && !infoTooOld(m, r, t, now) && !linkDownTooLong(m, r, now);
    }

    /** Some replica would qualify but for the age of its INFO: worth waiting a moment for a fresh one. */
    public static boolean waitingForInfo(MasterState m, Timing t, long now) {
        for (ReplicaState r : m.replicas.values()) {
            if (infoTooOld(m, r, t, now) && !isDown(r) && !isDisconnected(r) && !pingTooOld(r, t, now)
                    && !neverPromote(r) && !linkDownTooLong(m, r, now)) return true;
        }
        return false;
    }

    public static final Comparator<ReplicaState> BEST_FIRST = Comparator
            .comparingInt((ReplicaState r) -> r.priority)
            .thenComparing(r -> r.replOffset, Comparator.reverseOrder())
            .thenComparing(r -> r.runId, Comparator.nullsLast(Comparator.naturalOrder()));

    /** The best eligible replica, or null. */
    public static ReplicaState select(MasterState m, Timing t, long now) {
        List<ReplicaState> candidates = new ArrayList<>();
        for (ReplicaState r : m.replicas.values()) {
            if (eligible(m, r, t, now)) candidates.add(r);
        }
        candidates.sort(BEST_FIRST);
        return candidates.isEmpty() ? null : candidates.get(0);
    }
}
