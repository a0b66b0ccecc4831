package io.sentinel.core.election;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentinel.core.Fixtures;
import io.sentinel.core.monitor.MasterState;
import org.junit.jupiter.api.Test;

class LeaderTallyTest {
    static final String ME = Fixtures.MY_ID;
    static final String B = Fixtures.runId('b');
    static final String C = Fixtures.runId('c');

    static MasterState master(int quorum) {
        return new MasterState(Fixtures.master(quorum, 5000), 1);
    }

    /** Our vote, then peers b and c with their votes ({@code null}: none), counted for {@code epoch}. */
    static LeaderTally.Result count(int quorum, long epoch, String ours, long ourEpoch, String b, long bEpoch,
            String c, long cEpoch) {
        MasterState m = master(quorum);
        m.leader = ours;
        m.leaderEpoch = ourEpoch;
        Fixtures.peer(m, 'b', b, bEpoch);
        Fixtures.peer(m, 'c', c, cEpoch);
        return LeaderTally.count(m, ME, epoch);
    }

    @Test
    void majorityOfKnownSentinelsElects() {
        LeaderTally.Result r = count(2, 4, ME, 4, ME, 4, null, 0);
        assertEquals(ME, r.winner());
        assertEquals(2, r.votes());
        assertEquals(2, r.needed());
    }

    @Test
    void votesOfOtherEpochsDoNotCount() {
        LeaderTally.Result r = count(2, 4, ME, 4, ME, 3, ME, 5);
        assertNull(r.winner());
        assertEquals(1, r.votes());
    }

    @Test
    void quorumAboveMajorityRaisesTheBar() {
        LeaderTally.Result r = count(3, 1, ME, 1, ME, 1, null, 0);
        assertEquals(3, r.needed());
        assertNull(r.winner());
    }

    @Test
    void majorityAboveQuorumRaisesTheBar() {
        MasterState m = master(1);
        for (char id = 'b'; id <= 'e'; id++) Fixtures.peer(m, id, id == 'b' ? ME : null, id == 'b' ? 1 : 0);
        m.leader = ME;
        m.leaderEpoch = 1;
        LeaderTally.Result r = LeaderTally.count(m, ME, 1);
        assertEquals(3, r.needed(), "5 voters need 3");
        assertNull(r.winner());
    }

    @Test
    void splitVoteHasNoWinnerAndNobodyElse() {
        LeaderTally.Result r = count(2, 7, ME, 7, B, 7, C, 7);
        assertNull(r.winner());
        assertFalse(LeaderTally.anotherWon(r, ME));
    }

    @Test
    void anotherCandidateWithEnoughVotesIsSeen() {
        LeaderTally.Result r = count(2, 7, B, 7, B, 7, C, 7);
        assertEquals(B, r.winner());
        assertTrue(LeaderTally.anotherWon(r, ME));
    }
}
