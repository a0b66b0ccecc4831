package io.sentinel.core.failover;

import io.sentinel.core.Effects;
import io.sentinel.core.SentinelState;
import io.sentinel.core.action.PromoteReplica;
import io.sentinel.core.action.RepointReplica;
import io.sentinel.core.election.LeaderTally;
import io.sentinel.core.election.VoteLedger;
import io.sentinel.core.event.EventType;
import io.sentinel.core.model.Address;
import io.sentinel.core.monitor.Describe;
import io.sentinel.core.monitor.MasterReset;
import io.sentinel.core.monitor.MasterState;
import io.sentinel.core.monitor.NodeState;
import io.sentinel.core.monitor.PeerState;
import io.sentinel.core.monitor.Periodic;
import io.sentinel.core.monitor.ReplicaState;

/**
 * The failover state machine (sentinelFailoverStateMachine). Only this class moves {@code MasterState.phase}, through
 * {@link #enter}, which checks the edge.
 */
public final class Failover {
    private Failover() {
    }

    static void enter(MasterState m, FailoverPhase next, long now) {
        if (!m.phase.canMoveTo(next)) throw new IllegalStateException(m.phase + " -> " + next + " for " + m.name);
        m.phase = next;
        m.failoverStateChangeAt = now;
    }

    /**
     * Drops the failover state from any phase, the one way out besides {@link #enter}'s checked edges: for
     * {@code SENTINEL RESET} and a master whose address changed (sentinelResetMaster).
     */
    public static void reset(MasterState m, long now) {
        m.phase = FailoverPhase.NONE;
        m.failoverStateChangeAt = now;
        m.failoverStartAt = 0;
        m.retryNotBeforeAt = 0;
        m.forcedFailover = false;
        m.ownVoteAt = 0;
        m.promoted = null;
        m.switchAnnounced = false;
        clearManual(m);
    }

    private static void clearManual(MasterState m) {
        m.coordinated = false;
        m.handOverSentAt = 0;
        m.handOverInfoSeq = 0;
        m.freshInfoAskedAt = 0;
    }

    /** Per rank: the sentinel with the smallest run id votes first, the next one this much later, and so on. */
    public static final int VOTE_STAGGER_MILLIS = 100;
    /** Added to the stagger per master that is down here at the same time (see {@link #voteStagger}). */
    public static final int VOTE_STAGGER_PER_DOWN_MASTER_MILLIS = 4;
    /** The most the stagger per rank grows to. */
    public static final int VOTE_STAGGER_MAX_MILLIS = 1000;
    /** How long an unconfirmed REPLICAOF NO ONE waits before it is sent again. */
    public static final int PROMOTION_RESEND_MILLIS = 1000;
    /** The longest random pause before a hopelessly split election is tried again. */
    public static final int SPLIT_RETRY_MAX_MILLIS = 500;
    /** Random part of the delay before a candidate votes for itself, on top of its rank's stagger. */
    public static final int VOTE_JITTER_MILLIS = 20;

    static long electionTimeout(SentinelState s, MasterState m) {
        return Math.min(s.timing.electionTimeout(), m.failoverTimeoutMillis);
    }

    /** sentinelStartFailoverIfNeeded: ODOWN, none in progress, not too soon after the last attempt. */
    public static boolean startIfNeeded(SentinelState s, MasterState m, long now, Effects out) {
        if (!m.isOdown() || m.failoverInProgress() || now < m.retryNotBeforeAt) return false;
        start(s, m, false, now, out);
        return true;
    }

    /** sentinelStartFailover: a new epoch, our own vote, then the peers are asked for theirs. */
    public static void start(SentinelState s, MasterState m, boolean forced, long now, Effects out) {
        if (!currentEpochUnusedFor(s, m)) s.adoptEpoch(m, s.currentEpoch + 1, out);
        m.failoverEpoch = s.currentEpoch;
        out.event(m, EventType.TRY_FAILOVER, Describe.of(m, m.master));
        enter(m, FailoverPhase.WAIT_START, now);
        m.forcedFailover = forced;
        m.failoverStartAt = now + s.random.nextInt(VoteLedger.MAX_DESYNC_MILLIS);
        m.retryNotBeforeAt = m.failoverStartAt + 2 * m.failoverTimeoutMillis;
        m.ownVoteAt = forced ? now : now + ownVoteDelay(s, m);
        // Rule: a forced failover's own vote is cast (and persisted) with the request, not at the next step: until
        // then a peer asking in the same epoch would get it, and TILT steps no failover for 30 s.
        if (forced) castOwnVote(s, m, now, out);
    }

