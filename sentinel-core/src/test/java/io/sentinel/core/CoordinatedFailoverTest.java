package io.sentinel.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentinel.core.action.Action;
import io.sentinel.core.action.AskPeer;
import io.sentinel.core.action.CancelHandOver;
import io.sentinel.core.action.HandOver;
import io.sentinel.core.action.Outcome;
import io.sentinel.core.action.PromoteReplica;
import io.sentinel.core.action.ReleaseClients;
import io.sentinel.core.action.RepointReplica;
import io.sentinel.core.action.Reply;
import io.sentinel.core.action.RequestInfo;
import io.sentinel.core.action.SaveConfig;
import io.sentinel.core.action.SendPing;
import io.sentinel.core.config.Timing;
import io.sentinel.core.input.AdminRequest;
import io.sentinel.core.input.CommandFailed;
import io.sentinel.core.input.HelloReceived;
import io.sentinel.core.input.InfoReceived;
import io.sentinel.core.input.Input;
import io.sentinel.core.input.LinkConnected;
import io.sentinel.core.input.LinkLost;
import io.sentinel.core.input.PingReplied;
import io.sentinel.core.input.Started;
import io.sentinel.core.input.Tick;
import io.sentinel.core.input.VoteReplied;
import io.sentinel.core.model.Address;
import io.sentinel.core.model.Target;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: {@code SENTINEL FAILOVER <name> COORDINATED} (elected, handed over by the master with FAILOVER TO), the
 * plain forced failover's early demotion of the old master, fresh INFO before a manual selection, and the repair of
 * a node stuck in a FAILOVER. One peer ('b'), quorum 2, down-after 1000 ms, failover-timeout 10 s.
 */
class CoordinatedFailoverTest {
    static final Target MASTER = Target.redis(Fixtures.MASTER);
    static final Address REPLICA_ADDR = new Address("127.0.0.1", 6380);
    static final Target REPLICA = Target.redis(REPLICA_ADDR);
    static final Address OTHER_ADDR = new Address("127.0.0.1", 6381);
    static final Target OTHER = Target.redis(OTHER_ADDR);
    static final Target PEER = Target.sentinel(new Address("127.0.0.1", 26380));
    static final String PEER_ID = Fixtures.runId('b');
    static final String WAIT_PROMOTION = "+failover-state-wait-promotion slave 127.0.0.1:6380 127.0.0.1 6380 @ mymaster"
            + " 127.0.0.1 6379";
    Sentinel sentinel;
    long requestIds = 100;

    @BeforeEach
    void setUp() {
        sentinel = new Sentinel(Fixtures.config(Fixtures.master(2, 1000)), Timing.DEFAULTS, new SplittableRandom(7),
                1000);
    }

    List<Action> at(long now, Input input) {
        return sentinel.handle(input, now);
    }

    static List<String> events(List<Action> batch) {
        return SentinelTest.events(batch);
    }

    static String masterInfo(String failoverState, boolean twoReplicas) {
        return "# Server\r\nrun_id:" + Fixtures.runId('d') + "\r\n# Replication\r\nrole:master\r\n"
                + "connected_slaves:1\r\n"
                + "slave0:ip=127.0.0.1,port=6380,state=online,offset=50,lag=0\r\n"
                + (twoReplicas ? "slave1:ip=127.0.0.1,port=6381,state=online,offset=50,lag=0\r\n" : "")
                + (failoverState == null ? "" : "master_failover_state:" + failoverState + "\r\n");
    }

    static String replicaInfo(char runId, long offset, String failoverState) {
        return "# Server\r\nrun_id:" + Fixtures.runId(runId) + "\r\n# Replication\r\nrole:slave\r\n"
                + "master_host:127.0.0.1"
                + "\r\nmaster_port:6379\r\nmaster_link_status:up\r\nslave_repl_offset:" + offset
                + "\r\nslave_priority:100\r\nmaster_failover_state:" + failoverState + "\r\n";
    }

    static String promotedInfo() {
        return "# Server\r\nrun_id:" + Fixtures.runId('c') + "\r\n# Replication\r\nrole:master\r\n"
                + "connected_slaves:0\r\n"
                + "master_failover_state:no-failover\r\n";
    }

