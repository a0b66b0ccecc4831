package io.sentinel.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentinel.core.model.Address;
import io.sentinel.server.it.Await;
import io.sentinel.server.it.ProcessScope;
import io.sentinel.server.it.RealSentinelProcess;
import io.sentinel.server.it.RedisProcess;
import io.sentinel.server.it.SentinelConf;
import io.sentinel.server.it.SentinelProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/** Issue 3: real failovers with real redis-server processes, our sentinels, and real clients. */
class FailoverIT {
    static final long DOWN_AFTER = 1000;
    static final Duration FAILOVER_DEADLINE = Duration.ofSeconds(30);

    @RegisterExtension
    final ProcessScope processes = new ProcessScope();

    RedisProcess master;
    final List<RedisProcess> replicas = new ArrayList<>();
    final List<SentinelProcess> sentinels = new ArrayList<>();

    /** requirepass of the data nodes (and the sentinels' auth-pass), null for none. */
    String dataPass;
    /** requirepass of every sentinel, null for none. */
    String sentinelPass;

    void startRedis(int... priorities) {
        master = processes.add(redis("redis").start());
        for (int p : priorities) {
            replicas.add(processes.add(redis("replica").replicaOf(master.address()).replicaPriority(p).start()));
        }
    }

    /** Redis's documented minimal rights for a sentinel on the data nodes (redis.io, "Redis Sentinel"). */
    static final String[] SENTINEL_USER = {"--user", "sentinel-user", "on", ">sentinel-user-pw", "allchannels",
        "+multi", "+slaveof", "+ping", "+exec", "+subscribe", "+config|rewrite", "+role", "+publish", "+info",
        "+client|setname", "+client|kill", "+script|kill"};
    /** Whether the sentinels log in to the data nodes as that minimal user (with dataPass for everyone else). */
    boolean minimalDataUser;

    RedisProcess.Builder redis(String name) {
        RedisProcess.Builder b = RedisProcess.builder().name(name);
        if (minimalDataUser) b.args(SENTINEL_USER);
        return dataPass == null ? b : b.requirePass(dataPass);
    }

    int quorum = 2;

    SentinelConf conf() {
        SentinelConf conf = new SentinelConf().monitor("mymaster", master.address(), quorum)
                .downAfterMillis(DOWN_AFTER).failoverTimeoutMillis(6000);
        if (minimalDataUser) conf.masterOption("auth-user", "sentinel-user").authPass("sentinel-user-pw");
        else if (dataPass != null) conf.authPass(dataPass);
        if (sentinelPass != null) conf.requirePass(sentinelPass);
        return conf;
    }

    /** ours real: how many of our sentinels, then how many Debian redis-sentinels. */
    void startSentinels(int ours, int real) {
        for (int i = 0; i < ours; i++) sentinels.add(processes.add(new SentinelProcess(conf())));
        for (int i = 0; i < real; i++) sentinels.add(processes.add(new RealSentinelProcess(conf())));
        Topology.awaitDiscovery(sentinels, List.of("mymaster"), replicas.size(), Duration.ofSeconds(20));
    }

    String state() {
        return Topology.state(sentinels);
    }

    /** Every live sentinel reports {@code expected} (or, when null, one same address other than the old master). */
    Address awaitAgreement(Address oldMaster) {
        Address[] agreed = new Address[1];
        Await.until(FAILOVER_DEADLINE, "all sentinels agree on a new master", () -> {
            Address first = null;
            for (SentinelProcess s : sentinels) {
                if (!s.isAlive()) continue;
                Address a = s.masterAddress("mymaster");
                if (a == null || a.equals(oldMaster) || (first != null && !first.equals(a))) return false;
                first = a;
            }
            agreed[0] = first;
            return first != null;
        }, this::state);
        return agreed[0];
    }

    RedisProcess at(Address a) {
        for (RedisProcess r : replicas) if (r.address().equals(a)) return r;
        throw new AssertionError("no replica at " + a);
    }

    void assertReplicaOf(RedisProcess r, Address newMaster) {
        Await.until(FAILOVER_DEADLINE, r.address() + " replicates from " + newMaster,
                () -> "slave".equals(r.replicationField("role"))
                        && String.valueOf(newMaster.port()).equals(r.replicationField("master_port"))
                        && "up".equals(r.replicationField("master_link_status")), this::state);
    }

