package io.sentinel.core.monitor;

import io.sentinel.core.Effects;
import io.sentinel.core.SentinelState;
import io.sentinel.core.event.EventType;
import io.sentinel.core.model.Address;
import io.sentinel.core.model.IpLiteral;

/** sentinelProcessHelloMessage: discover peers, follow their moves, adopt newer epochs and master configs. */
public final class Hellos {
    private Hellos() {
    }

    public static void process(SentinelState s, String payload, long now, Effects out) {
        String[] t = payload.split(",", -1);
        if (t.length != 8) return;
        Address peerAddress;
        long peerEpoch;
        Address announced;
        long configEpoch;
        try {
            peerAddress = new Address(t[0], Integer.parseInt(t[1]));
            peerEpoch = Long.parseLong(t[3]);
            announced = new Address(t[5], Integer.parseInt(t[6]));
            configEpoch = Long.parseLong(t[7]);
        } catch (IllegalArgumentException e) {
            return;
        }
        // without resolve-hostnames redis-sentinel makes no instance of a peer, nor a master, known only by name
        if (!s.config.resolveHostnames() && !(IpLiteral.isIp(peerAddress.host()) && IpLiteral.isIp(announced.host()))) {
            return;
        }
        String runId = t[2];
        if (runId.equals(s.myid) || runId.length() != 40) return;
        MasterState m = s.masters.get(t[4]);
        if (m == null) return;
        PeerState peer = m.sentinels.get(runId);
        if (peer == null || !peer.address.equals(peerAddress)) peer = learnPeer(s, m, runId, peerAddress, now, out);
        s.adoptEpoch(m, peerEpoch, out);
        if (m.configEpoch < configEpoch) {
            m.configEpoch = configEpoch;
            out.persist();
            // Compare with the current address (our promoted replica during our own failover), and let a newer
            // config end a failover of ours still in progress: finishing it later would pair our promoted replica
            // with the newer epoch, a pair nobody else has.
            Address old = m.currentAddress();
            Address oldShown = m.announce.apply(old);
            if (!announced.equals(old) || m.failoverInProgress()) {
                out.event(m, EventType.CONFIG_UPDATE_FROM, Describe.of(m, peer));
                if (!announced.equals(old)) {
                    out.event(m, EventType.SWITCH_MASTER, m.name + " " + oldShown.host() + " " + oldShown.port() + " "
                            + announced.host() + " " + announced.port());
                }
                MasterReset.changeAddress(s, m, announced, now, out);
                if (!announced.equals(old)) out.clientReconfig(m, false, old, announced);
            }
        }
        peer.lastHelloAt = now;
        m.confirmAddress();
    }

    /**
     * A hello from a run id at an address we do not know together: a run id that moved keeps its identity (in
     * every master: {@code +sentinel-address-switch}); another run id at that address is stale and goes
     * ({@code +sentinel-invalid-addr}); otherwise a new peer ({@code +sentinel}).
     */
    private static PeerState learnPeer(SentinelState s, MasterState m, String runId, Address address, long now,
            Effects out) {
        PeerState moved = m.sentinels.remove(runId);
        if (moved != null) s.links.detach(moved, out);
        PeerState stale = m.sentinelAt(address);
        if (stale != null) {
            out.event(m, EventType.SENTINEL_INVALID_ADDR, Describe.of(m, stale));
            m.sentinels.remove(stale.runId);
            s.links.detach(stale, out);
        }
        PeerState peer = new PeerState(runId, address);
        m.sentinels.put(runId, peer);
        s.links.attach(peer, s.peerLinkSettings(), now, out);
        if (moved == null) {
            out.event(m, EventType.SENTINEL, Describe.of(m, peer));
        } else {
            out.event(m, EventType.SENTINEL_ADDRESS_SWITCH, Describe.of(m, m.master),
                    address.host() + " " + address.port());
            moveInOtherMasters(s, m, runId, address, now, out);
        }
        out.persist();
        return peer;
    }

    private static void moveInOtherMasters(SentinelState s, MasterState except, String runId, Address address,
            long now, Effects out) {
        for (MasterState other : s.masters.values()) {
            if (other == except) continue;
            PeerState p = other.sentinels.get(runId);
            if (p == null || p.address.equals(address)) continue;
            s.links.detach(p, out);
            p.address = address;
            s.links.attach(p, s.peerLinkSettings(), now, out);
        }
    }
}
