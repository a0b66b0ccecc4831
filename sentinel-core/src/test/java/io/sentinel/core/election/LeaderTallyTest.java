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

    @Test
    void majorityOfKnownSentinelsElects() {
        MasterState m = master(2);
        m.leader = ME;
        m.leaderEpoch = 4;
        Fixtures.peer(m, 'b', ME, 4);
        Fixtures.peer(m, 'c', null, 0);
        LeaderTally.Result r = LeaderTally.count(m, ME, 4);
        assertEquals(ME, r.winner());
        assertEquals(2, r.votes());
        assertEquals(2, r.needed());
    }

    @Test
    void votesOfOtherEpochsDoNotCount() {
        MasterState m = master(2);
        m.leader = ME;
        m.leaderEpoch = 4;
        Fixtures.peer(m, 'b', ME, 3);
        Fixtures.peer(m, 'c', ME, 5);
        LeaderTally.Result r = LeaderTally.count(m, ME, 4);
        assertNull(r.winner());
        assertEquals(1, r.votes());
    }

    @Test
    void quorumAboveMajorityRaisesTheBar() {
        MasterState m = master(3);
        m.leader = ME;
        m.leaderEpoch = 1;
        Fixtures.peer(m, 'b', ME, 1);
        Fixtures.peer(m, 'c', null, 0);
        LeaderTally.Result r = LeaderTally.count(m, ME, 1);
        assertEquals(3, r.needed());
        assertNull(r.winner());
    }

    @Test
    void majorityAboveQuorumRaisesTheBar() {
        MasterState m = master(1);
        for (char id = 'b'; id <= 'e'; id++) Fixtures.peer(m, id, null, 0);
        m.leader = ME;
        m.leaderEpoch = 1;
        m.sentinels.get(B).votedFor = ME;
        m.sentinels.get(B).votedForEpoch = 1;
        LeaderTally.Result r = LeaderTally.count(m, ME, 1);
        assertEquals(3, r.needed(), "5 voters need 3");
        assertNull(r.winner());
    }

    @Test
    void splitVoteHasNoWinnerAndNobodyElse() {
        MasterState m = master(2);
        m.leader = ME;
        m.leaderEpoch = 7;
        Fixtures.peer(m, 'b', B, 7);
        Fixtures.peer(m, 'c', C, 7);
        LeaderTally.Result r = LeaderTally.count(m, ME, 7);
        assertNull(r.winner());
        assertFalse(LeaderTally.anotherWon(r, ME));
    }

    @Test
    void anotherCandidateWithEnoughVotesIsSeen() {
        MasterState m = master(2);
        m.leader = B;
        m.leaderEpoch = 7;
        Fixtures.peer(m, 'b', B, 7);
        Fixtures.peer(m, 'c', C, 7);
        LeaderTally.Result r = LeaderTally.count(m, ME, 7);
        assertEquals(B, r.winner());
        assertTrue(LeaderTally.anotherWon(r, ME));
    }
}
