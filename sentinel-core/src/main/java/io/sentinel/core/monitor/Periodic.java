package io.sentinel.core.monitor;

import io.sentinel.core.Effects;
import io.sentinel.core.SentinelState;
import io.sentinel.core.action.AskPeer;
import io.sentinel.core.action.PublishHello;
import io.sentinel.core.action.RequestInfo;
import io.sentinel.core.action.SendPing;
import io.sentinel.core.failover.FailoverPhase;
import io.sentinel.core.model.Address;
import io.sentinel.core.model.Role;

/** sentinelSendPeriodicCommands and sentinelAskMasterStateToOtherSentinels: what to send, and when. */
public final class Periodic {
    /** Redis's SENTINEL_MAX_PENDING_COMMANDS, per link user. */
    static final int MAX_PENDING_COMMANDS = 100;
    /** While waiting for a promotion we poll the promoted replica this often, instead of Redis's 1 s INFO. */
    public static final long PROMOTION_POLL_MILLIS = 100;
    /**
     * An INFO unanswered this long is taken as lost. The links fail every command after 2 s, but an INFO in a batch
     * the shell dropped (its state write failed) never gets an answer, and the replica would never be
     * promotable again.
     */
    static final long INFO_LOST_MILLIS = 5000;

    private Periodic() {
    }

    /** INFO period: 1 s for replicas of a master that is down or failing over, or that lost their master link. */
    public static long infoPeriod(SentinelState s, MasterState m, NodeState ri) {
        if (ri instanceof ReplicaState r) {
            if (r.promoted && m.phase == FailoverPhase.WAIT_PROMOTION) return PROMOTION_POLL_MILLIS;
            // Differs: from SDOWN on (Redis: ODOWN), so the replica ranking has fresh INFO when the election ends.
            if (m.master.isSdown() || m.failoverInProgress() || r.masterLinkDownMillis != 0) return 1000;
        }
        if (ri.role == Role.MASTER && ri.rebootSince != 0) return 1000;
        // a master handing over: its INFO tells at once if it dropped the hand-over (CoordinatedFailover)
        if (ri == m.master && handingOver(m)) return PROMOTION_POLL_MILLIS;
        return s.timing.infoPeriod();
    }

    public static void send(SentinelState s, MasterState m, InstanceState ri, long now, Effects out) {
        LinkState link = ri.link;
        if (link == null || !link.connected) return;
        if (link.pendingCommands >= MAX_PENDING_COMMANDS * link.refcount) return;
        if (ri instanceof NodeState n && !infoOutstanding(n, now)
                && (n.infoRefreshAt == 0 || now - n.infoRefreshAt > infoPeriod(s, m, n))) {
            requestInfo(n, now, out);
        }
        long pingPeriod = Math.min(m.downAfterMillis, s.timing.pingPeriod());
        // Rule: a PING right after each (re)connect, as redis-sentinel sends one when its link comes up: a link
        // dropped by CLIENT KILL (our own REPLICAOF does that) proves itself alive again at once.
        boolean freshLink = link.lastPingSentAt < link.connectedSince;
        if (freshLink || now - link.lastPingReplyAt > pingPeriod && now - link.lastPingSentAt > pingPeriod / 2) {
            out.add(new SendPing(ri.target()));
            if (link.pingSentAt == 0) link.pingSentAt = now;
            link.lastPingSentAt = now;
            link.pendingCommands++;
        } else if (now - ri.lastHelloSentAt > s.timing.publishPeriod() && !pausesWrites(m, ri)) {
            // Not counted as pending: no input reports a publish's success, so it could never be uncounted.
            out.add(new PublishHello(ri.target(), hello(s, m)));
            ri.lastHelloSentAt = now;
        }
    }

    /**
     * Rule: no hello to a node whose writes are paused by a FAILOVER, ours (the hand-over is out) or one its INFO
     * reports (a node stuck in a FAILOVER of its own, until we repair it). PUBLISH is a write: it would wait, and hold
     * up the PINGs behind it on the same connection until the node looked down, again after every reconnect.
     */
    private static boolean pausesWrites(MasterState m, InstanceState ri) {
        return ri == m.master && handingOver(m) || ri instanceof NodeState n && n.failover.ongoing();
    }

    /** A coordinated failover's hand-over went to the master and is not over: its writes are paused. */
    static boolean handingOver(MasterState m) {
        return m.coordinated && m.handOverSentAt != 0 && m.phase == FailoverPhase.WAIT_PROMOTION;
    }

    private static boolean infoOutstanding(NodeState ri, long now) {
        return ri.infoInFlight && now - ri.infoRequestedAt < INFO_LOST_MILLIS;
    }

    public static void requestInfo(NodeState ri, long now, Effects out) {
        out.add(new RequestInfo(ri.target()));
        ri.infoInFlight = true;
        ri.infoRequestedAt = now;
        ri.link.infoRequests++;
        ri.link.pendingCommands++;
    }

    /** {@code ip,port,runid,current_epoch,master_name,master_ip,master_port,master_config_epoch}. */
    public static String hello(SentinelState s, MasterState m) {
        Address master = s.announced(m.currentAddress());
        return s.announceHost() + "," + s.announcePort() + "," + s.myid + "," + s.currentEpoch + "," + m.name + ","
                + master.host() + "," + master.port() + "," + m.configEpoch;
    }

    /**
     * A coordinated failover's election: the master is up, but the peers are asked for their votes all the same
     * (Valkey marks the master SDOWN for a moment to get there; we ask without pretending).
     */
    static boolean electingCoordinated(MasterState m) {
        return m.coordinated && m.phase == FailoverPhase.WAIT_START;
    }

    /**
     * Ask every connected peer whether it sees the master down (and, during our failover, for its vote): at most
     * once per ask-period unless {@code forced}; answers older than 5 ask-periods no longer count.
     */
    public static void askPeers(SentinelState s, MasterState m, long now, boolean forced, Effects out) {
        long askPeriod = s.timing.askPeriod();
        for (PeerState peer : m.sentinels.values()) {
            long sinceReply = now - peer.lastMasterDownReplyAt;
            if (sinceReply > 5 * askPeriod) {
                peer.masterDown = false;
                peer.votedFor = null;
            }
            if (!(m.master.isSdown() || electingCoordinated(m)) || peer.link == null || !peer.link.connected) continue;
            if (!forced && (sinceReply < askPeriod || now - peer.lastAskSentAt < askPeriod)) continue;
            // Ask for votes only once we have voted for ourselves in this failover's epoch.
            boolean candidate = m.failoverInProgress() && s.myid.equals(m.leader) && m.leaderEpoch == m.failoverEpoch;
            String runId = candidate ? s.myid : "*";
            // Asking for votes shows our vote for ourselves: persist it first (see VoteRequests.answer).
            if (!runId.equals("*")) out.persist();
            out.add(new AskPeer(peer.target(), m.name, m.master.address, s.currentEpoch, runId));
            peer.lastAskSentAt = now;
            peer.askedAbout = m.master.address;
            peer.link.pendingCommands++;
        }
    }
}
