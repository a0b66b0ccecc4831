package io.sentinel.core.election;

import io.sentinel.core.Effects;
import io.sentinel.core.SentinelState;
import io.sentinel.core.event.EventType;
import io.sentinel.core.failover.FailoverPhase;
import io.sentinel.core.monitor.MasterState;

/**
 * One vote per sentinel per epoch, first come first served (sentinelVoteLeader). A request with a higher epoch is
 * adopted first. The vote and the epoch are marked for persistence; the dispatcher writes them before any reply of
 * the same step leaves.
 */
public final class VoteLedger {
    /** Redis's SENTINEL_MAX_DESYNC: random delay added so voters do not all retry at once. */
    public static final int MAX_DESYNC_MILLIS = 1000;

    private VoteLedger() {
    }

    /** The answer to a vote request: who we voted for in which epoch (null leader = nobody). */
    public record Vote(String leader, long epoch) {
    }

    /**
     * Rule: the elected leader of a failover in progress gives no vote to another candidate for the same master (it
     * aborts after failover-timeout if stuck, and votes again then). redis-sentinel does: in a mass failover a
     * leader waiting for its promotion voted for a later candidate in the next epoch, who then found the replica
     * promoted already and aborted (the benchmark saw 6 masters of 20 elected twice). Not voting is always safe.
     */
    static boolean leadingThisFailover(SentinelState s, MasterState m, String candidate) {
        return m.failoverInProgress() && m.phase != FailoverPhase.WAIT_START
                && !candidate.equals(s.myid);
    }

    public static Vote vote(SentinelState s, MasterState m, long requestEpoch, String candidate, long now,
            Effects out) {
        s.adoptEpoch(m, requestEpoch, out);
        if (leadingThisFailover(s, m, candidate)) return new Vote(m.leader, m.leaderEpoch);
        if (m.leaderEpoch < requestEpoch && s.currentEpoch <= requestEpoch) {
            m.leader = candidate;
            m.leaderEpoch = s.currentEpoch;
            out.persist();
            out.event(m, EventType.VOTE_FOR_LEADER, candidate + " " + m.leaderEpoch);
            if (!candidate.equals(s.myid)) {
                // Rule: having voted for another leader, do not compete with it while it fails over.
                long quiet = now + s.random.nextInt(MAX_DESYNC_MILLIS) + 2 * m.failoverTimeoutMillis;
                m.retryNotBeforeAt = Math.max(m.retryNotBeforeAt, quiet);
            }
        }
        return new Vote(m.leader, m.leaderEpoch);
    }
}
