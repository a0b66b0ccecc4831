package io.sentinel.core.failover;

import io.sentinel.core.Effects;
import io.sentinel.core.action.RepointReplica;
import io.sentinel.core.event.EventType;
import io.sentinel.core.monitor.Describe;
import io.sentinel.core.monitor.MasterState;
import io.sentinel.core.monitor.NodeState;
import io.sentinel.core.monitor.Periodic;
import io.sentinel.core.monitor.ReplicaState;

/**
 * What a manual failover ({@code SENTINEL FAILOVER}, plain or coordinated) does beyond an automatic one.
 *
 * <p>Rule: a manual failover selects its replica on INFO asked for at selection time, not on what the last periodic
 * INFO said (up to ten seconds old while the master is up): a replica whose offset was best then may be behind now,
 * and promoting it costs the others a full resync (redis/redis#13483). Every reachable replica is asked, and the
 * selection waits for their answers, at most {@link #WAIT_MILLIS}. Differs from redis-sentinel and Valkey, which
 * select on the cached INFO.
 */
final class ManualFailover {
    /** The longest a selection waits for the answers. */
    static final long WAIT_MILLIS = 1000;

    private ManualFailover() {
    }

    /** True while the selection should wait: asks on the first call, then waits for every answer or the bound. */
    static boolean awaitedFreshInfo(MasterState m, long now, Effects out) {
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

    /**
     * Rule: after a forced failover's promotion, an old master still reachable is made a replica of the promoted one
     * at once (REPLICAOF, which also drops its clients), instead of after redis-sentinel's four hello periods
     * ({@code +convert-to-slave}, 8 s): every write it acknowledged meanwhile was lost, half of a busy writer's
     * writes over ten switchovers. Differs from redis-sentinel.
     */
    static void demoteOldMaster(MasterState m, ReplicaState promoted, Effects out) {
        NodeState old = m.master;
        if (old.link == null || !old.link.connected || old.isSdown()) return;
        out.add(new RepointReplica(old.target(), promoted.address, old.failover.ongoing()));
        out.event(m, EventType.CONVERT_TO_SLAVE, Describe.of(m, old));
    }

    private static boolean reachable(ReplicaState r) {
        return r.link != null && r.link.connected && !r.isSdown();
    }
}
