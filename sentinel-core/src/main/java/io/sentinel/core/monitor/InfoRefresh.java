package io.sentinel.core.monitor;

import io.sentinel.core.Effects;
import io.sentinel.core.SentinelState;
import io.sentinel.core.event.EventType;
import io.sentinel.core.failover.Failover;
import io.sentinel.core.failover.FailoverPhase;
import io.sentinel.core.info.InfoSnapshot;
import io.sentinel.core.model.Address;
import io.sentinel.core.model.IpLiteral;
import io.sentinel.core.model.Role;
import java.util.Objects;

/** sentinelRefreshInstanceInfo: learn from an INFO reply, and act on role changes. */
public final class InfoRefresh {
    private InfoRefresh() {
    }

    public static void apply(SentinelState s, MasterState m, NodeState ri, InfoSnapshot info, String text,
            long now, Effects out) {
        if (info.runId() != null) {
            if (ri.runId != null && !ri.runId.equals(info.runId())) {
                out.event(m, EventType.REBOOT, Describe.of(m, ri));
                if (ri.role == Role.MASTER && m.rebootDownAfterPeriodMillis > 0) ri.rebootSince = now;
            }
            ri.runId = info.runId();
        }
        if (ri.role == Role.MASTER) discoverReplicas(s, m, info, now, out);
        ri.infoRefreshAt = now;
        ri.infoText = text;
        if (info.failover() != ri.failover) {
            ri.failover = info.failover();
            ri.failoverChangedAt = now;
        }
        if (info.role() != null && info.role() != ri.roleReported) {
            ri.roleReportedAt = now;
            ri.roleReported = info.role();
            if (info.role() == Role.REPLICA) ri.replicaConfChangeAt = now;
            // sentinelRefreshInstanceInfo: "+role-change" when the reported role agrees with ours, else "-role-change"
            EventType type = info.role() == ri.role ? EventType.ROLE_CHANGE : EventType.ROLE_CHANGE_MISMATCH;
            out.event(m, type, Describe.of(m, ri), "new reported role is " + info.role().wireName());
        }
        if (info.role() == Role.REPLICA) {
            if (info.masterPort() != ri.masterPort || !Objects.equals(info.masterHost(), ri.masterHost)) {
                ri.replicaConfChangeAt = now;
            }
            ri.applyReplicaInfo(info);
        }
        if (ri.rebootSince != 0 && now - ri.rebootSince > m.rebootDownAfterPeriodMillis) ri.rebootSince = 0;
        if (s.tilt) return;
        if (ri instanceof ReplicaState r && info.role() == Role.MASTER) replicaClaimsMaster(s, m, r, now, out);
        if (ri instanceof ReplicaState r && info.role() == Role.REPLICA) {
            if (!repairStuckFailover(s, m, r, now, out)) fixReplicaConfig(s, m, r, now, out);
            trackReconfiguration(m, r, out);
        }
    }

    private static void discoverReplicas(SentinelState s, MasterState m, InfoSnapshot info, long now, Effects out) {
        for (Address a : info.replicas()) {
            if (m.replicas.containsKey(a) || a.equals(m.master.address)) continue;
            // without resolve-hostnames redis-sentinel cannot make an instance of a replica announced by name
            if (!s.config.resolveHostnames() && !IpLiteral.isIp(a.host())) continue;
            ReplicaState r = new ReplicaState(a, now);
            s.links.attach(r, m.linkSettings(), now, out);
            m.replicas.put(a, r);
            out.event(m, EventType.SLAVE, Describe.of(m, r));
            out.persist();
        }
    }

    private static void replicaClaimsMaster(SentinelState s, MasterState m, ReplicaState ri, long now,
            Effects out) {
        if (ri.promoted && m.phase == FailoverPhase.WAIT_PROMOTION) {
            Failover.promotionConfirmed(s, m, ri, now, out);
            return;
        }
        long wait = 4 * s.timing.publishPeriod();
        if (!ri.promoted && masterLooksSane(s, m, now) && noDownFor(ri, wait, now)
                && now - ri.roleReportedAt > wait) {
            Failover.repoint(ri, m.master.address, out);
            out.event(m, EventType.CONVERT_TO_SLAVE, Describe.of(m, ri));
        }
    }

    private static void fixReplicaConfig(SentinelState s, MasterState m, ReplicaState ri, long now, Effects out) {
        Address master = m.master.address;
        if (ri.masterPort == master.port() && master.host().equalsIgnoreCase(ri.masterHost)) return;
        if (m.failoverInProgress()) return;
        long wait = m.failoverTimeoutMillis;
        if (masterLooksSane(s, m, now) && noDownFor(ri, wait, now) && now - ri.replicaConfChangeAt > wait) {
            Failover.repoint(ri, master, out);
            out.event(m, EventType.FIX_SLAVE_CONFIG, Describe.of(m, ri));
        }
    }

    /**
     * Valkey: a replica reporting a FAILOVER of its own for longer than failover-timeout (an old master that demoted
     * itself for a hand-over whose target never answered) is stuck; it is repointed at the master, FAILOVER ABORT
     * first, since REPLICAOF is refused during a FAILOVER.
     */
    private static boolean repairStuckFailover(SentinelState s, MasterState m, ReplicaState ri, long now,
            Effects out) {
        long wait = m.failoverTimeoutMillis;
        if (!ri.failover.ongoing() || !masterLooksSane(s, m, now) || !noDownFor(ri, wait, now)
                || now - ri.failoverChangedAt <= wait) return false;
        Failover.repoint(ri, m.master.address, out);
        out.event(m, EventType.FIX_SLAVE_CONFIG, Describe.of(m, ri));
        return true;
    }

    private static void trackReconfiguration(MasterState m, ReplicaState ri, Effects out) {
        if (!(ri.reconfSent || ri.reconfInProgress) || m.promoted == null) return;
        Address promoted = m.promoted.address;
        if (ri.reconfSent && ri.masterPort == promoted.port() && promoted.host().equalsIgnoreCase(ri.masterHost)) {
            ri.reconfSent = false;
            ri.reconfInProgress = true;
            out.event(m, EventType.SLAVE_RECONF_INPROG, Describe.of(m, ri));
        }
        if (ri.reconfInProgress && ri.masterLinkUp) {
            ri.reconfInProgress = false;
            ri.reconfDone = true;
            out.event(m, EventType.SLAVE_RECONF_DONE, Describe.of(m, ri));
        }
    }

    /** sentinelMasterLooksSane: a master reporting master, not down, with fresh INFO. */
    static boolean masterLooksSane(SentinelState s, MasterState m, long now) {
        NodeState master = m.master;
        return master.roleReported == Role.MASTER && !master.isSdown() && !m.isOdown()
                && master.infoRefreshAt != 0 && now - master.infoRefreshAt < 2 * s.timing.infoPeriod();
    }

    /** sentinelRedisInstanceNoDownFor. */
    static boolean noDownFor(InstanceState ri, long millis, long now) {
        return ri.sdownSince == 0 || now - ri.sdownSince > millis;
    }
}
