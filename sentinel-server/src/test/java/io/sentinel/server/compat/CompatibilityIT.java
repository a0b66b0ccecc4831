package io.sentinel.server.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.sentinel.core.config.SentinelConfig;
import io.sentinel.server.command.SentinelCommands;
import io.sentinel.server.command.ServerInfo;
import io.sentinel.server.command.ServerStats;
import io.sentinel.server.command.ViewFixtures;
import io.sentinel.server.runtime.MonotonicClock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import io.sentinel.core.model.Address;
import io.sentinel.server.it.SentinelConf;
import io.sentinel.server.it.SentinelProcess;

/**
 * Holds our replies to redis-sentinel 7.0's: a real master, two replicas and two real sentinels run here, and every
 * read-only command is asked of the first sentinel and of us, in RESP2 and RESP3, comparing reply shapes (types,
 * lengths, keys, words, texts; not numbers or ids). "Us" is our sentinel process, the real one's peer on the same
 * topology (or, with {@code -Dcompat.renderer=true}, our renderer fed an equivalent view).
 */
class CompatibilityIT {
    static final String[][] CASES = {
        {"SENTINEL", "MASTERS"}, {"SENTINEL", "MASTER", "mymaster"}, {"SENTINEL", "REPLICAS", "mymaster"},
        {"SENTINEL", "SLAVES", "mymaster"}, {"SENTINEL", "SENTINELS", "mymaster"},
        {"SENTINEL", "GET-MASTER-ADDR-BY-NAME", "mymaster"}, {"SENTINEL", "GET-MASTER-ADDR-BY-NAME", "nope"},
        {"sentinel", "Get-Master-Addr-By-Name", "mymaster"}, {"SENTINEL", "MYID"}, {"SENTINEL", "CKQUORUM", "mymaster"},
        {"SENTINEL", "CKQUORUM", "nope"}, {"SENTINEL", "CONFIG", "GET", "*"}, {"SENTINEL", "CONFIG", "GET", "announce-*"},
        {"SENTINEL", "CONFIG", "GET"}, {"SENTINEL", "CONFIG", "FOO", "x"}, {"SENTINEL", "INFO-CACHE", "mymaster"},
        {"SENTINEL", "INFO-CACHE", "nope"}, {"SENTINEL", "INFO-CACHE"}, {"SENTINEL", "DEBUG"}, {"SENTINEL", "HELP"},
        {"SENTINEL", "PENDING-SCRIPTS"}, {"SENTINEL", "MASTER", "nope"}, {"SENTINEL", "REPLICAS", "nope"},
        {"SENTINEL", "SENTINELS", "nope"}, {"SENTINEL", "FOO"}, {"SENTINEL"}, {"SENTINEL", "MASTER"},
        {"SENTINEL", "MASTERS", "x"}, {"SENTINEL", "MYID", "x"}, {"SENTINEL", "MONITOR", "m"}, {"ROLE"},
        {"COMMAND", "COUNT"}, {"INFO", "sentinel"},
    };
    /** Redis lists these from a hash table: their order carries no meaning. */
    static final Set<String> UNORDERED = Set.of("MASTERS", "REPLICAS", "SLAVES", "SENTINELS");

    static RealRedis redis;
    static int masterPort;
    static List<Integer> replicaPorts = new ArrayList<>();
    static int sentinelPort;
    static int peerPort;
    static SentinelProcess ourSentinel;

    @BeforeAll
    static void startTopology() throws Exception {
        redis = new RealRedis();
        masterPort = redis.redisServer(0);
        replicaPorts.add(redis.redisServer(masterPort));
        replicaPorts.add(redis.redisServer(masterPort));
        sentinelPort = redis.sentinel(masterPort);
        // Our sentinel is the real one's peer: each sees the same master, two replicas and one other sentinel.
        ourSentinel = new SentinelProcess(new SentinelConf()
                .monitor("mymaster", new Address("127.0.0.1", masterPort), 2).downAfterMillis(5000));
        peerPort = ourSentinel.port();
        Discovery.await(sentinelPort, 2, 1, 60_000, redis.dir());
        Discovery.await(peerPort, 2, 1, 60_000, ourSentinel.dir());
    }

