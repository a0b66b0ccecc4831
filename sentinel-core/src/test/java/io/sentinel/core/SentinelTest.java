package io.sentinel.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentinel.core.action.Action;
import io.sentinel.core.action.OpenLink;
import io.sentinel.core.action.Outcome;
import io.sentinel.core.action.PersistState;
import io.sentinel.core.action.Reply;
import io.sentinel.core.action.RequestInfo;
import io.sentinel.core.action.SendPing;
import io.sentinel.core.config.Timing;
import io.sentinel.core.info.InfoParser;
import io.sentinel.core.input.AdminRequest;
import io.sentinel.core.input.HelloReceived;
import io.sentinel.core.input.InfoReceived;
import io.sentinel.core.input.LinkConnected;
import io.sentinel.core.input.LinkLost;
import io.sentinel.core.input.MasterChange;
import io.sentinel.core.input.PingReplied;
import io.sentinel.core.input.Started;
import io.sentinel.core.input.Tick;
import io.sentinel.core.input.UsersChanged;
import io.sentinel.core.model.Address;
import io.sentinel.core.model.Target;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Monitoring basics through {@link Sentinel#handle} only, as the shell drives it. */
class SentinelTest extends DrivenSentinel {
    static final Target MASTER = Target.redis(Fixtures.MASTER);
    static final String DESCRIBED = "master mymaster 127.0.0.1 6379";
    @BeforeEach
    void setUp() {
        start(5000, 1);
    }

    /** Ticks every 100 ms from {@code from} to {@code to} (ticks further apart would trigger TILT); their events. */
    List<String> ticks(long from, long to) {
        List<String> all = new java.util.ArrayList<>();
        for (long t = from; t <= to; t += 100) all.addAll(events(at(t, new Tick())));
        return all;
    }

    @Test
    void startedOpensTheMasterLinkAndPersists() {
        List<Action> batch = at(1000, new Started());
        assertInstanceOf(PersistState.class, batch.get(0));
        assertTrue(batch.contains(new OpenLink(MASTER, Fixtures.master(2, 5000).linkSettings())));
        assertEquals(List.of("+monitor " + DESCRIBED + " quorum 2"), events(batch));
    }

    /** Regression: the OpenLinks of a batch whose PersistState failed were dropped, and never asked for again. */
    @Test
    void aLinkThatNeverConnectsIsAskedForAgain() {
        at(1000, new Started());
        long period = Timing.DEFAULTS.minLinkReconnectPeriod();
        List<Action> early = List.of();
        for (long t = 1100; t < 1000 + period; t += 100) early = at(t, new Tick());
        assertTrue(early.stream().noneMatch(a -> a instanceof OpenLink));
        assertTrue(at(1000 + period, new Tick()).contains(new OpenLink(MASTER, Fixtures.master(2, 5000)
                .linkSettings())), "asked again after min-link-reconnect-period");
        at(1000 + period + 50, new LinkConnected(MASTER, "127.0.0.1"));
        for (long t = 1100 + period; t < 1000 + 3 * period; t += 100) {
            List<Action> batch = at(t, new Tick());
            assertTrue(batch.stream().noneMatch(a -> a instanceof OpenLink), "connected: no more asks");
            if (batch.stream().anyMatch(a -> a instanceof io.sentinel.core.action.SendPing)) {
                at(t + 1, new io.sentinel.core.input.PingReplied(MASTER, "PONG", false));
            }
        }
    }

    /** Regression: a slow start (first tick 3 s after Started) put a fresh sentinel in TILT for 30 s. */
    @Test
    void aSlowFirstTickIsNoTiltButALaterGapIs() {
        at(1000, new Started());
        assertTrue(events(at(4000, new Tick())).isEmpty());
        at(4100, new Tick());
        assertEquals(List.of("+tilt #tilt mode entered"), events(at(7000, new Tick())));
    }

    /** A link whose PINGs go unanswered past down-after may be half-open: it is closed and opened again. */
    @Test
    void aSilentConnectedLinkIsReopenedAfterDownAfter() {
        at(1000, new Started());
        at(1010, new LinkConnected(MASTER, "127.0.0.1"));
        boolean reopened = false;
        for (long t = 1100; t < 1000 + 5000 + 1500 && !reopened; t += 100) {
            List<Action> batch = at(t, new Tick());
            reopened = batch.contains(new io.sentinel.core.action.CloseLink(MASTER))
                    && batch.stream().anyMatch(a -> a instanceof OpenLink);
            if (reopened) assertTrue(t > 1000 + 5000, "not before down-after: " + t);
        }
        assertTrue(reopened, "reopened once silent for down-after");
    }

    /** As redis-sentinel: INFO and a PING as soon as a link is up, then a PING a ping period after each reply. */
    @Test
    void aLinkGetsInfoAndPingAsItConnectsThenPingEveryPeriod() {
        at(1000, new Started());
        assertEquals(List.of(new RequestInfo(MASTER), new SendPing(MASTER)),
                at(1010, new LinkConnected(MASTER, "127.0.0.1")));
        at(1011, new PingReplied(MASTER, "PONG", false));
        assertTrue(at(1100, new Tick()).stream().noneMatch(a -> a instanceof SendPing), "answered");
        assertTrue(at(2001, new Tick()).stream().noneMatch(a -> a instanceof SendPing), "990 ms after the reply");
        assertTrue(at(2101, new Tick()).contains(new SendPing(MASTER)));
    }

    /** Regression: a link dropped and reconnected (CLIENT KILL by our own REPLICAOF) waited a ping period to PING. */
    @Test
    void aReconnectedLinkPingsAtOnce() {
        connectAndPing();
        at(1101, new PingReplied(MASTER, "PONG", false));
        at(1500, new LinkLost(MASTER, "connection closed"));
        assertTrue(at(1600, new LinkConnected(MASTER, "127.0.0.1")).contains(new SendPing(MASTER)));
    }

    @Test
    void silenceLongerThanDownAfterIsSdownAndAReplyClearsIt() {
        connectAndPing();
        assertEquals(List.of(), ticks(1100, 6000), "silent 5000 ms since the PING at 1010, down-after 5000");
        assertEquals(List.of("+sdown " + DESCRIBED), events(at(6011, new Tick())));
        at(6050, new PingReplied(MASTER, "PONG", false));
        assertEquals(List.of("-sdown " + DESCRIBED), events(at(6100, new Tick())));
    }

    @Test
    void anErrorReplyOtherThanLoadingOrMasterdownDoesNotCount() {
        connectAndPing();
        at(1050, new PingReplied(MASTER, "ERR unknown command", true));
        ticks(1100, 6000);
        assertEquals(List.of("+sdown " + DESCRIBED), events(at(6011, new Tick())));
        at(6050, new PingReplied(MASTER, "LOADING Redis is loading the dataset in memory", true));
        assertEquals(List.of("-sdown " + DESCRIBED), events(at(6100, new Tick())));
    }

    /** Regression (bench/failover.py, restart mode): SDOWN 43 ms after a SIGKILL, failover for an 800 ms outage. */
    @Test
    void silenceAfterALostLinkCountsFromTheLossNotFromTheLastPong() {
        connectAndPing();
        at(1011, new PingReplied(MASTER, "PONG", false));
        for (long t = 2100; t <= 6500; t += 100) {
            if (at(t, new Tick()).contains(new SendPing(MASTER))) at(t + 1, new PingReplied(MASTER, "PONG", false));
        }
        at(6550, new LinkLost(MASTER, "connection closed"));
        assertEquals(List.of(), ticks(6600, 11500), "lost at 6550, down-after 5000");
        assertEquals(List.of("+sdown " + DESCRIBED), events(at(11600, new Tick())));
    }

    /** Connected at 1010, which sends a PING at once, left unanswered. */
    private void connectAndPing() {
        at(1000, new Started());
        assertTrue(at(1010, new LinkConnected(MASTER, "127.0.0.1")).contains(new SendPing(MASTER)));
    }

    /** Regression: hellos succeed without an input; counting them as pending silenced the link after 100 of them. */
    @Test
    void aLinkKeepsPingingAfterHundredsOfHellos() {
        at(1000, new Started());
        at(1010, new LinkConnected(MASTER, "127.0.0.1"));
        at(1011, new PingReplied(MASTER, "PONG", false));
        at(1011, new InfoReceived(MASTER, "# Replication\r\nrole:master\r\n"));
        int hellos = 0;
        boolean pingedLate = false;
        for (long t = 1100; t < 500_000; t += 100) {
            for (Action a : at(t, new Tick())) {
                if (a instanceof io.sentinel.core.action.PublishHello) hellos++;
                if (a instanceof SendPing) {
                    at(t + 1, new PingReplied(MASTER, "PONG", false));
                    pingedLate |= t > 490_000;
                }
                if (a instanceof RequestInfo) at(t + 1, new InfoReceived(MASTER, "# Replication\r\nrole:master\r\n"));
            }
        }
        assertTrue(hellos > 200, "hellos: " + hellos);
        assertTrue(pingedLate, "still pinging after " + hellos + " hellos");
        assertEquals(0, sentinel.state().links.get(MASTER).pendingCommands);
    }

    /**
     * Regression (SwitchoverFaultsIT, a node stuck in a FAILOVER): its writes are paused, so a hello PUBLISH waits and
     * holds up the PINGs behind it; it got none, from the INFO that reports the FAILOVER until the one that does not.
     */
    @Test
    void noHelloToANodeWhoseFailoverPausesItsWrites() {
        at(1000, new Started());
        at(1010, new LinkConnected(MASTER, "127.0.0.1"));
        at(1011, new PingReplied(MASTER, "PONG", false));
        String paused = "# Replication\r\nrole:master\r\nmaster_failover_state:waiting-for-sync\r\n";
        String calm = "# Replication\r\nrole:master\r\nmaster_failover_state:no-failover\r\n";
        at(1011, new InfoReceived(MASTER, paused));
        int hellosPaused = 0;
        int hellosCalm = 0;
        for (long t = 1100; t < 60_000; t += 100) {
            String info = t < 30_000 ? paused : calm;
            for (Action a : at(t, new Tick())) {
                if (a instanceof io.sentinel.core.action.PublishHello) {
                    if (t < 30_000) hellosPaused++;
                    else hellosCalm++;
                }
                if (a instanceof SendPing) at(t + 1, new PingReplied(MASTER, "PONG", false));
                if (a instanceof RequestInfo) at(t + 1, new InfoReceived(MASTER, info));
            }
        }
        assertEquals(0, hellosPaused, "hellos while the node reported its FAILOVER");
        assertTrue(hellosCalm > 5, "hellos once it reported no-failover: " + hellosCalm);
    }

    @Test
    void infoWithReplicaLinesAddsReplicas() {
        at(1000, new Started());
        at(1010, new LinkConnected(MASTER, "127.0.0.1"));
        at(1100, new Tick());
        String info = Fixtures.resource("info/master.txt");
        Address replica = InfoParser.parse(info).replicas().get(0);
        List<Action> batch = at(1200, new InfoReceived(MASTER, info));
        assertInstanceOf(PersistState.class, batch.get(0));
        assertTrue(batch.contains(new OpenLink(Target.redis(replica), Fixtures.master(2, 5000).linkSettings())));
        assertEquals(List.of("+slave slave " + replica.hostPort() + " 127.0.0.1 " + replica.port() + " @ "
                + "mymaster 127.0.0.1 6379"), events(batch));
        assertEquals(List.of(replica), sentinel.state().snapshot().master("mymaster").knownReplicas());
    }

    @Test
    void helloFromANewPeerAddsItAndAdoptsItsEpoch() {
        at(1000, new Started());
        String peer = Fixtures.runId('b');
        List<Action> batch = at(1100, new HelloReceived("127.0.0.1,26380," + peer + ",7,mymaster,127.0.0.1,6379,0"));
        assertInstanceOf(PersistState.class, batch.get(0));
        assertEquals(7, ((PersistState) batch.get(0)).config().currentEpoch());
        assertTrue(batch.contains(new OpenLink(Target.sentinel(new Address("127.0.0.1", 26380)),
                sentinel.state().peerLinkSettings())));
        assertEquals(List.of("+sentinel sentinel " + peer + " 127.0.0.1 26380 @ mymaster 127.0.0.1 6379",
                "+new-epoch 7"), events(batch));
        assertEquals(List.of(), at(1200, new HelloReceived("127.0.0.1,26380," + peer
                + ",7,mymaster,127.0.0.1,6379,0")), "a known peer repeating itself changes nothing");
    }

    /** Texts checked against redis-sentinel 7.0.15. */
    @Test
    void requestsTheCoreRefusesGetTypedOutcomes() {
        at(1000, new Started());
        assertOutcome(new Outcome.NoSuchMaster(), new AdminRequest.Failover(7, "nosuch"));
        assertOutcome(new Outcome.NoGoodReplica(), new AdminRequest.Failover(7, "mymaster"));
        assertOutcome(new Outcome.InvalidHost(), new AdminRequest.Monitor(7, "x", "nohost", 6379, 2));
        assertOutcome(new Outcome.DuplicateMaster(), new AdminRequest.Monitor(7, "mymaster", "127.0.0.1", 6379, 2));
        assertOutcome(new Outcome.NoSuchMaster(), new AdminRequest.Remove(7, "nosuch"));
        assertOutcome(new Outcome.InvalidSetting("quorum", "abc"), new AdminRequest.SetMaster(7, "mymaster",
                List.of(), new AdminRequest.SetMaster.Rejected("quorum", "abc")));
        assertOutcome(new Outcome.UnknownSetting("foo"), new AdminRequest.SetMaster(7, "mymaster", List.of(),
                new AdminRequest.SetMaster.Rejected("foo", null)));
    }

    /** As sentinelSetCommand: the options before a bad one are applied, published and flushed. */
    @Test
    void setKeepsTheChangesBeforeABadOption() {
        at(1000, new Started());
        List<Action> batch = at(1100, new AdminRequest.SetMaster(7, "mymaster",
                List.of(MasterChange.number(MasterChange.Setting.QUORUM, "3", 3)),
                new AdminRequest.SetMaster.Rejected("foo", null)));
        assertInstanceOf(PersistState.class, batch.get(0));
        assertEquals(List.of("+set master mymaster 127.0.0.1 6379 quorum 3"), events(batch));
        assertEquals(new Reply(7, new Outcome.UnknownSetting("foo")), batch.get(batch.size() - 1));
        assertEquals(3, sentinel.state().masters.get("mymaster").quorum);
    }

    @Test
    void resetAnswersTheNumberOfMatchingMasters() {
        at(1000, new Started());
        List<Action> batch = at(1100, new AdminRequest.Reset(9, "*"));
        assertEquals(new Reply(9, new Outcome.Count(1)), batch.get(batch.size() - 1));
    }

    /** As redis-sentinel stores what getaddrinfo made of the address: +monitor and the config say 127.0.0.1. */
    @Test
    void monitorStoresAShortIpv4FormAsADottedQuad() {
        at(1000, new Started());
        List<Action> batch = at(1100, new AdminRequest.Monitor(9, "short", "127.1", 7000, 2));
        assertEquals(new Reply(9, Outcome.OK), batch.get(batch.size() - 1));
        assertEquals(List.of("+monitor master short 127.0.0.1 7000 quorum 2"), events(batch));
        assertEquals(new Address("127.0.0.1", 7000), sentinel.state().masters.get("short").master.address);
    }

    private void assertOutcome(Outcome expected, AdminRequest request) {
        List<Action> batch = at(1100, request);
        Reply reply = assertInstanceOf(Reply.class, batch.get(batch.size() - 1));
        assertEquals(7, reply.requestId());
        assertEquals(expected, reply.outcome(), request.toString());
    }

    @Test
    void usersChangedAtRunTimeArePersisted() {
        List<String> users = List.of("app on nopass -@all +ping", "default on nopass ~* &* +@all");
        List<Action> out = at(1100, new UsersChanged(users));
        assertEquals(1, out.size(), out.toString());
        assertEquals(users, assertInstanceOf(PersistState.class, out.get(0)).config().users());
    }
}
