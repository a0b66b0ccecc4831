package io.sentinel.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sentinel.core.action.Action;
import io.sentinel.core.action.Outcome;
import io.sentinel.core.action.Reply;
import io.sentinel.core.config.MasterConfig;
import io.sentinel.core.config.SentinelConfig;
import io.sentinel.core.config.Timing;
import io.sentinel.core.input.AdminRequest;
import io.sentinel.core.input.GlobalChange;
import io.sentinel.core.input.HelloReceived;
import io.sentinel.core.input.InfoReceived;
import io.sentinel.core.input.LinkConnected;
import io.sentinel.core.input.MasterChange;
import io.sentinel.core.input.Started;
import io.sentinel.core.input.Tick;
import io.sentinel.core.input.VoteRequested;
import io.sentinel.core.model.Address;
import io.sentinel.core.model.Target;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * redis-sentinel 7.0 with {@code resolve-hostnames no} (the default) makes no instance of a replica or peer known
 * only by name, so neither do we; with {@code yes} the name is the instance's identity.
 */
class HostnamesTest extends DrivenSentinel {
    static final Target MASTER = Target.redis(Fixtures.MASTER);
    static final String INFO = Fixtures.resource("info/master.txt")
            .replace("slave0:ip=127.0.0.1,port=56141", "slave0:ip=rs-2.test,port=56141");
    static final String PEER = Fixtures.runId('b');
    @BeforeEach
    void setUp() {
        start(5000, 1);
        at(1000, new Started());
        at(1010, new LinkConnected(MASTER, "127.0.0.1"));
        at(1100, new Tick());
    }

    private List<Address> replicas() {
        return sentinel.state().snapshot().master("mymaster").knownReplicas();
    }

    private int peers() {
        return sentinel.view(1400).masters().get(0).sentinels().size();
    }

    @Test
    void withoutResolveHostnamesAReplicaOrPeerKnownByNameIsIgnored() {
        at(1200, new InfoReceived(MASTER, INFO));
        assertEquals(List.of(), replicas());
        at(1300, new HelloReceived("sentinel-1.test,26380," + PEER + ",7,mymaster,127.0.0.1,6379,0"));
        assertEquals(0, peers());
    }

    @Test
    void withResolveHostnamesTheNameIsTheIdentity() {
        at(1150, new AdminRequest.ConfigSet(1, List.of(new GlobalChange.ResolveHostnames(true))));
        at(1200, new InfoReceived(MASTER, INFO));
        assertEquals(List.of(new Address("rs-2.test", 56141)), replicas());
        at(1300, new HelloReceived("sentinel-1.test,26380," + PEER + ",7,mymaster,127.0.0.1,6379,0"));
        assertEquals(1, peers());
    }

    /** A sentinel monitoring {@code redis-0.test} with resolve-hostnames and the given announce-hostnames. */
    private Sentinel byName(boolean announceHostnames) {
        MasterConfig d = MasterConfig.withDefaults("m", new Address("redis-0.test", 6379), 1);
        SentinelConfig c = Fixtures.config(d);
        c = new SentinelConfig(c.port(), c.bind(), c.dir(), c.logfile(), c.protectedMode(), c.requirePass(),
                c.users(), c.myid(), c.currentEpoch(), c.announceIp(), c.announcePort(), true, announceHostnames,
                c.denyScriptsReconfig(), c.sentinelUser(), c.sentinelPass(), c.masters(), 0);
        Sentinel named = new Sentinel(c, Timing.DEFAULTS, new SplittableRandom(1), 1000);
        named.handle(new Started(), 1000);
        named.handle(new LinkConnected(Target.redis(d.address()), "10.0.0.9", "10.0.0.5"), 1010);
        return named;
    }

    @Test
    void withoutAnnounceHostnamesRepliesHellosAndEventsShowTheIpTheNameConnectedAtButTheConfigKeepsTheName() {
        Sentinel named = byName(false);
        assertEquals(new Address("10.0.0.5", 6379), named.view(1100).masters().get(0).master().address());
        assertEquals("10.0.0.5", io.sentinel.core.monitor.Periodic.hello(named.state(),
                named.state().masters.get("m")).split(",")[5]);
        List<Action> batch = named.handle(new AdminRequest.SetMaster(2, "m", List.of(MasterChange.number(MasterChange.Setting.QUORUM, "2", 2)), null), 1200);
        assertEquals(List.of("+set master m 10.0.0.5 6379 quorum 2"), events(batch));
        assertEquals(new Address("redis-0.test", 6379), named.state().snapshot().masters().get(0).address());
    }

    @Test
    void withAnnounceHostnamesEverythingShowsTheName() {
        Sentinel named = byName(true);
        assertEquals(new Address("redis-0.test", 6379), named.view(1100).masters().get(0).master().address());
        assertEquals("redis-0.test", io.sentinel.core.monitor.Periodic.hello(named.state(),
                named.state().masters.get("m")).split(",")[5]);
    }

    @Test
    void aNameConnectingAtANewIpIsTheSameInstanceAndPublishesOneAddressChange() {
        Sentinel named = byName(true);
        Target master = Target.redis(new Address("redis-0.test", 6379));
        assertEquals(List.of("+address-change master m redis-0.test 6379 10.0.0.5 10.0.0.6"),
                events(named.handle(new LinkConnected(master, "10.0.0.9", "10.0.0.6"), 1100)));
        assertEquals(List.of(), events(named.handle(new LinkConnected(master, "10.0.0.9", "10.0.0.6"), 1200)));
        assertEquals(1, named.view(1300).masters().size());
    }

    @Test
    void aPeerAskingByTheIpOfOurNamedMasterIsAnswered() {
        Sentinel named = byName(true);
        List<Action> batch = named.handle(new VoteRequested(3, "10.0.0.5", 6379, 0, null), 1100);
        Reply reply = (Reply) batch.get(batch.size() - 1);
        assertEquals(new Outcome.VoteAnswer(false, null, 0), reply.outcome());
    }
}
