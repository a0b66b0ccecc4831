package io.sentinel.core.monitor;

import io.sentinel.core.Effects;
import io.sentinel.core.SentinelState;
import io.sentinel.core.event.EventType;
import io.sentinel.core.model.IpLiteral;
import io.sentinel.core.model.LinkFailure;
import io.sentinel.core.model.Role;
import java.util.ArrayList;
import java.util.List;

/**
 * Ghosts: a replica or peer known by a host name that no longer resolves and has not answered for
 * {@code forget-unresolved-after} is forgotten, with {@code -slave} or {@code -sentinel} (ours), so the counts of a
 * StatefulSet that was scaled down or deleted do not only grow. Off by default, as redis-sentinel keeps every
 * instance until SENTINEL RESET. A name that still resolves is never forgotten (a pod that is only down comes
 * back), nor an instance known by IP, nor anything while the master fails over.
 */
public final class Ghosts {
    private Ghosts() {
    }

    public static void forget(SentinelState s, MasterState m, long now, Effects out) {
        long after = s.config.forgetUnresolvedAfterMillis();
        if (after <= 0 || m.failoverInProgress()) return;
        List<InstanceState> gone = new ArrayList<>();
        for (ReplicaState r : m.replicas.values()) {
            if (isGhost(r, after, now)) gone.add(r);
        }
        for (PeerState p : m.sentinels.values()) {
            if (isGhost(p, after, now)) gone.add(p);
        }
        for (InstanceState ri : gone) {
            boolean replica = ri.role == Role.REPLICA;
            out.event(m, replica ? EventType.SLAVE_FORGOTTEN : EventType.SENTINEL_FORGOTTEN, Describe.of(m, ri));
            if (replica) m.replicas.values().remove(ri);
            else m.sentinels.values().remove(ri);
            s.links.detach(ri, out);
            out.persist();
        }
    }

    static boolean isGhost(InstanceState ri, long after, long now) {
        LinkState link = ri.link;
        return link != null && !link.connected && link.failure == LinkFailure.UNRESOLVED
                && !IpLiteral.isIp(ri.address.host()) && now - link.lastOkPingReplyAt > after
                && now - link.failingSince > after;
    }
}