    /**
     * Rule: a failover takes a new epoch only when the current one is used up for this master (it is already its
     * config epoch, or we voted in it for this master). redis-sentinel raises the epoch at every start, so when a
     * node outage takes K masters down at once each sentinel runs through K epochs within milliseconds, at its own
     * pace, and elections keep moving to newer epochs under the candidates. Sharing one unused epoch, all K
     * elections run in the same epoch on every sentinel and the first candidate wins them together. Safe: a vote is
     * still one per sentinel, master and epoch, and the new config epoch is still above the master's current one.
     */
    static boolean currentEpochUnusedFor(SentinelState s, MasterState m) {
        return s.currentEpoch > 0 && s.currentEpoch > m.configEpoch && m.leaderEpoch < s.currentEpoch;
    }

    /**
     * Rule: the candidate votes for itself after a delay, not at once: sentinels see a killed master's link drop at
     * the same instant, so they reach ODOWN together and would each vote for themselves and split the vote (then
     * retry after an election timeout, 10 s by default). The delay is staggered by rank among the sentinels we
     * know (by run id, smallest first) plus a little randomness: the first to vote asks the others, who have not
     * voted yet in this epoch and vote for it. A purely random 0-150 ms delay split 4% of simultaneous starts in
     * the simulator; the first vote also comes sooner this way when the first-ranked sentinel is healthy.
     */
    static long ownVoteDelay(SentinelState s, MasterState m) {
        int rank = liveRank(s, m);
        long stagger = rank == 0 ? 0 : voteStagger(s);
        return rank * stagger + s.voteJitter(m.failoverEpoch, VOTE_JITTER_MILLIS);
    }

    /**
     * Rule: the stagger grows with the number of masters down here at once (4 ms each, at most 1 s per rank). In a
     * node outage every sentinel works through all of them at once, and the sentinels drift apart by more than
     * 100 ms: the first-ranked one reached ODOWN 100-200 ms after the others with 100 masters killed (bench, one run
     * in three with split elections), and a later-ranked one had voted for itself before its request came. The
     * simulator shows the same with the first-ranked sentinel running every task 0.5-1 ms per killed master late
     * (MassFailoverSimTest#...WithTheFirstRankedSentinelLagging). The wait costs nothing while the
     * first-ranked sentinel is healthy (its request comes first); it is only paid when that one is up but never asks.
     */
    static long voteStagger(SentinelState s) {
        int down = 0;
        for (MasterState x : s.masters.values()) {
            if (x.master.isSdown() || x.failoverInProgress()) down++;
        }
        long stagger = VOTE_STAGGER_MILLIS + (long) down * VOTE_STAGGER_PER_DOWN_MASTER_MILLIS;
        return Math.min(VOTE_STAGGER_MAX_MILLIS, stagger);
    }

    /**
     * Our rank among the sentinels that can vote now: peers with a smaller run id whose link is up and that are
     * not SDOWN. A node outage often takes a sentinel down with the masters; if that one ranked first, the others
     * would wait for it, vote for themselves within a few ms of each other and split (50 masters, one sentinel of
     * three killed with them, in the simulator).
     */
    static int liveRank(SentinelState s, MasterState m) {
        int rank = 0;
        for (PeerState peer : m.sentinels.headMap(s.myid).values()) {
            if (peer.link != null && peer.link.connected && !peer.isSdown()) rank++;
        }
        return rank;
    }