    /** Master (reporting {@code failoverState}) and replica linked and answering, the peer linked, at t = 2000. */
    void monitoring(String failoverState) {
        at(1000, new Started());
        answer(1001, at(1001, new LinkConnected(MASTER, "127.0.0.1")));
        at(1002, new InfoReceived(MASTER, masterInfo(failoverState, false)));
        answer(1003, at(1003, new LinkConnected(REPLICA, "127.0.0.1")));
        at(1004, new HelloReceived("127.0.0.1,26380," + PEER_ID + ",0,mymaster,127.0.0.1,6379,0"));
        answer(1005, at(1005, new LinkConnected(PEER, "127.0.0.1")));
        for (long t = 1100; t <= 2000; t += 100) answer(t, at(t, new Tick()));
    }

    /** Answers what healthy instances would: PONG, and the replica's INFO. */
    void answer(long t, List<Action> batch) {
        for (Action a : batch) {
            if (a instanceof SendPing p) {
                at(t, new PingReplied(p.target(), "PONG", false));
            } else if (a instanceof RequestInfo r && r.target().equals(REPLICA)) {
                at(t, new InfoReceived(REPLICA, replicaInfo('c', 50, "no-failover")));
            }
        }
    }

    Outcome failover(long t, boolean coordinated) {
        long id = requestIds++;
        for (Action a : at(t, new AdminRequest.Failover(id, "mymaster", coordinated))) {
            if (a instanceof Reply r && r.requestId() == id) return r.outcome();
        }
        throw new AssertionError("no reply");
    }

    /** COORDINATED accepted at 2100 and elected at 2200; returns the step that sent the hand-over. */
    List<Action> electedAndHandedOver() {
        monitoring("no-failover");
        assertEquals(Outcome.OK, failover(2100, true));
        List<Action> vote = at(2150, new Tick());
        assertTrue(vote.contains(new AskPeer(PEER, "mymaster", Fixtures.MASTER, 1, Fixtures.MY_ID)),
                "votes asked although the master is up: " + vote);
        List<Action> elected = at(2200, new VoteReplied(PEER, "mymaster", false, Fixtures.MY_ID, 1));
        assertTrue(events(elected).contains("+elected-leader master mymaster 127.0.0.1 6379"),
                events(elected).toString());
        // asked at the election, or already in flight (1 s period for replicas during a failover)
        assertTrue(elected.contains(new RequestInfo(REPLICA)) || vote.contains(new RequestInfo(REPLICA)),
                "fresh INFO before selecting: " + elected);
        assertTrue(elected.stream().noneMatch(a -> a instanceof HandOver), "not before the answer");
        return at(2210, new InfoReceived(REPLICA, replicaInfo('c', 60, "no-failover")));
    }

    @Test
    void refusedWhenTheMasterReportsNoFailoverState() {
        monitoring(null);
        assertEquals(new Outcome.FailoverNotSupported(), failover(2100, true));
        assertEquals(Outcome.OK, failover(2100, false), "the plain failover needs no FAILOVER command");
    }

    @Test
    void electedThenHandedOverByTheMasterThenReleased() {
        List<Action> sent = electedAndHandedOver();
        assertTrue(sent.contains(new HandOver(MASTER, REPLICA_ADDR, 10_000)), sent.toString());
        assertTrue(sent.stream().noneMatch(a -> a instanceof PromoteReplica), "no REPLICAOF NO ONE: " + sent);
        int handOver = sent.indexOf(new HandOver(MASTER, REPLICA_ADDR, 10_000));
        assertTrue(sent.indexOf(new RequestInfo(MASTER)) > handOver, "master INFO right behind: " + sent);
        assertTrue(events(sent).contains(WAIT_PROMOTION), events(sent).toString());
        assertTrue(events(sent).contains("+writes-paused master mymaster 127.0.0.1 6379 timeout 10000"));

        assertTrue(events(at(2220, new InfoReceived(MASTER, masterInfo("waiting-for-sync", false)))).isEmpty());
        List<Action> promoted = at(2400, new InfoReceived(REPLICA, promotedInfo()));
        List<String> ev = events(promoted);
        assertTrue(ev.contains("+switch-master mymaster 127.0.0.1 6379 127.0.0.1 6380"), ev.toString());
        assertTrue(ev.contains("-writes-paused master mymaster 127.0.0.1 6379"), ev.toString());
        assertTrue(promoted.contains(new ReleaseClients(MASTER)), promoted.toString());
        assertTrue(promoted.contains(new SaveConfig(REPLICA)), promoted.toString());
        assertFalse(ev.stream().anyMatch(e -> e.startsWith("+convert-to-slave")), "FAILOVER demoted it already");
    }

