package io.sentinel.core.monitor;

import io.sentinel.core.Effects;
import io.sentinel.core.SentinelState;
import io.sentinel.core.event.EventType;
import io.sentinel.core.failover.Failover;
import io.sentinel.core.model.Address;
import java.util.ArrayList;
import java.util.List;

/** sentinelResetMaster and sentinelResetMasterAndChangeAddress: forget runtime state, keep settings. */
public final class MasterReset {
    private MasterReset() {
    }

    /**
     * Point the master at {@code newAddress}: the old master and the old replicas (all but the new master) become
     * its replicas, with fresh state, each announced {@code +slave}; peers are kept. Links are attached before old ones are detached, so a link
     * that stays in use (the promoted replica) is not closed in between.
     */
    public static void changeAddress(SentinelState s, MasterState m, Address newAddress, long now, Effects out) {
        m.confirmAddress(); // a failover we ran or heard of: nothing newer to wait for
        List<Address> replicas = new ArrayList<>();
        for (Address a : m.replicas.keySet()) {
            if (!a.equals(newAddress)) replicas.add(a);
        }
        if (!m.master.address.equals(newAddress) && !replicas.contains(m.master.address)) {
            replicas.add(m.master.address);
        }
        NodeState oldMaster = m.master;
        List<ReplicaState> oldReplicas = new ArrayList<>(m.replicas.values());
        m.master = NodeState.master(newAddress, now);
        s.links.attach(m.master, m.linkSettings(), now, out);
        m.replicas.clear();
        for (Address a : replicas) {
            ReplicaState r = new ReplicaState(a, now);
            s.links.attach(r, m.linkSettings(), now, out);
            m.replicas.put(a, r);
        }
        s.links.detach(oldMaster, out);
        for (InstanceState r : oldReplicas) s.links.detach(r, out);
        freshLinkTimers(m.master.link, now);
        // "Add slaves back": a client following the topology through events learns each re-added replica, the
        // old master last, described under the new master's address.
        for (Address a : replicas) out.event(m, EventType.SLAVE, Describe.of(m, m.replicas.get(a)));
        // The peers' "down" answers were about the old address; the new master starts with none.
        for (PeerState p : m.sentinels.values()) p.masterDown = false;
        clearFailover(m, now);
        out.persist();
    }

    /**
     * As sentinelResetMaster resets act_ping_time, last_avail_time and last_pong_time: the master's link may be
     * reused (the promoted replica's), and an old unanswered PING on it must not make the new master SDOWN at once.
     */
    private static void freshLinkTimers(LinkState link, long now) {
        link.pingSentAt = 0;
        link.lastPingSentAt = 0;
        link.lastOkPingReplyAt = now;
        link.lastPingReplyAt = now;
    }

    /** SENTINEL RESET: forget replicas, peers and failover state; rediscover them from INFO and hellos. */
    public static void reset(SentinelState s, MasterState m, long now, Effects out) {
        for (ReplicaState r : m.replicas.values()) s.links.detach(r, out);
        m.replicas.clear();
        for (PeerState p : m.sentinels.values()) s.links.detach(p, out);
        m.sentinels.clear();
        InstanceState oldMaster = m.master;
        m.master = NodeState.master(oldMaster.address, now);
        s.links.attach(m.master, m.linkSettings(), now, out);
        s.links.detach(oldMaster, out);
        freshLinkTimers(m.master.link, now);
        clearFailover(m, now);
        out.persist();
    }

    private static void clearFailover(MasterState m, long now) {
        Failover.reset(m, now);
        m.odownSince = 0;
        m.leader = null;
    }
}
