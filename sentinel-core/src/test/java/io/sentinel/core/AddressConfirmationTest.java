package io.sentinel.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentinel.core.config.KnownSentinel;
import io.sentinel.core.config.MasterConfig;
import io.sentinel.core.config.Timing;
import io.sentinel.core.input.AdminRequest;
import io.sentinel.core.input.HelloReceived;
import io.sentinel.core.input.InfoReceived;
import io.sentinel.core.input.LinkConnected;
import io.sentinel.core.input.Started;
import io.sentinel.core.input.Tick;
import io.sentinel.core.model.Address;
import io.sentinel.core.model.Target;
import io.sentinel.core.view.MasterView;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Rule: a sentinel that starts does not vouch for the master address it persisted until a peer or the master
 * confirms it, or 2 x publish-period passes; meanwhile the shell refuses get-master-addr-by-name.
 */
class AddressConfirmationTest extends DrivenSentinel {
    static final Target MASTER = Target.redis(Fixtures.MASTER);
    static final Address NEW_MASTER = new Address("127.0.0.1", 6380);
    static final String PEER = Fixtures.runId('b');
    static final String MASTER_INFO = "# Replication\r\nrole:master\r\nconnected_slaves:0\r\n";

    MasterView view(long now) {
        return sentinel.view(now).masters().get(0);
    }

    /** A sentinel that persisted one peer for the master. */
    void startWithAKnownPeer() {
        MasterConfig d = Fixtures.master(2, 5000);
        MasterConfig withPeer = new MasterConfig(d.name(), d.address(), d.quorum(), d.downAfterMillis(),
                d.failoverTimeoutMillis(), d.parallelSyncs(), null, null, null, null, 0, d.renamedCommands(), List.of(),
                List.of(new KnownSentinel(new Address("127.0.0.1", 26380), PEER)), 0, 0, null);
        sentinel = new Sentinel(Fixtures.config(withPeer), Timing.DEFAULTS, new SplittableRandom(1), 1000);
        at(1000, new Started());
    }

    /**
     * The shell serves views from construction on, before the core has handled Started: with peers known, nothing is
     * confirmed yet; without, the address is (a client asking a fresh sentinel at once gets it, MonitoringIT).
     */
    @Test
    void beforeStartOnlyAnAddressWithKnownPeersIsUnconfirmed() {
        start(5000, 1);
        assertTrue(view(1000).addressConfirmed());
        MasterConfig d = Fixtures.master(2, 5000);
        MasterConfig withPeer = new MasterConfig(d.name(), d.address(), d.quorum(), d.downAfterMillis(),
                d.failoverTimeoutMillis(), d.parallelSyncs(), null, null, null, null, 0, d.renamedCommands(), List.of(),
                List.of(new KnownSentinel(new Address("127.0.0.1", 26380), PEER)), 0, 0, null);
        sentinel = new Sentinel(Fixtures.config(withPeer), Timing.DEFAULTS, new SplittableRandom(1), 1000);
        assertFalse(view(1000).addressConfirmed());
        assertFalse(view(Long.MAX_VALUE - 1).addressConfirmed());
    }

    /** A fresh start (or a state without peers): nobody could know better, so nothing to wait for. */
    @Test
    void withoutKnownPeersItIsConfirmedAtStart() {
        start(5000, 1);
        at(1000, new Started());
        assertTrue(view(1001).addressConfirmed());
    }

    /** The case it exists for: the old master came back and says role:master, but peers failed over meanwhile. */
    @Test
    void withAKnownPeerOnlyAHelloConfirmsItAndBringsTheNewMaster() {
        startWithAKnownPeer();
        at(1010, new LinkConnected(MASTER, "127.0.0.1"));
        at(1020, new InfoReceived(MASTER, MASTER_INFO));
        assertFalse(view(1021).addressConfirmed(), "the returned old master vouches for nothing");
        at(1100, new HelloReceived("127.0.0.1,26380," + PEER + ",3,mymaster,127.0.0.1,6380,3"));
        MasterView m = view(1101);
        assertTrue(m.addressConfirmed());
        assertEquals(NEW_MASTER, m.currentAddress());
    }

    @Test
    void silentPeersLeaveItUnconfirmedForTwoPublishPeriodsAtMost() {
        startWithAKnownPeer();
        long deadline = 1000 + 2 * Timing.DEFAULTS.publishPeriod();
        for (long t = 1100; t < deadline; t += 100) at(t, new Tick());
        assertFalse(view(deadline - 1).addressConfirmed());
        assertTrue(view(deadline).addressConfirmed());
    }

    @Test
    void aMasterMonitoredAtRunTimeIsConfirmed() {
        startWithAKnownPeer();
        at(1100, new AdminRequest.Monitor(1, "other", "127.0.0.1", 7000, 1));
        assertTrue(sentinel.view(1101).master("other").addressConfirmed());
        assertFalse(sentinel.view(1101).master("mymaster").addressConfirmed());
    }
}
