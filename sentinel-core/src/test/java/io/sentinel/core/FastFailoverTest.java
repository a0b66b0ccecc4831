package io.sentinel.core;

import static io.sentinel.core.failover.Failover.VOTE_JITTER_MILLIS;
import static io.sentinel.core.failover.Failover.VOTE_STAGGER_MILLIS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentinel.core.action.Action;
import io.sentinel.core.action.AskPeer;
import io.sentinel.core.action.Outcome;
import io.sentinel.core.action.PromoteReplica;
import io.sentinel.core.action.Reply;
import io.sentinel.core.action.RequestInfo;
import io.sentinel.core.action.SendPing;
import io.sentinel.core.input.HelloReceived;
import io.sentinel.core.input.InfoReceived;
import io.sentinel.core.input.LinkConnected;
import io.sentinel.core.input.LinkLost;
import io.sentinel.core.input.PingReplied;
import io.sentinel.core.input.Started;
import io.sentinel.core.input.Tick;
import io.sentinel.core.input.VoteReplied;
import io.sentinel.core.input.VoteRequested;
import io.sentinel.core.model.Address;
import io.sentinel.core.model.Target;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The way from a dead master to +switch-master takes no tick boundary that an answer could have saved: +sdown at
 * the down-after deadline ({@link Sentinel#nextDueAt}), ODOWN and the election on the answers themselves, the
 * promotion confirmed by an INFO sent right behind it. One peer ('b'), quorum 2, down-after 1000 ms.
 */
class FastFailoverTest extends DrivenSentinel {
    static final Target MASTER = Target.redis(Fixtures.MASTER);
    static final Address REPLICA_ADDR = new Address("127.0.0.1", 6380);
    static final Target REPLICA = Target.redis(REPLICA_ADDR);
    static final Target PEER = Target.sentinel(new Address("127.0.0.1", 26380));
    static final String PEER_ID = Fixtures.runId('b');
    @BeforeEach
    void setUp() {
        start(1000, 7);
    }

    static String replicaInfo() {
        return "# Server\r\nrun_id:" + Fixtures.runId('c') + "\r\n# Replication\r\nrole:slave\r\nmaster_host:127.0.0.1"
                + "\r\nmaster_port:6379\r\nmaster_link_status:up\r\nslave_repl_offset:50\r\nslave_priority:100\r\n";
    }

    static String promotedInfo() {
        return "# Server\r\nrun_id:" + Fixtures.runId('c') + "\r\n# Replication\r\nrole:master\r\nconnected_slaves:0\r\n";
    }

    /** Master and replica linked and answering, the peer known and linked, at t = 2000. */
    void monitoring() {
        at(1000, new Started());
        answer(1001, at(1001, new LinkConnected(MASTER, "127.0.0.1")));
        at(1002, new InfoReceived(MASTER, "# Server\r\nrun_id:" + Fixtures.runId('d') + "\r\n# Replication\r\n"
                + "role:master\r\nconnected_slaves:1\r\nslave0:ip=127.0.0.1,port=6380,state=online,offset=50,lag=0\r\n"));
        answer(1003, at(1003, new LinkConnected(REPLICA, "127.0.0.1")));
        at(1004, new HelloReceived("127.0.0.1,26380," + PEER_ID + ",0,mymaster,127.0.0.1,6379,0"));
        answer(1005, at(1005, new LinkConnected(PEER, "127.0.0.1")));
        for (long t = 1100; t <= 2000; t += 100) answer(t, at(t, new Tick()));
    }

    /** Answers what a healthy master and replica would: PONG and INFO. */
    void answer(long t, List<Action> batch) {
        for (Action a : batch) {
            if (a instanceof SendPing p) {
                at(t, new PingReplied(p.target(), "PONG", false));
            } else if (a instanceof RequestInfo r && r.target().equals(REPLICA)) {
                at(t, new InfoReceived(REPLICA, replicaInfo()));
            }
        }
    }

    @Test
    void sdownFiresAtTheDeadlineTheCoreAnnounces() {
        monitoring();
        at(2010, new LinkLost(MASTER, "connection refused"));
        assertEquals(2010 + 1000 + 1, sentinel.nextDueAt(2010), "down-after counted from the loss");
        assertTrue(events(at(3010, new Tick())).stream().noneMatch(e -> e.startsWith("+sdown master")),
                "not before the deadline");
        List<Action> batch = at(3011, new Tick());
        assertTrue(events(batch).contains("+sdown master mymaster 127.0.0.1 6379"));
        assertTrue(batch.contains(new AskPeer(PEER, "mymaster", Fixtures.MASTER, 0, "*")), "peers asked at once");
    }

    @Test
    void aDeadlineAlreadyPassedOrInTiltIsNoReasonToTickEarly() {
        monitoring();
        at(2010, new LinkLost(MASTER, "connection refused"));
        assertEquals(Long.MAX_VALUE, sentinel.nextDueAt(3011), "due at 3011 is not after 3011");
        at(2100, new Tick());
        assertTrue(events(at(4500, new Tick())).contains("+tilt #tilt mode entered"));
        assertEquals(Long.MAX_VALUE, sentinel.nextDueAt(4500), "TILT decides nothing");
    }

    @Test
    void aPeerAskingAtOurDeadlineHearsDownWithoutWaitingForATick() {
        monitoring();
        at(2010, new LinkLost(MASTER, "connection refused"));
        List<Action> batch = at(3011, new VoteRequested(1, "127.0.0.1", 6379, 0, null));
        assertTrue(events(batch).contains("+sdown master mymaster 127.0.0.1 6379"));
        assertTrue(batch.contains(new Reply(1, new Outcome.VoteAnswer(true, null, 0))),
                batch.toString());
    }

    @Test
    void fromTheFirstAgreeingAnswerToPromotionWithoutATick() {
        monitoring();
        at(2010, new LinkLost(MASTER, "connection refused"));
        at(3011, new Tick());
        List<String> odown = events(at(3013, new VoteReplied(PEER, "mymaster", true, "*", 0)));
        assertTrue(odown.contains("+odown master mymaster 127.0.0.1 6379 #quorum 2/2"), odown.toString());
        assertTrue(odown.contains("+try-failover master mymaster 127.0.0.1 6379"), odown.toString());

        long voteAt = sentinel.nextDueAt(3013);
        assertTrue(voteAt >= 3013 && voteAt <= 3013 + VOTE_JITTER_MILLIS,
                "rank 0 (smallest run id) votes within the jitter: " + voteAt);
        List<Action> vote = at(voteAt, new Tick());
        assertTrue(vote.contains(new AskPeer(PEER, "mymaster", Fixtures.MASTER, 1, Fixtures.MY_ID)), vote.toString());

        List<Action> won = at(voteAt + 2, new VoteReplied(PEER, "mymaster", true, Fixtures.MY_ID, 1));
        assertEquals(List.of("+elected-leader master mymaster 127.0.0.1 6379",
                "+failover-state-select-slave master mymaster 127.0.0.1 6379",
                "+selected-slave slave 127.0.0.1:6380 127.0.0.1 6380 @ mymaster 127.0.0.1 6379",
                "+failover-state-send-slaveof-noone slave 127.0.0.1:6380 127.0.0.1 6380 @ mymaster 127.0.0.1 6379",
                "+failover-state-wait-promotion slave 127.0.0.1:6380 127.0.0.1 6380 @ mymaster 127.0.0.1 6379"),
                events(won));
        int promote = won.indexOf(new PromoteReplica(REPLICA));
        assertTrue(promote >= 0 && won.indexOf(new RequestInfo(REPLICA)) > promote, "INFO right behind: " + won);

        List<String> switched = events(at(voteAt + 4, new InfoReceived(REPLICA, promotedInfo())));
        assertTrue(switched.contains("+switch-master mymaster 127.0.0.1 6379 127.0.0.1 6380"), switched.toString());
    }

    /** Issue 10: a leader waiting for its promotion gives no vote to a later candidate for the same master. */
    @Test
    void aLeaderFailingOverVotesForNobodyElseInANewerEpoch() {
        monitoring();
        at(2010, new LinkLost(MASTER, "connection refused"));
        at(3011, new Tick());
        at(3013, new VoteReplied(PEER, "mymaster", true, "*", 0));
        long voteAt = sentinel.nextDueAt(3013);
        at(voteAt, new Tick());
        at(voteAt + 2, new VoteReplied(PEER, "mymaster", true, Fixtures.MY_ID, 1));
        List<Action> asked = at(voteAt + 3, new VoteRequested(9, "127.0.0.1", 6379, 2, PEER_ID));
        assertTrue(events(asked).stream().noneMatch(e -> e.startsWith("+vote-for-leader")), events(asked).toString());
        assertTrue(asked.contains(new Reply(9, new Outcome.VoteAnswer(true, Fixtures.MY_ID, 1))), asked.toString());
    }

    static final Target FIRST_RANKED = Target.sentinel(new Address("127.0.0.1", 26381));

    @Test
    void theSecondRankedSentinelWaitsAtLeastOneStagger() {
        monitoring();
        // a peer with a smaller run id than ours ('a' x 40) ranks first
        at(2001, new HelloReceived("127.0.0.1,26381," + "0".repeat(40) + ",0,mymaster,127.0.0.1,6379,0"));
        at(2002, new LinkConnected(FIRST_RANKED, "127.0.0.1"));
        at(2010, new LinkLost(MASTER, "connection refused"));
        at(3005, new PingReplied(FIRST_RANKED, "PONG", false));
        at(3011, new Tick());
        at(3013, new VoteReplied(PEER, "mymaster", true, "*", 0));
        long voteAt = sentinel.nextDueAt(3013);
        assertTrue(voteAt >= 3013 + VOTE_STAGGER_MILLIS, "rank 1 waits for rank 0: " + voteAt);
        assertFalse(voteAt > 3013 + VOTE_STAGGER_MILLIS + VOTE_JITTER_MILLIS, "" + voteAt);
    }

    /** Issue 10: a first-ranked peer that went silent (down with the masters in a node outage) is not waited for. */
    @Test
    void aSilentFirstRankedPeerIsNotWaitedFor() {
        monitoring();
        at(2001, new HelloReceived("127.0.0.1,26381," + "0".repeat(40) + ",0,mymaster,127.0.0.1,6379,0"));
        at(2002, new LinkConnected(FIRST_RANKED, "127.0.0.1"));
        at(2010, new LinkLost(MASTER, "connection refused"));
        at(3011, new Tick()); // the peer never answered its PING: SDOWN, like the master
        at(3013, new VoteReplied(PEER, "mymaster", true, "*", 0));
        long voteAt = sentinel.nextDueAt(3013);
        assertTrue(voteAt <= 3013 + VOTE_JITTER_MILLIS, "the silent peer is not waited for: " + voteAt);
    }
}