    /**
     * Steps the state machine until it has to wait (for votes, INFO, the promotion, the replicas). Differs from
     * Redis, which takes one phase per 100 ms timer tick: from elected to REPLICAOF NO ONE sent is one step here.
     */
    public static void step(SentinelState s, MasterState m, long now, Effects out) {
        FailoverPhase before;
        do {
            before = m.phase;
            stepOnce(s, m, now, out);
        } while (m.phase != before && m.phase != FailoverPhase.NONE && !s.crashed);
    }

    private static void stepOnce(SentinelState s, MasterState m, long now, Effects out) {
        switch (m.phase) {
            case WAIT_START -> waitStart(s, m, now, out);
            case SELECT_SLAVE -> selectReplica(s, m, now, out);
            case SEND_SLAVEOF_NOONE -> {
                if (m.coordinated) CoordinatedFailover.send(m, now, out);
                else sendPromotion(m, now, out);
            }
            case WAIT_PROMOTION -> {
                if (m.coordinated) CoordinatedFailover.waitPromotion(m, now, out);
                else if (now - m.failoverStateChangeAt > m.failoverTimeoutMillis) abort(m, now, out, true);
                else resendPromotion(m, now, out);
            }
            case RECONF_SLAVES -> {
                Reconfiguration.next(s, m, now, out);
                Reconfiguration.detectEnd(m, now, out);
            }
            default -> { }
        }
    }

    /**
     * Rule: a forced failover (plain SENTINEL FAILOVER, unelected) acts only while our latest vote for this master is
     * our own, in its epoch. It is cast with the request ({@link #start}); a vote given since to a peer's request in
     * a later epoch (while TILT held the failover back, say) is for a newer failover, which we then leave to act.
     * redis-sentinel casts its vote at its next tick and goes on whoever got it (its forced failover ignores the
     * tally): a peer's request in that window could take its vote in the forced epoch, and be elected with it.
     */
    static boolean votedForSelf(SentinelState s, MasterState m) {
        return s.myid.equals(m.leader) && m.leaderEpoch == m.failoverEpoch;
    }

    /** Cast our own vote when its time has come; if it went to us (nobody asked first), ask for the others'. */
    private static void castOwnVote(SentinelState s, MasterState m, long now, Effects out) {
        if (m.ownVoteAt == 0 || now < m.ownVoteAt) return;
        m.ownVoteAt = 0;
        VoteLedger.Vote vote = VoteLedger.vote(s, m, m.failoverEpoch, s.myid, now, out);
        if (s.myid.equals(vote.leader()) && vote.epoch() == m.failoverEpoch) {
            Periodic.askPeers(s, m, now, true, out);
        }
    }

    /**
     * Rule: until elected, a failover's election runs at the sentinel's current epoch, as redis-sentinel asks and
     * counts votes at its current epoch. When many masters fail together each start raises the one current epoch,
     * so an election held at the epoch its failover started in could get neither our own vote (VoteLedger refuses
     * an epoch below the current one) nor the peers' (they adopt the newer epoch from our other requests): all but
     * the newest failover aborted and retried in waves. A candidate that voted for another in this failover's epoch
     * or later stays where it is: it does not compete with that candidate. Safety is untouched: a vote is still one
     * per sentinel, master and epoch, and a winner needs a majority in the one epoch it is elected in.
     */
    static void followCurrentEpoch(SentinelState s, MasterState m, long now) {
        if (m.forcedFailover || m.failoverEpoch >= s.currentEpoch) return;
        boolean votedForAnother = m.leader != null && !m.leader.equals(s.myid) && m.leaderEpoch >= m.failoverEpoch;
        if (votedForAnother) return;
        m.failoverEpoch = s.currentEpoch;
        // Our vote in the older epoch is cast: cast it again in this one, staggered by rank as at the start (all
        // candidates see the epoch move at about the same time, and voting at once split the vote three ways).
        if (m.ownVoteAt == 0) m.ownVoteAt = now + ownVoteDelay(s, m);
    }

