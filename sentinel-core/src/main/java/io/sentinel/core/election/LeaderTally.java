package io.sentinel.core.election;

import io.sentinel.core.monitor.MasterState;
import io.sentinel.core.monitor.PeerState;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts the votes for {@code epoch} (sentinelGetLeader, minus casting a vote: ours is cast by {@code Failover}
 * after its stagger delay, through {@link VoteLedger}, never here). A winner needs at least max(quorum, voters / 2 + 1) votes, voters being the known sentinels plus self.
 */
public final class LeaderTally {
    private LeaderTally() {
    }

    public record Result(String winner, int votes, int needed, Map<String, Integer> counts) {
    }

    public static Result count(MasterState m, String myid, long epoch) {
        Map<String, Integer> counts = new TreeMap<>();
        for (PeerState peer : m.sentinels.values()) {
            if (peer.votedFor != null && peer.votedForEpoch == epoch) counts.merge(peer.votedFor, 1, Integer::sum);
        }
        if (m.leader != null && m.leaderEpoch == epoch) counts.merge(m.leader, 1, Integer::sum);
        String best = null;
        int bestVotes = 0;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (e.getValue() > bestVotes) {
                best = e.getKey();
                bestVotes = e.getValue();
            }
        }
        int voters = m.sentinels.size() + 1;
        int needed = Math.max(m.quorum, voters / 2 + 1);
        return new Result(bestVotes >= needed ? best : null, bestVotes, needed, counts);
    }

    /**
     * True when nobody can win {@code epoch} any more: the leading candidate plus every peer that could still vote
     * in it (link up, not SDOWN, no vote in this epoch or later reported) stay below the votes needed. A peer that
     * is down or unreachable is not waited for: it cannot answer before the election times out either.
     */
    public static boolean noWinnerPossible(Result r, MasterState m, long epoch) {
        int undecided = 0;
        for (PeerState peer : m.sentinels.values()) {
            if (peer.isSdown() || peer.link == null || !peer.link.connected) continue;
            if (peer.votedFor == null || peer.votedForEpoch < epoch) undecided++;
        }
        return r.votes() + undecided < r.needed();
    }

    /** True when some other candidate visibly holds enough votes: it has won, so we must not compete soon. */
    public static boolean anotherWon(Result r, String myid) {
        for (Map.Entry<String, Integer> e : r.counts().entrySet()) {
            if (!e.getKey().equals(myid) && e.getValue() >= r.needed()) return true;
        }
        return false;
    }
}
