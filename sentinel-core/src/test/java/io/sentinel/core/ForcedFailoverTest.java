package io.sentinel.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentinel.core.action.Action;
import io.sentinel.core.action.Outcome;
import io.sentinel.core.action.PromoteReplica;
import io.sentinel.core.action.Reply;
import io.sentinel.core.input.Tick;
import io.sentinel.core.input.VoteRequested;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The plain (forced) {@code SENTINEL FAILOVER}: unelected, it votes for itself with the request and acts only while
 * that vote is its latest (ManualFailoverSimTest found a forced failover asked during TILT promoting in the epoch of a
 * leader it had voted for meanwhile). The cluster of {@link CoordinatedFailoverTest}: one peer, quorum 2.
 */
class ForcedFailoverTest {
    private final CoordinatedFailoverTest c = new CoordinatedFailoverTest();

    @BeforeEach
    void setUp() {
        c.setUp();
        c.monitoring("no-failover");
    }

    @Test
    void votesForItselfAtOnceSoAPeerAskingInItsEpochGetsNoVote() {
        assertEquals(Outcome.OK, c.failover(2100, false));
        Outcome vote = reply(c.at(2110, new VoteRequested(9, "127.0.0.1", 6379, 1, CoordinatedFailoverTest.PEER_ID)));
        assertEquals(new Outcome.VoteAnswer(false, Fixtures.MY_ID, 1), vote);
    }

    @Test
    void askedDuringTiltItStillVotesAtOnceAndActsAfterTheTilt() {
        assertEquals(List.of("+tilt #tilt mode entered"), CoordinatedFailoverTest.events(c.at(5000, new Tick())));
        assertEquals(Outcome.OK, c.failover(5010, false));
        Outcome vote = reply(c.at(5020, new VoteRequested(9, "127.0.0.1", 6379, 1, CoordinatedFailoverTest.PEER_ID)));
        assertEquals(new Outcome.VoteAnswer(false, Fixtures.MY_ID, 1), vote);
        List<String> events = tickUntil(40_000, true);
        assertTrue(events.contains("+elected-leader master mymaster 127.0.0.1 6379"), events.toString());
    }

    /** A peer's request in a later epoch took our vote while TILT held the forced failover back: we leave it to it. */
    @Test
    void aVoteGivenToANewerFailoverDuringTiltMakesTheForcedOneGiveUp() {
        assertEquals(List.of("+tilt #tilt mode entered"), CoordinatedFailoverTest.events(c.at(5000, new Tick())));
        assertEquals(Outcome.OK, c.failover(5010, false));
        Outcome vote = reply(c.at(5020, new VoteRequested(9, "127.0.0.1", 6379, 2, CoordinatedFailoverTest.PEER_ID)));
        assertEquals(new Outcome.VoteAnswer(false, CoordinatedFailoverTest.PEER_ID, 2), vote);
        List<String> events = tickUntil(40_000, false);
        assertTrue(events.contains("-tilt #tilt mode exited"), events.toString());
        assertTrue(events.contains("-failover-abort-not-elected master mymaster 127.0.0.1 6379"), events.toString());
        assertTrue(events.stream().noneMatch(e -> e.startsWith("+elected-leader")), events.toString());
    }

    /** Ticks every 100 ms from 5100 (answering PINGs and INFO), promoting only if {@code mayPromote}; the events. */
    private List<String> tickUntil(long to, boolean mayPromote) {
        List<String> events = new ArrayList<>();
        for (long t = 5100; t <= to; t += 100) {
            List<Action> batch = c.at(t, new Tick());
            c.answer(t, batch);
            boolean promoted = batch.stream().anyMatch(a -> a instanceof PromoteReplica);
            assertTrue(mayPromote || !promoted, "promoted at " + t + ": " + batch);
            events.addAll(CoordinatedFailoverTest.events(batch));
        }
        return events;
    }

    private static Outcome reply(List<Action> batch) {
        for (Action a : batch) {
            if (a instanceof Reply r && r.requestId() == 9) return r.outcome();
        }
        throw new AssertionError("no reply: " + batch);
    }
}