    private static void waitStart(SentinelState s, MasterState m, long now, Effects out) {
        followCurrentEpoch(s, m, now);
        castOwnVote(s, m, now, out);
        if (m.forcedFailover && !votedForSelf(s, m)) {
            out.event(m, EventType.FAILOVER_ABORT_NOT_ELECTED, Describe.of(m, m.master));
            abort(m, now, out, false);
            return;
        }
        LeaderTally.Result tally = LeaderTally.count(m, s.myid, m.failoverEpoch);
        boolean leader = s.myid.equals(tally.winner());
        if (!leader && !m.forcedFailover) {
            if (m.ownVoteAt == 0 && LeaderTally.noWinnerPossible(tally, m, m.failoverEpoch)) {
                // Rule: a split that no vote still to come can resolve is retried soon, in a new epoch, after a
                // random pause, instead of after the election timeout (10 s): with one of three sentinels down
                // in a node outage, the other two split whenever one's request is slower than the other's vote.
                out.event(m, EventType.FAILOVER_ABORT_NOT_ELECTED, Describe.of(m, m.master));
                abort(m, now, out, false);
                m.retryNotBeforeAt = now + s.random.nextInt(SPLIT_RETRY_MAX_MILLIS);
                return;
            }
            if (now - m.failoverStartAt > electionTimeout(s, m)) {
                out.event(m, EventType.FAILOVER_ABORT_NOT_ELECTED, Describe.of(m, m.master));
                abort(m, now, out, false);
                if (!LeaderTally.anotherWon(tally, s.myid)) {
                    // Rule: a split vote retries after a random 1..2 election timeouts (Raft-style), not 2 x
                    // failover-timeout; a visible winner keeps Redis's long back-off.
                    long timeout = electionTimeout(s, m);
                    long delay = timeout + s.random.nextLong(timeout + 1);
                    m.retryNotBeforeAt = now + Math.min(delay, m.failoverTimeoutMillis);
                }
            }
            return;
        }
        out.event(m, EventType.ELECTED_LEADER, Describe.of(m, m.master));
        if ((s.simulateFailureFlags & SentinelState.SIMULATE_CRASH_AFTER_ELECTION) != 0) {
            s.crashed = true;
            return;
        }
        enter(m, FailoverPhase.SELECT_SLAVE, now);
        out.event(m, EventType.FAILOVER_STATE_SELECT_SLAVE, Describe.of(m, m.master));
    }

    private static void selectReplica(SentinelState s, MasterState m, long now, Effects out) {
        if ((m.forcedFailover || m.coordinated) && ManualFailover.awaitedFreshInfo(m, now, out)) return;
        ReplicaState best = ReplicaRanking.select(m, s.timing, now);
        if (best == null && ReplicaRanking.waitingForInfo(m, s.timing, now)
                && now - m.failoverStateChangeAt < 2 * s.timing.pingPeriod()) {
            return; // a replica is only missing fresh INFO, which is on its way (1 s period while failing over)
        }
        if (best == null) {
            out.event(m, EventType.FAILOVER_ABORT_NO_GOOD_SLAVE, Describe.of(m, m.master));
            abort(m, now, out, false);
            return;
        }
        out.event(m, EventType.SELECTED_SLAVE, Describe.of(m, best));
        best.promoted = true;
        m.promoted = best;
        enter(m, FailoverPhase.SEND_SLAVEOF_NOONE, now);
        out.event(m, EventType.FAILOVER_STATE_SEND_SLAVEOF_NOONE, Describe.of(m, best));
    }

    private static void sendPromotion(MasterState m, long now, Effects out) {
        ReplicaState r = m.promoted;
        if (r.link == null || !r.link.connected) {
            if (now - m.failoverStateChangeAt > m.failoverTimeoutMillis) abort(m, now, out, true);
            return;
        }
        promote(m, r, now, out);
        enter(m, FailoverPhase.WAIT_PROMOTION, now);
        out.event(m, EventType.FAILOVER_STATE_WAIT_PROMOTION, Describe.of(m, r));
    }

    private static void promote(MasterState m, ReplicaState r, long now, Effects out) {
        out.add(new PromoteReplica(r.target(), r.failover.ongoing()));
        m.promotionSentAt = now;
        // Rule: INFO right behind the promotion, on the same connection: its reply already shows role:master, so
        // the promotion is confirmed one round trip later instead of at the next poll.
        Periodic.requestInfo(r, now, out);
    }

