package io.sentinel.core.failover;

import io.sentinel.core.Effects;
import io.sentinel.core.monitor.MasterState;
import io.sentinel.core.monitor.Periodic;
import io.sentinel.core.monitor.ReplicaState;

/**
 * Rule: a manual failover selects its replica on INFO asked for at selection time, not on what the last periodic
 * INFO said (up to ten seconds old while the master is up): a replica whose offset was best then may be behind now,
 * and promoting it costs the others a full resync (redis/redis#13483). Every reachable replica is asked, and the
 * selection waits for their answers, at most {@link #WAIT_MILLIS}. Differs from redis-sentinel and Valkey, which
 * select on the cached INFO.
 */
final class FreshInfo {
    /** The longest a selection waits for the answers. */
    static final long WAIT_MILLIS = 1000;

    private FreshInfo() {
    }

    /** True while the selection should wait: asks on the first call, then waits for every answer or the bound. */
    static boolean awaited(MasterState m, long now, Effects out) {
        if (m.freshInfoAskedAt == 0) {
            m.freshInfoAskedAt = now;
            for (ReplicaState r : m.replicas.values()) {
                // one already in flight answers soon enough: its reply is no older than the request
                if (reachable(r) && !r.infoInFlight) Periodic.requestInfo(r, now, out);
            }
        }
        if (now - m.freshInfoAskedAt >= WAIT_MILLIS) return false;
        for (ReplicaState r : m.replicas.values()) {
            if (reachable(r) && r.infoRefreshAt < m.freshInfoAskedAt) return true;
        }
        return false;
    }

    private static boolean reachable(ReplicaState r) {
        return r.link != null && r.link.connected && !r.isSdown();
    }
}
