package io.sentinel.core.view;

import io.sentinel.core.SentinelState;
import io.sentinel.core.failover.FailoverPhase;
import io.sentinel.core.model.Address;
import io.sentinel.core.model.Role;
import io.sentinel.core.monitor.InstanceState;
import io.sentinel.core.monitor.LinkState;
import io.sentinel.core.monitor.MasterState;
import io.sentinel.core.monitor.NodeState;
import io.sentinel.core.monitor.PeerState;
import io.sentinel.core.monitor.ReplicaState;
import java.util.ArrayList;
import java.util.List;

/** Copies the core's mutable state into the immutable {@link SentinelView}. */
public final class ViewBuilder {
    private ViewBuilder() {
    }

    public static SentinelView build(SentinelState s, long now) {
        List<MasterView> masters = new ArrayList<>(s.masters.size());
        for (MasterState m : s.masters.values()) masters.add(master(m, now));
        return new SentinelView(now, s.myid, s.currentEpoch, s.tilt, s.tiltSince, s.simulateFailureFlags, s.timing,
                masters);
    }

    static MasterView master(MasterState m, long now) {
        List<InstanceView> replicas = new ArrayList<>(m.replicas.size());
        for (ReplicaState r : m.replicas.values()) replicas.add(instance(m, r));
        List<InstanceView> sentinels = new ArrayList<>(m.sentinels.size());
        for (PeerState p : m.sentinels.values()) sentinels.add(instance(m, p));
        return new MasterView(instance(m, m.master), m.toConfig(), replicas, sentinels, m.phase,
                m.failoverStateChangeAt, m.failoverStartAt, m.failoverEpoch,
                m.promoted == null ? null : m.announce.apply(m.promoted.address).hostPort(), m.leader, m.leaderEpoch,
                m.announce.apply(currentAddress(m)), m.addressConfirmed(now));
    }

    /** Once the failover has promoted its replica, clients are sent there, before the config switches. */
    static Address currentAddress(MasterState m) {
        boolean pastPromotion = m.phase == FailoverPhase.RECONF_SLAVES || m.phase == FailoverPhase.UPDATE_CONFIG;
        if (m.failoverInProgress() && pastPromotion && m.promoted != null) return m.promoted.address;
        return m.master.address;
    }

    static InstanceView instance(MasterState m, InstanceState ri) {
        LinkState link = ri.link;
        boolean connected = link != null && link.connected;
        Address shown = m.announce.apply(ri.address);
        String name = ri.role == Role.MASTER ? m.name : ri.role == Role.REPLICA ? shown.hostPort() : ri.name();
        NodeState n = ri instanceof NodeState node ? node : null;
        PeerState p = ri instanceof PeerState peer ? peer : null;
        return new InstanceView(ri.role, name, shown, ri.runId, flags(m, ri, connected),
                link == null ? 0 : link.pendingCommands, link == null ? 0 : link.refcount, connected,
                link == null ? 0 : link.pingSentAt, link == null ? 0 : link.lastOkPingReplyAt,
                link == null ? 0 : link.lastPingReplyAt, ri.sdownSince,
                ri.role == Role.MASTER ? m.odownSince : 0, m.downAfterMillis, n == null ? 0 : n.infoRefreshAt,
                n == null ? null : n.infoText, n == null ? null : n.roleReported, n == null ? 0 : n.roleReportedAt,
                n == null ? 0 : n.masterLinkDownMillis, n != null && n.masterLinkUp ? "ok" : "err",
                n == null ? null : n.masterHost, n == null ? 0 : n.masterPort, n == null ? 100 : n.priority,
                n == null ? 0 : n.replOffset, n == null || n.announced, p == null ? 0 : p.lastHelloAt,
                p == null ? null : p.votedFor, p == null ? 0 : p.votedForEpoch, link == null ? null : link.failure,
                link == null ? 0 : link.failingSince, link == null ? null : link.failureDetail);
    }

    /** Redis's flag words, in Redis's order. */
    static List<String> flags(MasterState m, InstanceState ri, boolean connected) {
        List<String> f = new ArrayList<>(4);
        if (ri.isSdown()) f.add("s_down");
        if (ri.role == Role.MASTER && m.isOdown()) f.add("o_down");
        f.add(ri.role.wireName());
        if (!connected) f.add("disconnected");
        if (ri instanceof PeerState p && p.masterDown) f.add("master_down");
        if (ri.role == Role.MASTER && m.failoverInProgress()) f.add("failover_in_progress");
        if (ri instanceof ReplicaState r) {
            if (r.promoted) f.add("promoted");
            if (r.reconfSent) f.add("reconf_sent");
            if (r.reconfInProgress) f.add("reconf_inprog");
            if (r.reconfDone) f.add("reconf_done");
        }
        return f;
    }
}