    /**
     * Rule: REPLICAOF NO ONE goes again every {@link #PROMOTION_RESEND_MILLIS} until an INFO shows role:master.
     * redis-sentinel sends it once and waits failover-timeout: a command lost with a dropped connection cost a
     * whole failover-timeout and a new election. Sending it again is harmless (the replica is already a master
     * or becomes one) and only the elected leader of this epoch does it.
     */
    private static void resendPromotion(MasterState m, long now, Effects out) {
        ReplicaState r = m.promoted;
        if (now - m.promotionSentAt < PROMOTION_RESEND_MILLIS || r.link == null || !r.link.connected) return;
        promote(m, r, now, out);
    }

    /**
     * The promoted replica reports role:master. Its config epoch becomes ours, durably, and, unlike Redis, we
     * announce {@code +switch-master} now rather than after every replica has resynced.
     */
    public static void promotionConfirmed(SentinelState s, MasterState m, ReplicaState r, long now, Effects out) {
        m.configEpoch = m.failoverEpoch;
        enter(m, FailoverPhase.RECONF_SLAVES, now);
        out.persist();
        out.event(m, EventType.PROMOTED_SLAVE, Describe.of(m, r));
        if ((s.simulateFailureFlags & SentinelState.SIMULATE_CRASH_AFTER_PROMOTION) != 0) {
            s.crashed = true;
            return;
        }
        if (m.coordinated) CoordinatedFailover.finish(m, r, out);
        else if (m.forcedFailover) ManualFailover.demoteOldMaster(m, r, out);
        out.event(m, EventType.FAILOVER_STATE_RECONF_SLAVES, Describe.of(m, m.master));
        out.clientReconfig(m, true, m.master.address, r.address);
        announceSwitch(m, out);
        forceHello(m);
    }

    private static void announceSwitch(MasterState m, Effects out) {
        Address from = m.announce.apply(m.master.address);
        Address to = m.announce.apply(m.promoted.address);
        out.event(m, EventType.SWITCH_MASTER, m.name + " " + from.host() + " " + from.port() + " " + to.host() + " "
                + to.port());
        m.switchAnnounced = true;
    }

    /** sentinelForceHelloUpdateForMaster: every instance of this master sends a hello on the next tick. */
    static void forceHello(MasterState m) {
        m.master.lastHelloSentAt = 0;
        for (ReplicaState r : m.replicas.values()) r.lastHelloSentAt = 0;
        for (PeerState p : m.sentinels.values()) p.lastHelloSentAt = 0;
    }

    /** UPDATE_CONFIG: the failover is over; the promoted replica becomes the master (sentinelFailoverSwitch...). */
    public static void finish(SentinelState s, MasterState m, long now, Effects out) {
        if (m.phase != FailoverPhase.UPDATE_CONFIG) return;
        if (!m.switchAnnounced) announceSwitch(m, out);
        MasterReset.changeAddress(s, m, m.promoted.address, now, out);
    }

    /** sentinelAbortFailover: only before the promotion is confirmed. */
    static void abort(MasterState m, long now, Effects out, boolean slaveTimeout) {
        if (m.phase.ordinal() > FailoverPhase.WAIT_PROMOTION.ordinal()) {
            throw new IllegalStateException("abort after promotion of " + m.name);
        }
        if (slaveTimeout) out.event(m, EventType.FAILOVER_ABORT_SLAVE_TIMEOUT, Describe.of(m, m.master));
        if (m.coordinated) CoordinatedFailover.cancel(m, out);
        enter(m, FailoverPhase.NONE, now);
        m.forcedFailover = false;
        m.ownVoteAt = 0;
        if (m.promoted != null) m.promoted.promoted = false;
        m.promoted = null;
        clearManual(m);
    }

    /** Used by the INFO handler while replicas are being repointed. Not counted as pending: no success input. */
    public static void repoint(NodeState r, Address master, Effects out) {
        out.add(new RepointReplica(r.target(), master, r.failover.ongoing()));
    }
}
