package io.sentinel.server.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sentinel.core.model.Address;
import io.sentinel.server.it.ProcessScope;
import io.sentinel.server.it.Await;
import io.sentinel.server.it.RedisProcess;
import io.sentinel.server.it.SentinelProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/**
 * Issue 13: the same scenarios on three Debian redis-sentinels and on three of ours (same topology, same config,
 * real redis-server processes, both sides at once), comparing per sentinel the stream of events as shapes
 * (EventShape), allowing only what timing changes in Redis itself (StreamDiff) and the differences we keep on
 * purpose (ACCEPTED, each in docs/compatibility.md).
 */
class EventParityIT {
    /** Present or not by timing alone, in redis-sentinel too: who reaches ODOWN before a vote request arrives, who
     * sees a role in INFO before a hello moves the master, who converts or fixes a replica first. */
    static final Set<String> TIMING = Set.of("+try-failover", "-failover-abort-not-elected", "+role-change",
            "-role-change", "+convert-to-slave", "+fix-slave-config", "+odown", "-odown");
    /** Differences we keep on purpose: a regular expression on the difference, and why. */
    static final Map<String, String> ACCEPTED = Map.of(
            "order: .*\\[\\+(slave-reconf-\\w+|failover-end) [^]]*\\] before \\[\\+switch-master .*",
            "the leader announces +switch-master once the promotion is confirmed, not at +failover-end",
            "(missing in|extra in) ours: [+-]sdown master mymaster <ip> P",
            "timing, on either side: the promotion's CLIENT KILL drops every link to the promoted replica, and a"
                    + " sentinel that switched just before may see its new master down for a moment (seen in CI on"
                    + " redis-sentinel only)",
            "missing in ours: -sdown master mymaster <ip> M",
            "redis-sentinel's quirk, by timing: with the master dead, each reconnect attempt sends a PING that restarts"
                    + " its silence clock, so it may publish -sdown and then +sdown again for a master that never came"
                    + " back (seen in CI); ours counts the silence from the link's loss");

    /**
     * Pairs timing orders in redis-sentinel too: a follower may reach SDOWN or ODOWN before or after a candidate's
     * vote request arrives (the candidate's own down-after may run out a few ms earlier: seen in CI, redis-sentinel
     * voting before its +sdown, ours after); replicas (from INFO) and peers (from hellos) are learnt over
     * different links.
     */
    static boolean commute(String a, String b) {
        return either(a, b, "+odown", "+new-epoch") || either(a, b, "+odown", "+vote-for-leader")
                || masterSdownAndVote(a, b) || masterSdownAndVote(b, a) || either(a, b, "+sentinel", "+slave");
    }

    private static boolean masterSdownAndVote(String a, String b) {
        String cb = StreamDiff.channel(b);
        return a.startsWith("+sdown master ") && (cb.equals("+new-epoch") || cb.equals("+vote-for-leader"));
    }

    static boolean either(String a, String b, String x, String y) {
        String ca = StreamDiff.channel(a);
        String cb = StreamDiff.channel(b);
        return ca.equals(x) && cb.equals(y) || ca.equals(y) && cb.equals(x);
    }

    @RegisterExtension
    final ProcessScope processes = new ProcessScope();
    ParityCluster theirs;
    ParityCluster ours;

    @BeforeEach
    void start() {
        theirs = ParityCluster.start(processes, true);
        ours = ParityCluster.start(processes, false);
        both(c -> {
            c.awaitDiscoveryAndSubscribe();
            return null;
        });
    }

    @AfterEach
    void stopStreams() {
        if (theirs != null) theirs.closeStreams();
        if (ours != null) ours.closeStreams();
    }

    /**
     * Two separate clusters fail over on their own clocks, so an event whose presence timing decides can differ in
     * one run (CI saw redis-sentinel see its new master down for a moment, and a replica's +slave under another
     * master). A difference must show again on fresh clusters to fail: a real one, such as the +slave re-adds this
     * test found missing, shows every time.
     */
    @Test
    void automaticFailoverAfterSigkillThenTheOldMasterReturnsAsReplica() {
        try {
            automaticFailover();
        } catch (AssertionError first) {
            System.out.println("differences in the first run, comparing again on fresh clusters: " + first);
            stopStreams();
            start();
            automaticFailover();
        }
    }

    private void automaticFailover() {
        scenario("automatic failover", c -> {
            Address old = c.master();
            c.redisAt(old).sigkill();
            Address promoted = c.awaitNewMaster(old);
            c.awaitReplicaFlags(old, "s_down,slave,disconnected");
            c.redisAt(old).restart();
            c.awaitOldMasterConverted(old);
            return promoted;
        });
    }

    @Test
    void administration() {
        scenario("SENTINEL SET, MONITOR, REMOVE", c -> {
            try (Jedis j = c.sentinels.get(0).jedis()) {
                j.sentinelSet(ParityCluster.MASTER, Map.of("down-after-milliseconds", "1100"));
                j.sentinelMonitor("other", "127.0.0.1", io.sentinel.server.it.Ports.free(), 2);
                j.sentinelRemove("other");
            }
            c.awaitEvent(0, "-monitor");
            return c.master();
        });
        scenario("SENTINEL FAILOVER", c -> {
            Address old = c.master();
            try (Jedis j = c.sentinels.get(0).jedis()) {
                j.sentinelFailover(ParityCluster.MASTER);
            }
            Address promoted = c.awaitNewMaster(old);
            // differs (docs/compatibility.md): ours demote the old master on the promotion, not 8 s after the switch
            if (c.kind.equals("ours")) c.awaitOldMasterDemoted(old);
            else c.awaitOldMasterConverted(old);
            return promoted;
        });
        scenario("SENTINEL RESET", c -> {
            try (Jedis j = c.sentinels.get(0).jedis()) {
                j.sentinelReset(ParityCluster.MASTER);
            }
            c.awaitDiscovered(c.sentinels.get(0));
            return c.master();
        });
    }

