package io.sentinel.core.view;

import io.sentinel.core.SentinelState;
import io.sentinel.core.model.Address;
import io.sentinel.core.monitor.InstanceState;
import io.sentinel.core.monitor.LinkState;
import io.sentinel.core.monitor.MasterState;
import io.sentinel.core.model.Role;
import java.util.ArrayList;
import java.util.List;

/** Copies the core's mutable state into the immutable {@link SentinelView}. */
public final class ViewBuilder {
    private ViewBuilder() {
    }

    public static SentinelView build(SentinelState s, long now) {
        List<MasterView> masters = new ArrayList<>(s.masters.size());
        for (MasterState m : s.masters.values()) masters.add(master(m));
        return new SentinelView(now, s.myid, s.currentEpoch, s.tilt, s.tiltSince, s.simulateFailureFlags, s.timing,
                masters);
    }

    static MasterView master(MasterState m) {
        List<InstanceView> replicas = new ArrayList<>(m.replicas.size());
        for (InstanceState r : m.replicas.values()) replicas.add(instance(m, r));
        List<InstanceView> sentinels = new ArrayList<>(m.sentinels.size());
        for (InstanceState p : m.sentinels.values()) sentinels.add(instance(m, p));
        return new MasterView(instance(m, m.master), m.toConfig(), replicas, sentinels, m.phase.wireName(),
                m.failoverStateChangeAt, m.failoverStartAt, m.failoverEpoch,
                m.promoted == null ? null : m.announce.apply(m.promoted.address).hostPort(), m.leader, m.leaderEpoch);
    }

    static InstanceView instance(MasterState m, InstanceState ri) {
        LinkState link = ri.link;
        boolean connected = link != null && link.connected;
        Address shown = m.announce.apply(ri.address);
        String name = ri.role == Role.MASTER ? m.name : ri.role == Role.REPLICA ? shown.hostPort() : ri.name();
        return new InstanceView(ri.role, name, shown, ri.runId, flags(m, ri, connected),
                link == null ? 0 : link.pendingCommands, link == null ? 0 : link.refcount, connected,
                link == null ? 0 : link.pingSentAt, link == null ? 0 : link.lastOkPingReplyAt,
                link == null ? 0 : link.lastPingReplyAt, ri.sdownSince,
                ri.role == Role.MASTER ? m.odownSince : 0, m.downAfterMillis, ri.infoRefreshAt, ri.infoText,
                ri.roleReported, ri.roleReportedAt, ri.masterLinkDownMillis, ri.masterLinkUp ? "ok" : "err",
                ri.masterHost, ri.masterPort, ri.priority, ri.replOffset, ri.announced, ri.lastHelloAt, ri.leader,
                ri.leaderEpoch, link == null ? null : link.failure, link == null ? 0 : link.failingSince,
                link == null ? null : link.failureDetail);
    }

    /** Redis's flag words, in Redis's order. */
    static List<String> flags(MasterState m, InstanceState ri, boolean connected) {
        List<String> f = new ArrayList<>(4);
        if (ri.isSdown()) f.add("s_down");
        if (ri.role == Role.MASTER && m.isOdown()) f.add("o_down");
        f.add(ri.role.wireName());
        if (!connected) f.add("disconnected");
        if (ri.role == Role.SENTINEL && ri.masterDown) f.add("master_down");
        if (ri.role == Role.MASTER && m.failoverInProgress()) f.add("failover_in_progress");
        if (ri.promoted) f.add("promoted");
        if (ri.reconfSent) f.add("reconf_sent");
        if (ri.reconfInProgress) f.add("reconf_inprog");
        if (ri.reconfDone) f.add("reconf_done");
        return f;
    }
}
