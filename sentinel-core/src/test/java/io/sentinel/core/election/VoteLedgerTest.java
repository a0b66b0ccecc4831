package io.sentinel.core.election;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentinel.core.Effects;
import io.sentinel.core.Fixtures;
import io.sentinel.core.Sentinel;
import io.sentinel.core.SentinelState;
import io.sentinel.core.action.Action;
import io.sentinel.core.action.Outcome;
import io.sentinel.core.action.PersistState;
import io.sentinel.core.action.Publish;
import io.sentinel.core.action.Reply;
import io.sentinel.core.config.MasterConfig;
import io.sentinel.core.config.Timing;
import io.sentinel.core.input.VoteRequested;
import io.sentinel.core.monitor.MasterState;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class VoteLedgerTest {
    static final String B = Fixtures.runId('b');
    static final String C = Fixtures.runId('c');

    final SentinelState s = Fixtures.state(Fixtures.master(2, 5000));
    final MasterState m = s.masters.get("mymaster");

    @Test
    void firstRequestOfAnEpochGetsTheVoteDurably() {
        Effects out = new Effects();
        VoteLedger.Vote v = VoteLedger.vote(s, m, 5, B, 100, out);
        assertEquals(new VoteLedger.Vote(B, 5), v);
        assertEquals(5, s.currentEpoch, "the higher epoch is adopted first");
        assertTrue(out.persistRequested());
        assertEquals(List.of("+new-epoch 5", "+vote-for-leader " + B + " 5"), events(out.actions()));
    }

    @Test
    void oneVotePerEpoch() {
        VoteLedger.vote(s, m, 5, B, 100, new Effects());
        Effects again = new Effects();
        assertEquals(new VoteLedger.Vote(B, 5), VoteLedger.vote(s, m, 5, C, 200, again));
        assertFalse(again.persistRequested(), "nothing changed");
        assertTrue(again.actions().isEmpty());
    }

    @Test
    void higherEpochGetsANewVoteOlderEpochDoesNot() {
        VoteLedger.vote(s, m, 5, B, 100, new Effects());
        assertEquals(new VoteLedger.Vote(C, 6), VoteLedger.vote(s, m, 6, C, 200, new Effects()));
        Effects old = new Effects();
        assertEquals(new VoteLedger.Vote(C, 6), VoteLedger.vote(s, m, 4, B, 300, old));
        assertEquals(6, s.currentEpoch);
        assertFalse(old.persistRequested());
    }

    @Test
    void noVoteWhenOurEpochIsAlreadyAhead() {
        s.currentEpoch = 9;
        VoteLedger.Vote v = VoteLedger.vote(s, m, 5, B, 100, new Effects());
        assertEquals(null, v.leader());
        assertEquals(0, m.leaderEpoch);
    }

    @Test
    void votingForAnotherDelaysOurOwnFailover() {
        VoteLedger.vote(s, m, 5, B, 100, new Effects());
        assertTrue(m.retryNotBeforeAt >= 100 + 2 * m.failoverTimeoutMillis);
        assertTrue(m.retryNotBeforeAt < 100 + 2 * m.failoverTimeoutMillis + VoteLedger.MAX_DESYNC_MILLIS);
    }

    @Test
    void persistStateLeadsTheBatchOfAVoteReply() {
        MasterConfig mc = Fixtures.master(2, 5000);
        Sentinel sentinel = new Sentinel(Fixtures.config(mc), Timing.DEFAULTS, new SplittableRandom(1), 1);
        List<Action> batch = sentinel.handle(new VoteRequested(42, "127.0.0.1", 6379, 3, B), 10);
        PersistState persist = assertInstanceOf(PersistState.class, batch.get(0));
        assertEquals(3, persist.config().currentEpoch());
        assertEquals(3, persist.config().master("mymaster").leaderEpoch());
        assertEquals(B, persist.config().master("mymaster").leaderRunId());
        Reply reply = assertInstanceOf(Reply.class, batch.get(batch.size() - 1));
        assertEquals(42, reply.requestId());
        assertEquals(new Outcome.VoteAnswer(false, B, 3), reply.outcome());
    }

    /** Regression: the first PersistState of a vote may have failed; a repeated answer must persist it again. */
    @Test
    void aRepeatedVoteReplyIsPersistedAgain() {
        Sentinel sentinel = new Sentinel(Fixtures.config(Fixtures.master(2, 5000)), Timing.DEFAULTS,
                new SplittableRandom(1), 1);
        
        sentinel.handle(new VoteRequested(1, "127.0.0.1", 6379, 3, B), 10);
        List<Action> again = sentinel.handle(new VoteRequested(2, "127.0.0.1", 6379, 3, B), 20);
        PersistState persist = assertInstanceOf(PersistState.class, again.get(0));
        assertEquals(B, persist.config().master("mymaster").leaderRunId());
        assertEquals(new Reply(2, new Outcome.VoteAnswer(false, B, 3)),
                again.get(again.size() - 1));
    }

    @Test
    void askingOnlyForTheStateCastsNoVote() {
        Sentinel sentinel = new Sentinel(Fixtures.config(Fixtures.master(2, 5000)), Timing.DEFAULTS,
                new SplittableRandom(1), 1);
        List<Action> batch = sentinel.handle(new VoteRequested(1, "127.0.0.1", 6379, 3, null), 10);
        assertEquals(List.of(new Reply(1, new Outcome.VoteAnswer(false, null, 0))),
                batch);
        assertEquals(0, sentinel.state().currentEpoch);
    }

    static List<String> events(List<Action> actions) {
        return actions.stream().filter(a -> a instanceof Publish).map(a -> ((Publish) a).event().logLine()).toList();
    }
}