    @Test
    void sigkillFailsOverAndJedisAndLettuceFollow() {
        startRedis(100, 100);
        startSentinels(3, 0);
        try (Writer jedis = Writer.jedis(sentinels).start(); Writer lettuce = Writer.lettuce(sentinels).start()) {
            Await.until(Duration.ofSeconds(10), "clients write", () -> jedis.successes.get() > 5
                    && lettuce.successes.get() > 5);
            Address old = master.address();
            master.sigkill();
            long jedisBefore = jedis.successes.get();
            long lettuceBefore = lettuce.successes.get();
            Address promoted = awaitAgreement(old);
            assertEquals("master", at(promoted).replicationField("role"));
            Await.until(FAILOVER_DEADLINE, "both clients write again", () -> jedis.successes.get() > jedisBefore + 5
                    && lettuce.successes.get() > lettuceBefore + 5, this::state);
            assertOtherReplicasFollow(promoted);
            master.restart();
            assertReplicaOf(master, promoted);
        }
    }

    /**
     * Issue 16: a sentinel down during a failover comes back with the old master persisted, and the old master is
     * back too, saying role:master. Until a peer confirms the address it answers NOTCONFIRMED (clients then ask
     * another sentinel); it never hands out the old master.
     */
    @Test
    void aSentinelRestartedAfterAFailoverNeverHandsOutTheOldMaster() {
        startRedis(100);
        startSentinels(3, 0);
        SentinelProcess late = sentinels.get(2);
        late.sigkill();
        Address old = master.address();
        master.sigkill();
        Address promoted = awaitAgreement(old);
        master.restart();
        late.restart();
        int unconfirmed = 0;
        long deadline = System.nanoTime() + FAILOVER_DEADLINE.toNanos();
        while (true) {
            assertTrue(System.nanoTime() < deadline, "no confirmed answer in time\n" + state());
            Address answer;
            try {
                answer = late.masterAddressOnce("mymaster");
            } catch (JedisDataException e) {
                assertTrue(e.getMessage().startsWith("NOTCONFIRMED"), e.getMessage());
                unconfirmed++;
                continue;
            }
            assertNotEquals(old, answer, "the restarted sentinel handed out the old master\n" + state());
            if (promoted.equals(answer)) break;
        }
        System.out.println("restarted sentinel: " + unconfirmed + " NOTCONFIRMED answers before the new master");
    }

    /**
     * Issue 9: sentinels with requirepass (and no sentinel-pass) log in to each other with it, as redis-sentinel
     * does; before, every peer went +sdown and no failover ever happened. Clients that authenticate follow.
     */
    @Test
    void requirepassOnEverySentinelFailsOverAndAuthenticatingClientsFollow() {
        dataPass = "data-secret";
        sentinelPass = "sentinel-secret";
        startRedis(100, 100);
        startSentinels(3, 0);
        try (Writer jedis = Writer.jedis(sentinels, sentinelPass, dataPass).start();
             Writer lettuce = Writer.lettuce(sentinels, sentinelPass, dataPass).start()) {
            Await.until(Duration.ofSeconds(10), "clients write", () -> jedis.successes.get() > 5
                    && lettuce.successes.get() > 5);
            long jedisBefore = jedis.successes.get();
            long lettuceBefore = lettuce.successes.get();
            Address promoted = sigkillMasterAndAwaitAgreement();
            assertEquals("master", at(promoted).replicationField("role"));
            Await.until(FAILOVER_DEADLINE, "both clients write again", () -> jedis.successes.get() > jedisBefore + 5
                    && lettuce.successes.get() > lettuceBefore + 5, this::state);
            assertOtherReplicasFollow(promoted);
        }
    }

    /** The same with one Debian redis-sentinel in the quorum: both kinds log in to each other with requirepass. */
    @Test
    void requirepassMixedQuorumTwoOursOneRedisSentinel() {
        dataPass = "data-secret";
        sentinelPass = "sentinel-secret";
        startRedis(100, 100);
        startSentinels(2, 1);
        assertOtherReplicasFollow(sigkillMasterAndAwaitAgreement());
    }

    /** The reverse mix: one of ours and two Debian redis-sentinels, all with requirepass. */
    @Test
    void requirepassMixedQuorumOneOursTwoRedisSentinels() {
        dataPass = "data-secret";
        sentinelPass = "sentinel-secret";
        startRedis(100, 100);
        startSentinels(1, 2);
        assertOtherReplicasFollow(sigkillMasterAndAwaitAgreement());
    }