    @AfterAll
    static void stopTopology() {
        if (ourSentinel != null) ourSentinel.close();
        if (redis != null) redis.close();
    }

    /** Our live sentinel; {@code -Dcompat.renderer=true} compares against the renderer on a fixture view instead. */
    static ReplySource ours(int protocol) {
        if (!Boolean.getBoolean("compat.renderer")) return new RawRespClient(peerPort, protocol);
        SentinelCommands commands = new SentinelCommands(
                () -> ViewFixtures.topology(masterPort, replicaPorts, List.of(peerPort), MonotonicClock.millis()),
                () -> SentinelConfig.defaults(redis.dir().toString()),
                args -> CompletableFuture.failedFuture(new UnsupportedOperationException("no core here")),
                MonotonicClock::millis, ServerInfo.current("test", ""));
        return new RendererSource(commands, protocol, new ServerStats(sentinelPort, 60_000, 1, 0, 1, 1, 0, 0, 0));
    }

    @TestFactory
    Stream<DynamicTest> readOnlyRepliesHaveRedisShapes() {
        List<DynamicTest> tests = new ArrayList<>();
        for (int protocol : new int[] {2, 3}) {
            for (String[] args : CASES) {
                tests.add(DynamicTest.dynamicTest("RESP" + protocol + " " + String.join(" ", args),
                        () -> compare(protocol, args)));
            }
        }
        return tests.stream();
    }

    private static void compare(int protocol, String[] args) {
        try (ReplySource real = new RawRespClient(sentinelPort, protocol); ReplySource us = ours(protocol)) {
            RespNode theirs = real.call(args);
            RespNode mine = us.call(args);
            Assumptions.assumeTrue(mine != null, "not answered by the renderer; run without -Dcompat.renderer");
            if (args[0].equals("INFO")) {
                assertEquals(theirs.type(), mine.type());
                assertEquals(theirs.text(), mine.text(), "INFO sentinel is deterministic here: exact text");
            } else {
                boolean unordered = args.length > 1 && UNORDERED.contains(args[1]);
                assertEquals(shape(theirs, unordered), shape(mine, unordered), Arrays.toString(args));
            }
        }
    }

    private static String shape(RespNode n, boolean unordered) {
        if (!unordered || n.isNull() || n.children().isEmpty()) return n.shape();
        List<String> items = new ArrayList<>();
        for (RespNode c : n.children()) items.add(c.shape());
        items.sort(null);
        return n.type() + "sorted" + items;
    }

    /** What a client library makes of the replies: Jedis's typed sentinel API, on redis-sentinel and on us. */
    @Test
    void jedisReadsTheSameFromUsAsFromRedis() {
        Map<String, Object> theirs = JedisView.of(sentinelPort);
        assertEquals(List.of("127.0.0.1", Integer.toString(masterPort)), theirs.get("addr"));
        Map<String, Object> mine = JedisView.of(peerPort);
        assertEquals(theirs.keySet(), mine.keySet());
        assertEquals(theirs.get("addr"), mine.get("addr"));
        assertEquals(theirs.get("masterKeys"), mine.get("masterKeys"));
        assertEquals(theirs.get("replicaKeys"), mine.get("replicaKeys"));
        assertEquals(theirs.get("sentinelKeys"), mine.get("sentinelKeys"));
    }

    @Test
    void infoHasRedisSectionsAndTheFieldsClientsRead() {
        try (ReplySource real = new RawRespClient(sentinelPort, 2); ReplySource us = ours(2)) {
            List<String> theirs = InfoShape.headers(real.call("INFO").text());
            String mine = us.call("INFO").text();
            assertEquals(theirs, InfoShape.headers(mine));
            List<String> missing = InfoShape.missingKeys(real.call("INFO", "server").text(), mine);
            System.out.println("INFO server fields redis-sentinel has and we do not: " + missing);
            for (String key : List.of("redis_version", "redis_mode", "os", "arch_bits", "process_id", "run_id",
                    "tcp_port", "uptime_in_seconds", "uptime_in_days", "hz", "executable", "config_file")) {
                assertTrue(!missing.contains(key), key + " missing from our INFO server");
            }
        } catch (RuntimeException e) {
            fail("INFO comparison failed", e);
        }
    }
}