    @Test
    void aMasterThatDroppedTheHandOverIsReleasedAtOnce() {
        electedAndHandedOver();
        List<Action> gaveUp = at(2500, new InfoReceived(MASTER, masterInfo("no-failover", false)));
        assertTrue(events(gaveUp).contains("-failover-abort-slave-timeout master mymaster 127.0.0.1 6379"),
                events(gaveUp).toString());
        assertTrue(gaveUp.contains(new CancelHandOver(MASTER)), gaveUp.toString());
        assertTrue(events(gaveUp).contains("-writes-paused master mymaster 127.0.0.1 6379"));
    }

    @Test
    void anInfoAskedBeforeTheHandOverSaysNothingOfIt() {
        monitoring("no-failover");
        at(2050, new AdminRequest.SetTiming(1, List.of(new AdminRequest.SetTiming.Period("info-period", 500))));
        assertEquals(Outcome.OK, failover(2100, true));
        // a periodic master INFO goes out before the hand-over and is answered after it
        assertTrue(at(2150, new Tick()).contains(new RequestInfo(MASTER)));
        at(2200, new VoteReplied(PEER, "mymaster", false, Fixtures.MY_ID, 1));
        List<Action> sent = at(2210, new InfoReceived(REPLICA, replicaInfo('c', 60, "no-failover")));
        assertTrue(sent.stream().anyMatch(a -> a instanceof HandOver), sent.toString());
        List<Action> older = at(2220, new InfoReceived(MASTER, masterInfo("no-failover", false)));
        assertTrue(events(older).isEmpty(), "the reply to the older request: " + events(older));
        List<Action> newer = at(2230, new InfoReceived(MASTER, masterInfo("no-failover", false)));
        assertTrue(events(newer).contains("-failover-abort-slave-timeout master mymaster 127.0.0.1 6379"),
                events(newer).toString());
    }

    /**
     * Found in SwitchoverFaultsIT: right after a switch the new master's state is fresh but its link (the promoted
     * replica's) still has an INFO in flight; its late reply, older than the next hand-over, aborted that one.
     */
    @Test
    void anInfoInFlightAcrossASwitchSaysNothingOfTheNextHandOver() {
        monitoring("no-failover");
        at(2050, new AdminRequest.SetTiming(1, List.of(new AdminRequest.SetTiming.Period("info-period", 500))));
        List<Action> asked = at(2100, new Tick());
        assertTrue(asked.contains(new RequestInfo(REPLICA)) && asked.contains(new RequestInfo(MASTER)),
                asked.toString());
        // a peer's hello moves the master to 6380 (config epoch 1) while both INFOs are in flight
        List<String> moved = events(at(2110, new HelloReceived("127.0.0.1,26380," + PEER_ID + ",1,mymaster,127.0.0.1,"
                + "6380,1")));
        assertTrue(moved.contains("+switch-master mymaster 127.0.0.1 6379 127.0.0.1 6380"), moved.toString());
        String newMaster = "# Server\r\nrun_id:" + Fixtures.runId('c') + "\r\n# Replication\r\nrole:master\r\n"
                + "connected_slaves:1\r\nslave0:ip=127.0.0.1,port=6379,state=online,offset=90,lag=0\r\n"
                + "master_failover_state:no-failover\r\n";
        String oldMaster = "# Server\r\nrun_id:" + Fixtures.runId('d') + "\r\n# Replication\r\nrole:slave\r\n"
                + "master_host:127.0.0.1\r\nmaster_port:6380\r\nmaster_link_status:up\r\nslave_repl_offset:90\r\n"
                + "slave_priority:100\r\nmaster_failover_state:no-failover\r\n";
        at(2120, new InfoReceived(REPLICA, newMaster)); // answers the request made when 6380 was a replica
        at(2121, new InfoReceived(MASTER, oldMaster));
        for (Action a : at(2130, new Tick())) {
            if (a instanceof SendPing p) at(2130, new PingReplied(p.target(), "PONG", false));
        }
        assertEquals(Outcome.OK, failover(2140, true));
        for (Action a : at(2150, new Tick())) {
            if (a instanceof SendPing p) at(2150, new PingReplied(p.target(), "PONG", false));
        }
        at(2200, new VoteReplied(PEER, "mymaster", false, Fixtures.MY_ID, 2)); // elected; 6379 asked for INFO
        List<Action> periodic = at(2700, new Tick());
        assertTrue(periodic.contains(new RequestInfo(REPLICA)), "the new master's periodic INFO: " + periodic);
        List<Action> sent = at(2710, new InfoReceived(MASTER, oldMaster));
        assertTrue(sent.contains(new HandOver(REPLICA, Fixtures.MASTER, 10_000)), sent.toString());
        List<Action> older = at(2720, new InfoReceived(REPLICA, newMaster));
        assertTrue(events(older).isEmpty(), "the reply to the request before the hand-over: " + events(older));
        List<Action> newer = at(2730, new InfoReceived(REPLICA, newMaster));
        assertTrue(events(newer).contains("-failover-abort-slave-timeout master mymaster 127.0.0.1 6380"),
                events(newer).toString());
    }