    @Test
    void replicaAndPeerFaults() {
        // a PING in flight when the replica dies may be older than down-after by the time it is back
        scenario("replica restarted within down-after", Set.of("+sdown", "-sdown"), c -> {
            RedisProcess replica = c.redis.get(1);
            replica.restart();
            c.awaitEvent(0, "+reboot");
            c.awaitEvent(1, "+reboot");
            c.awaitEvent(2, "+reboot");
            return c.master();
        });
        scenario("replica replicating from the wrong master", c -> {
            Address wrong = c.redis.get(2).address();
            try (Jedis j = c.redis.get(1).jedis()) {
                j.replicaof(wrong.host(), wrong.port());
            }
            c.awaitReplicaFollows(c.redis.get(1), c.master());
            return c.master();
        });
        // redis-sentinel 7.0 no longer says -dup-sentinel here: the old entry gets +sentinel-invalid-addr; whether
        // the restart outlasts down-after (+sdown, -sdown of the peer) depends on how fast the process starts
        scenario("peer restarted with a new run id", Set.of("+sdown", "-sdown"), c -> {
            c.restartWithNewRunId(c.sentinels.get(2));
            c.awaitEvent(0, "+sentinel ");
            c.awaitEvent(1, "+sentinel ");
            return c.master();
        });
    }

    @Test
    void tiltThenAFailoverWithoutAGoodReplica() {
        // a fault, not a wait: the frozen sentinel's timer must skip more than tilt-trigger (2 s)
        scenario("TILT entered and left", c -> {
            SentinelProcess frozen = c.sentinels.get(2);
            long stoppedAt = System.nanoTime();
            frozen.sigstop();
            try {
                c.awaitPeerSdown(0, frozen, true);
                Await.until(ParityCluster.DEADLINE, "3 s frozen", () -> System.nanoTime() - stoppedAt > 3e9);
            } finally {
                frozen.sigcont();
            }
            c.awaitEvent(2, "-tilt");
            c.awaitPeerSdown(0, frozen, false);
            c.awaitPeerSdown(1, frozen, false);
            return c.master();
        });
        scenario("failover aborted for lack of a good replica", c -> {
            for (RedisProcess r : c.redis.subList(1, 3)) {
                try (Jedis j = r.jedis()) {
                    j.configSet("replica-priority", "0");
                }
            }
            c.awaitReplicaPriorityZero();
            Address old = c.master();
            c.redisAt(old).sigkill();
            c.awaitEvent(new int[c.streams.size()], "-failover-abort-no-good-slave");
            return old;
        });
    }

    /** Runs {@code step} on both sides at once (it returns the master after), then compares their events. */
    void scenario(String name, Function<ParityCluster, Address> step) {
        scenario(name, Set.of(), step);
    }

    /** {@code timing}: more channels that timing alone decides in this scenario. */
    void scenario(String name, Set<String> timing, Function<ParityCluster, Address> step) {
        int[] markTheirs = theirs.mark();
        int[] markOurs = ours.mark();
        Address beforeTheirs = theirs.master();
        Address beforeOurs = ours.master();
        List<Address> after = both(step);
        List<List<String>> a = theirs.shapes(markTheirs, theirs.symbols(beforeTheirs, after.get(0)));
        List<List<String>> b = ours.shapes(markOurs, ours.symbols(beforeOurs, after.get(1)));
        System.out.println("SCENARIO " + name);
        for (int i = 0; i < a.size(); i++) System.out.println("redis-sentinel " + i + ": " + a.get(i));
        for (int i = 0; i < b.size(); i++) System.out.println("ours " + i + ": " + b.get(i));
        List<String> failing = new ArrayList<>();
        StreamDiff diff = new StreamDiff(union(TIMING, timing), EventParityIT::commute);
        for (String d : StreamPairing.differences(diff, a, b)) {
            String reason = accepted(d);
            System.out.println((reason == null ? "DIFF " : "ACCEPTED (" + reason + ") ") + d);
            if (reason == null) failing.add(d);
        }
        assertEquals(List.of(), failing, name);
    }

    static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> out = new java.util.HashSet<>(a);
        out.addAll(b);
        return out;
    }

    static String accepted(String difference) {
        for (Map.Entry<String, String> e : ACCEPTED.entrySet()) {
            if (difference.matches(".*: " + e.getKey())) return e.getValue();
        }
        return null;
    }

    <T> List<T> both(Function<ParityCluster, T> step) {
        CompletableFuture<T> a = CompletableFuture.supplyAsync(() -> step.apply(theirs));
        CompletableFuture<T> b = CompletableFuture.supplyAsync(() -> step.apply(ours));
        return java.util.Arrays.asList(a.join(), b.join());
    }
}
