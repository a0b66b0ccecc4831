package io.sentinel.core.failover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentinel.core.Fixtures;
import io.sentinel.core.config.Timing;
import io.sentinel.core.monitor.MasterState;
import io.sentinel.core.monitor.ReplicaState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReplicaRankingTest {
    static final long NOW = 1_000_000;
    static final Timing T = Timing.DEFAULTS;
    MasterState m;
    ReplicaState r;

    @BeforeEach
    void setUp() {
        m = new MasterState(Fixtures.master(2, 5000), 1);
        r = Fixtures.goodReplica(m, 7001, NOW);
    }

    @Test
    void aFreshConnectedReplicaIsEligible() {
        assertTrue(ReplicaRanking.eligible(m, r, T, NOW));
        assertSame(r, ReplicaRanking.select(m, T, NOW));
    }

    @Test
    void sdownDisqualifies() {
        r.sdownSince = NOW - 1;
        assertTrue(ReplicaRanking.isDown(r));
        assertNull(ReplicaRanking.select(m, T, NOW));
    }

    @Test
    void disconnectedDisqualifies() {
        r.link.connected = false;
        assertTrue(ReplicaRanking.isDisconnected(r));
        r.link = null;
        assertTrue(ReplicaRanking.isDisconnected(r));
        assertNull(ReplicaRanking.select(m, T, NOW));
    }

    @Test
    void pingOlderThanFivePingPeriods() {
        r.link.lastOkPingReplyAt = NOW - 5 * T.pingPeriod();
        assertFalse(ReplicaRanking.pingTooOld(r, T, NOW));
        r.link.lastOkPingReplyAt = NOW - 5 * T.pingPeriod() - 1;
        assertTrue(ReplicaRanking.pingTooOld(r, T, NOW));
    }

    @Test
    void priorityZeroNeverPromoted() {
        r.priority = 0;
        assertTrue(ReplicaRanking.neverPromote(r));
        assertNull(ReplicaRanking.select(m, T, NOW));
    }

    @Test
    void infoValidityDependsOnMasterSdown() {
        r.infoRefreshAt = NOW - 3 * T.infoPeriod();
        assertFalse(ReplicaRanking.infoTooOld(m, r, T, NOW), "3 info periods while the master is up");
        r.infoRefreshAt = NOW - 3 * T.infoPeriod() - 1;
        assertTrue(ReplicaRanking.infoTooOld(m, r, T, NOW));
        m.master.sdownSince = NOW - 1;
        r.infoRefreshAt = NOW - 5 * T.pingPeriod() - 1;
        assertTrue(ReplicaRanking.infoTooOld(m, r, T, NOW), "5 ping periods once the master is down");
        r.infoRefreshAt = NOW - 5 * T.pingPeriod();
        assertFalse(ReplicaRanking.infoTooOld(m, r, T, NOW));
        r.infoRefreshAt = 0;
        assertTrue(ReplicaRanking.infoTooOld(m, r, T, NOW), "never refreshed");
    }

    @Test
    void masterLinkDownTooLongCountsTheMasterDowntime() {
        r.masterLinkDownMillis = 10 * m.downAfterMillis + 1;
        assertTrue(ReplicaRanking.linkDownTooLong(m, r, NOW));
        m.master.sdownSince = NOW - 1000;
        assertFalse(ReplicaRanking.linkDownTooLong(m, r, NOW), "the master's own downtime is forgiven");
        r.masterLinkDownMillis = 10 * m.downAfterMillis + 1001;
        assertTrue(ReplicaRanking.linkDownTooLong(m, r, NOW));
    }

    /** A sentinel restarted during the outage saw SDOWN late; the siblings' reports tell how long it has been. */
    @Test
    void siblingsLinkDownTimeForgivesALongOutageButNotAStaleReplica() {
        m.master.sdownSince = NOW - 1000;
        ReplicaState sibling = Fixtures.goodReplica(m, 7002, NOW);
        sibling.masterLinkDownMillis = 60_000;
        r.masterLinkDownMillis = 61_000;
        assertFalse(ReplicaRanking.linkDownTooLong(m, r, NOW), "both lost the master a minute ago");
        r.masterLinkDownMillis = 60_000 + 10 * m.downAfterMillis + 1;
        assertTrue(ReplicaRanking.linkDownTooLong(m, r, NOW), "disconnected long before its sibling");
        assertFalse(ReplicaRanking.linkDownTooLong(m, sibling, NOW));
    }

    @Test
    void lowerPriorityWins() {
        r.priority = 50;
        ReplicaState other = Fixtures.goodReplica(m, 7002, NOW);
        other.priority = 10;
        other.replOffset = 0;
        r.replOffset = 1000;
        assertSame(other, ReplicaRanking.select(m, T, NOW));
    }

    @Test
    void thenHigherOffsetWins() {
        ReplicaState other = Fixtures.goodReplica(m, 7002, NOW);
        r.replOffset = 10;
        other.replOffset = 20;
        assertSame(other, ReplicaRanking.select(m, T, NOW));
    }

    @Test
    void thenSmallerRunIdWinsAndUnknownRunIdLast() {
        ReplicaState a = Fixtures.goodReplica(m, 7002, NOW);
        ReplicaState b = Fixtures.goodReplica(m, 7003, NOW);
        r.runId = null;
        a.runId = Fixtures.runId('c');
        b.runId = Fixtures.runId('b');
        assertSame(b, ReplicaRanking.select(m, T, NOW));
        b.runId = null;
        assertSame(a, ReplicaRanking.select(m, T, NOW));
        a.runId = null;
        assertEquals(null, ReplicaRanking.select(m, T, NOW).runId);
    }
}