    @Test
    void aRefusedHandOverAbortsWithTheServersWords() {
        electedAndHandedOver();
        String noperm = "NOPERM this user has no permissions to run the 'failover' command";
        List<Action> refused = at(2215, new CommandFailed(MASTER, CommandFailed.Command.HAND_OVER, noperm));
        assertTrue(events(refused).contains("-failover-abort-master-error master mymaster 127.0.0.1 6379 " + noperm),
                events(refused).toString());
        assertTrue(refused.contains(new CancelHandOver(MASTER)), "unpaused in case CLIENT PAUSE ran");
        assertEquals(Outcome.OK, failover(3000, true), "over: a new one may start");
    }

    @Test
    void noPromotionWithinFailoverTimeoutAborts() {
        electedAndHandedOver();
        for (long t = 2300; t <= 2210 + 10_000; t += 100) {
            List<Action> tick = at(t, new Tick());
            assertTrue(events(tick).stream().noneMatch(e -> e.startsWith("-failover-abort")), t + " " + events(tick));
            for (Action a : tick) if (a instanceof SendPing p) at(t, new PingReplied(p.target(), "PONG", false));
        }
        List<Action> late = at(2210 + 10_001, new Tick());
        assertTrue(events(late).contains("-failover-abort-slave-timeout master mymaster 127.0.0.1 6379"),
                events(late).toString());
        assertTrue(late.contains(new CancelHandOver(MASTER)), late.toString());
    }

    @Test
    void anUnreachableMasterGetsNoHandOverAndTheFailoverGivesUp() {
        monitoring("no-failover");
        assertEquals(Outcome.OK, failover(2100, true));
        at(2150, new Tick());
        at(2160, new LinkLost(MASTER, "connection reset"));
        at(2200, new VoteReplied(PEER, "mymaster", false, Fixtures.MY_ID, 1));
        at(2210, new InfoReceived(REPLICA, replicaInfo('c', 60, "no-failover")));
        for (long t = 2300; t < 2210 + 9_000; t += 100) {
            List<Action> tick = at(t, new Tick());
            assertTrue(tick.stream().noneMatch(a -> a instanceof HandOver), "link down: " + tick);
            assertTrue(events(tick).stream().noneMatch(e -> e.startsWith("-failover-abort")), t + " " + events(tick));
        }
        List<Action> late = at(2210 + 9_001, new Tick());
        assertTrue(events(late).contains("-failover-abort-master-timeout master mymaster 127.0.0.1 6379"),
                events(late).toString());
        assertTrue(late.stream().noneMatch(a -> a instanceof CancelHandOver), "nothing was sent to take back");
    }

