package io.sentinel.server.e2e;

import static io.sentinel.server.e2e.SwitchoverCluster.DEADLINE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentinel.core.model.Address;
import io.sentinel.server.it.Await;
import io.sentinel.server.it.ProcessScope;
import io.sentinel.server.it.RedisProcess;
import io.sentinel.server.it.SentinelProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.commands.ProtocolCommand;
import redis.clients.jedis.util.SafeEncoder;

/**
 * Issue 14: what a coordinated switchover does when things go wrong (a replica that refuses the hand-over, the leader
 * killed during it, a missing ACL permission), the repair of a node stuck in a FAILOVER, and a mixed quorum with
 * Debian's redis-sentinel. Every test runs the counting writer and ends with no acknowledged write lost.
 */
class SwitchoverFaultsIT {
    static final ProtocolCommand FAILOVER = () -> SafeEncoder.encode("FAILOVER");

    @RegisterExtension
    final ProcessScope processes = new ProcessScope();
    final SwitchoverCluster c = new SwitchoverCluster(processes);

    void infoPeriod(long millis) {
        for (SentinelProcess s : c.sentinels) {
            try (Jedis j = s.jedis()) {
                j.sendCommand(Protocol.Command.SENTINEL, "debug", "info-period", Long.toString(millis));
            }
        }
    }

    void awaitWrites(CounterWriter w, int more) {
        long at = w.acknowledged.get();
        Await.until(DEADLINE, more + " more acknowledged writes", () -> w.acknowledged.get() > at + more, c::state);
    }

    void assertNothingLost(CounterWriter w) {
        long finalValue = c.finalValue();
        assertEquals(0, w.lostGiven(finalValue), w.summary(finalValue));
    }

    String field(RedisProcess r, String name) {
        return r.replicationField(name);
    }

    /**
     * Valkey's "Failover fails and times out", on Redis 7.0: the replicas refuse PSYNC, so the master drops its
     * FAILOVER (and its pause) at once; the sentinel sees it in the master's next INFO, aborts and unpauses.
     */
    @Test
    void aReplicaRefusingTheHandOverLeavesTheMasterInChargeAndWritable() {
        c.start(3, 0, 100, 100);
        Address master = c.master();
        for (RedisProcess r : c.redis) {
            if (r.address().equals(master)) continue;
            try (Jedis j = r.jedis()) {
                j.aclSetUser("default", "-psync");
            }
        }
        SentinelProcess leader = c.sentinels.get(0);
        try (EventLog log = EventLog.subscribe(leader, "+writes-paused", "-writes-paused",
                "-failover-abort-slave-timeout", "-failover-abort-master-timeout");
             CounterWriter w = c.writer()) {
            awaitWrites(w, 100);
            c.awaitReplicasOnline();
            c.request(leader, true);
            log.await("-failover-abort-slave-timeout", DEADLINE);
            log.await("-writes-paused", DEADLINE);
            awaitWrites(w, 100);
            assertEquals("master", field(c.at(master), "role"));
            assertEquals("no-failover", field(c.at(master), "master_failover_state"));
            for (SentinelProcess s : c.sentinels) assertEquals(master, s.masterAddress("mymaster"));
        }
    }

    /**
     * The replica to hand over to is stopped (SIGSTOP) just before the request: the master pauses writes and waits
     * for it until the FAILOVER's TIMEOUT (what is left of failover-timeout, 6 s here), drops it, and the sentinel
     * aborts, unpauses it and leaves it the master; the writer then writes on it again. The other replica cannot be
     * promoted (priority 0) and down-after is 5 s, so the stopped one is still the one selected after the 1 s wait
     * for fresh INFO (with 1 s it was sometimes SDOWN by then, the other replica was promoted, and nothing aborted).
     */
    @Test
    void aStoppedReplicaTimesOutAndTheMasterIsUnpaused() {
        c.downAfterMillis = 5000;
        c.start(3, 0, 10, 0); // priority 10: the replica to be selected, the only one
        RedisProcess target = c.redis.get(1);
        SentinelProcess leader = c.sentinels.get(0);
        try (EventLog log = EventLog.subscribe(leader, "+writes-paused", "-writes-paused",
                "-failover-abort-slave-timeout", "-failover-abort-master-timeout");
             CounterWriter w = c.writer()) {
            awaitWrites(w, 100);
            c.awaitReplicasOnline();
            Address master = c.master();
            target.sigstop();
            try {
                c.request(leader, true);
                log.await("+writes-paused", DEADLINE);
                // whichever times out first: our wait for the promotion, or the master's FAILOVER TIMEOUT it reports
                Await.until(DEADLINE, "an abort for timeout", () -> log.count("-failover-abort-slave-timeout")
                        + log.count("-failover-abort-master-timeout") > 0, log.received::toString);
                log.await("-writes-paused", DEADLINE);
                awaitWrites(w, 100);
            } finally {
                target.sigcont();
            }
            assertEquals("master", field(c.at(master), "role"));
            for (SentinelProcess s : c.sentinels) assertEquals(master, s.masterAddress("mymaster"));
            w.close();
            assertNothingLost(w);
        }
    }