    /**
     * Issue 9: the sentinels log in to the data nodes as a user with only Redis's documented minimal rights (the
     * default user, with its password, is for replication and clients), and fail over; clients follow.
     */
    @Test
    void theMinimalSentinelUserOnTheDataNodesIsEnoughToFailOver() {
        dataPass = "data-secret";
        minimalDataUser = true;
        startRedis(100, 100);
        startSentinels(3, 0);
        try (Writer jedis = Writer.jedis(sentinels, null, dataPass).start()) {
            Await.until(Duration.ofSeconds(10), "the client writes", () -> jedis.successes.get() > 5);
            long before = jedis.successes.get();
            Address promoted = sigkillMasterAndAwaitAgreement();
            assertEquals("master", at(promoted).replicationField("role"));
            Await.until(FAILOVER_DEADLINE, "the client writes again", () -> jedis.successes.get() > before + 5,
                    this::state);
            assertOtherReplicasFollow(promoted);
        }
    }

    @Test
    void lowerPriorityWins() {
        startRedis(100, 10);
        startSentinels(3, 0);
        Address promoted = sigkillMasterAndAwaitAgreement();
        assertEquals(replicas.get(1).address(), promoted, "priority 10 beats priority 100");
    }

    @Test
    void sigstoppedMasterIsReplacedAndRejoinsAsReplica() {
        startRedis(100, 100);
        startSentinels(3, 0);
        Address old = master.address();
        master.sigstop();
        Address promoted = awaitAgreement(old);
        master.sigcont();
        assertReplicaOf(master, promoted);
    }

    @Test
    void leaderCrashingAfterPromotionStillEndsWithOneMaster() {
        startRedis(100, 100);
        startSentinels(3, 0);
        for (SentinelProcess s : sentinels) {
            try (Jedis j = s.jedis()) {
                j.sendCommand(redis.clients.jedis.Protocol.Command.SENTINEL, "simulate-failure",
                        "crash-after-promotion");
            }
        }
        Address old = master.address();
        master.sigkill();
        Await.until(FAILOVER_DEADLINE, "the leader crashed after promotion",
                () -> sentinels.stream().anyMatch(s -> !s.isAlive()), this::state);
        for (SentinelProcess s : sentinels) {
            if (!s.isAlive()) {
                s.restart();
            }
        }
        Address promoted = awaitAgreement(old);
        assertEquals("master", at(promoted).replicationField("role"));
        assertOtherReplicasFollow(promoted);
    }

    @Test
    void lostElectionIsRetriedQuickly() {
        quorum = 1; // ODOWN alone; winning still needs 2 of 3 votes
        startRedis(100, 100);
        startSentinels(3, 0);
        for (SentinelProcess s : sentinels) {
            try (Jedis j = s.jedis()) {
                j.sendCommand(redis.clients.jedis.Protocol.Command.SENTINEL, "debug", "election-timeout", "2000");
            }
        }
        SentinelProcess candidate = sentinels.get(0);
        EventLog log = EventLog.subscribe(candidate, "-failover-abort-not-elected", "+elected-leader");
        sentinels.get(1).sigkill();
        sentinels.get(2).sigstop();
        Address old = master.address();
        master.sigkill();
        try (log) {
            log.await("-failover-abort-not-elected", FAILOVER_DEADLINE);
            sentinels.get(2).sigcont();
            Address promoted = awaitAgreement(old);
            assertNotEquals(old, promoted);
            assertTrue(log.count("-failover-abort-not-elected") >= 1);
        } finally {
            sentinels.get(2).sigcont();
        }
    }

    @Test
    void mixedQuorumTwoOursOneRedisSentinel() {
        startRedis(100, 100);
        startSentinels(2, 1);
        assertOtherReplicasFollow(sigkillMasterAndAwaitAgreement());
    }

    @Test
    void mixedQuorumOneOursTwoRedisSentinels() {
        startRedis(100, 100);
        startSentinels(1, 2);
        assertOtherReplicasFollow(sigkillMasterAndAwaitAgreement());
    }

    /** SIGKILL the master; the address every live sentinel then agrees on. */
    Address sigkillMasterAndAwaitAgreement() {
        Address old = master.address();
        master.sigkill();
        return awaitAgreement(old);
    }

    void assertOtherReplicasFollow(Address promoted) {
        for (RedisProcess r : replicas) if (!r.address().equals(promoted)) assertReplicaOf(r, promoted);
    }
}