    @Test
    void theForcedFailoverDemotesTheOldMasterOnThePromotion() {
        monitoring("no-failover");
        assertEquals(Outcome.OK, failover(2100, false));
        List<Action> asked = at(2200, new Tick());
        assertTrue(asked.contains(new RequestInfo(REPLICA)), "fresh INFO first: " + asked);
        List<Action> sent = at(2210, new InfoReceived(REPLICA, replicaInfo('c', 60, "no-failover")));
        assertTrue(sent.contains(new PromoteReplica(REPLICA)), sent.toString());
        List<Action> promoted = at(2300, new InfoReceived(REPLICA, promotedInfo()));
        assertTrue(promoted.contains(new RepointReplica(MASTER, REPLICA_ADDR)), promoted.toString());
        assertTrue(events(promoted).contains("+convert-to-slave master mymaster 127.0.0.1 6379"),
                events(promoted).toString());
    }

    @Test
    void aForcedFailoverLeavesAnUnreachableOldMasterAlone() {
        monitoring("no-failover");
        assertEquals(Outcome.OK, failover(2100, false));
        at(2150, new LinkLost(MASTER, "connection reset"));
        at(2200, new Tick());
        at(2210, new InfoReceived(REPLICA, replicaInfo('c', 60, "no-failover")));
        List<Action> promoted = at(2300, new InfoReceived(REPLICA, promotedInfo()));
        assertTrue(promoted.stream().noneMatch(a -> a instanceof RepointReplica), promoted.toString());
    }

    @Test
    void aManualSelectionWaitsForFreshInfoAndTakesTheReplicaAheadNow() {
        monitoring("no-failover");
        answer(2001, at(2001, new InfoReceived(MASTER, masterInfo("no-failover", true))));
        at(2002, new LinkConnected(OTHER, "127.0.0.1"));
        at(2003, new PingReplied(OTHER, "PONG", false));
        at(2004, new InfoReceived(OTHER, replicaInfo('e', 40, "no-failover")));
        // cached: 6380 at 50 is ahead of 6381 at 40
        assertEquals(Outcome.OK, failover(2100, false));
        List<Action> asked = at(2200, new Tick());
        assertTrue(asked.contains(new RequestInfo(REPLICA)) && asked.contains(new RequestInfo(OTHER)),
                asked.toString());
        assertTrue(at(2205, new InfoReceived(REPLICA, replicaInfo('c', 70, "no-failover"))).stream()
                .noneMatch(a -> a instanceof PromoteReplica), "waits for the other answer");
        List<Action> selected = at(2206, new InfoReceived(OTHER, replicaInfo('e', 90, "no-failover")));
        assertTrue(selected.contains(new PromoteReplica(OTHER)), "6381 is ahead now: " + selected);
    }

    @Test
    void aManualSelectionWaitsAtMostASecond() {
        monitoring("no-failover");
        assertEquals(Outcome.OK, failover(2100, false));
        at(2200, new Tick()); // asks, and gets no answer
        assertTrue(at(3100, new Tick()).stream().noneMatch(a -> a instanceof PromoteReplica));
        assertTrue(at(3200, new Tick()).contains(new PromoteReplica(REPLICA)));
    }

    @Test
    void aReplicaStuckInAFailoverIsAbortedAndRepointed() {
        monitoring("no-failover");
        at(2010, new InfoReceived(REPLICA, replicaInfo('c', 50, "failover-in-progress")));
        at(2020, new InfoReceived(MASTER, masterInfo("no-failover", false)));
        List<Action> early = at(2010 + 10_000, new InfoReceived(REPLICA, replicaInfo('c', 50, "failover-in-progress")));
        assertTrue(early.stream().noneMatch(a -> a instanceof RepointReplica), "not before failover-timeout");
        at(12_020, new InfoReceived(MASTER, masterInfo("no-failover", false)));
        List<Action> fixed = at(12_030, new InfoReceived(REPLICA, replicaInfo('c', 50, "failover-in-progress")));
        assertTrue(fixed.contains(new RepointReplica(REPLICA, Fixtures.MASTER, true)), fixed.toString());
        assertTrue(events(fixed).contains("+fix-slave-config slave 127.0.0.1:6380 127.0.0.1 6380 @ mymaster 127.0.0.1"
                + " 6379"), events(fixed).toString());
    }
}