    /**
     * The leader is SIGKILLed once its hand-over is out (the target replica stopped, so the master waits for it):
     * the master finishes the hand-over on its own, the other sentinels see it report "slave", fail over to the
     * replica it handed to, and nothing acknowledged is lost.
     */
    @Test
    void theLeaderKilledDuringTheHandOverLosesNothing() {
        c.downAfterMillis = 5000; // the stopped replica is selected, not SDOWN (as in the test above)
        c.start(3, 0, 10, 0); // priority 10: the replica to be selected, the only one
        infoPeriod(1000);
        RedisProcess target = c.redis.get(1);
        SentinelProcess leader = c.sentinels.get(0);
        try (EventLog log = EventLog.subscribe(leader, "+writes-paused"); CounterWriter w = c.writer()) {
            awaitWrites(w, 100);
            c.awaitReplicasOnline();
            Address old = c.master();
            target.sigstop();
            try {
                c.request(leader, true);
                log.await("+writes-paused", DEADLINE);
                leader.sigkill();
            } finally {
                target.sigcont();
            }
            Address now = Topology.awaitNewMaster(c.sentinels, "mymaster", old, Duration.ofSeconds(60));
            assertEquals(target.address(), now);
            awaitWrites(w, 100);
            c.assertReplicates(c.at(old), now);
            w.close();
            assertNothingLost(w);
        }
    }

    /**
     * Valkey's "Sentinel is able to reconfigure a node that is stuck in failover state": the master is told FAILOVER
     * TO a stopped replica with FORCE, demotes itself and waits for it; the sentinels see it report "slave", fail
     * over to the other replica, and send the old master FAILOVER ABORT before REPLICAOF (+fix-slave-config).
     */
    @Test
    void aMasterStuckInAFailoverIsAbortedAndRepointed() {
        c.start(3, 0, 100, 100);
        infoPeriod(1000);
        RedisProcess old = c.at(c.master());
        RedisProcess stopped = c.redis.get(1);
        List<EventLog> logs = new ArrayList<>();
        try {
            for (SentinelProcess s : c.sentinels) logs.add(EventLog.subscribe(s, "+fix-slave-config"));
            stopped.sigstop();
            try (Jedis j = old.jedis()) {
                j.sendCommand(FAILOVER, "TO", stopped.address().host(), Integer.toString(stopped.address().port()),
                        "TIMEOUT", "100", "FORCE");
            }
            Await.until(DEADLINE, "the master stuck in its FAILOVER",
                    () -> "failover-in-progress".equals(field(old, "master_failover_state")), c::state);
            Address now = Topology.awaitNewMaster(c.sentinels, "mymaster", old.address(), Duration.ofSeconds(60));
            assertEquals(c.redis.get(2).address(), now);
            Await.until(DEADLINE, "+fix-slave-config", () -> logs.stream().anyMatch(l -> l.count("+fix-slave-config")
                    > 0), c::state);
            c.assertReplicates(old, now);
            assertEquals("no-failover", field(old, "master_failover_state"));
        } finally {
            stopped.sigcont();
            logs.forEach(EventLog::close);
        }
    }

    /**
     * The data-node user of docs/security.md does a coordinated switchover with nothing in ACL LOG; without
     * {@code +failover} the switchover aborts with the server's NOPERM, which names the command, and the master
     * keeps its role.
     */
    @Test
    void theDocumentedDataNodeUserAndAMissingPermission() {
        c.dataNodeAcl = true;
        c.start(3, 0, 100, 100);
        SwitchoverCluster.Series s = c.switchovers(1, true);
        assertEquals(0, s.lost(), s.report("acl"));
        for (RedisProcess r : c.redis) {
            try (Jedis j = r.jedis()) {
                assertEquals(List.of(), j.aclLog(), r.address() + " refused the sentinel something");
                j.aclSetUser("sentinel", "-failover");
            }
        }
        Address master = c.master();
        SentinelProcess leader = c.sentinels.get(1);
        try (EventLog log = EventLog.subscribe(leader, "-failover-abort-master-error")) {
            c.awaitReplicasOnline();
            c.request(leader, true);
            log.await("-failover-abort-master-error", DEADLINE);
            String event = log.received.get(0);
            assertTrue(event.contains("NOPERM") && event.contains("'failover'"), event);
        }
        assertEquals("master", field(c.at(master), "role"));
        for (SentinelProcess p : c.sentinels) assertEquals(master, p.masterAddress("mymaster"));
    }

    /**
     * Two of ours and Debian's redis-sentinel: the plain FAILOVER through ours (redis-sentinel follows the switch),
     * then a coordinated one with our other sentinel stopped, so redis-sentinel's vote elects the leader.
     */
    @Test
    void mixedQuorumWithRedisSentinel() {
        c.start(2, 1, 100, 100);
        SwitchoverCluster.Series plain = c.switchovers(1, false);
        System.out.println(plain.report("plain, mixed quorum"));
        SentinelProcess ours = c.sentinels.get(0);
        SentinelProcess stopped = c.sentinels.get(1);
        SentinelProcess real = c.sentinels.get(2);
        try (CounterWriter w = c.writer()) {
            awaitWrites(w, 100);
            c.awaitReplicasOnline();
            Address old = c.master();
            stopped.sigstop();
            try {
                c.request(ours, true);
                Topology.awaitNewMaster(List.of(ours, real), "mymaster", old, DEADLINE);
            } finally {
                stopped.sigcont();
            }
            Address now = Topology.awaitNewMaster(c.sentinels, "mymaster", old, DEADLINE);
            awaitWrites(w, 100);
            c.assertReplicates(c.at(old), now);
            w.close();
            assertNothingLost(w);
        }
    }
}
