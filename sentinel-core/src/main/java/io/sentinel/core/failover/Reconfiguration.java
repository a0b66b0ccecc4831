package io.sentinel.core.failover;

import io.sentinel.core.Effects;
import io.sentinel.core.SentinelState;
import io.sentinel.core.event.EventType;
import io.sentinel.core.monitor.Describe;
import io.sentinel.core.monitor.MasterState;
import io.sentinel.core.monitor.ReplicaState;

/** RECONF_SLAVES: point the other replicas at the promoted one, parallel-syncs at a time, then end the failover. */
final class Reconfiguration {
    private Reconfiguration() {
    }

    /** sentinelFailoverReconfNextSlave. */
    static void next(SentinelState s, MasterState m, long now, Effects out) {
        int inProgress = 0;
        for (ReplicaState r : m.replicas.values()) {
            if (r.reconfSent || r.reconfInProgress) inProgress++;
        }
        for (ReplicaState r : m.replicas.values()) {
            if (inProgress >= m.parallelSyncs) break;
            if (r.promoted || r.reconfDone) continue;
            if (r.reconfSent && now - r.reconfSentAt > s.timing.slaveReconfTimeout()) {
                out.event(m, EventType.SLAVE_RECONF_SENT_TIMEOUT, Describe.of(m, r));
                r.reconfSent = false;
                r.reconfDone = true;
                continue;
            }
            if (r.reconfSent || r.reconfInProgress) continue;
            if (r.link == null || !r.link.connected) continue;
            Failover.repoint(r, m.promoted.address, out);
            r.reconfSent = true;
            r.reconfSentAt = now;
            out.event(m, EventType.SLAVE_RECONF_SENT, Describe.of(m, r));
            inProgress++;
        }
    }

    /** sentinelFailoverDetectEnd: every reachable replica reconfigured, or failover-timeout passed. */
    static void detectEnd(MasterState m, long now, Effects out) {
        if (m.phase != FailoverPhase.RECONF_SLAVES) return;
        int notReconfigured = 0;
        for (ReplicaState r : m.replicas.values()) {
            if (r.promoted || r.reconfDone || r.isSdown()) continue;
            notReconfigured++;
        }
        boolean timeout = now - m.failoverStateChangeAt > m.failoverTimeoutMillis;
        if (timeout) {
            notReconfigured = 0;
            out.event(m, EventType.FAILOVER_END_FOR_TIMEOUT, Describe.of(m, m.master));
        }
        if (notReconfigured > 0) return;
        out.event(m, EventType.FAILOVER_END, Describe.of(m, m.master));
        Failover.enter(m, FailoverPhase.UPDATE_CONFIG, now);
        if (!timeout) return;
        for (ReplicaState r : m.replicas.values()) {
            if (r.promoted || r.reconfDone || r.reconfSent || r.link == null || !r.link.connected) continue;
            Failover.repoint(r, m.promoted.address, out);
            r.reconfSent = true;
            out.event(m, EventType.SLAVE_RECONF_SENT, Describe.of(m, r));
        }
    }
}
