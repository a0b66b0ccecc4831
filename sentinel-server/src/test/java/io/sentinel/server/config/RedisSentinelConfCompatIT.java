package io.sentinel.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentinel.core.config.MasterConfig;
import io.sentinel.core.config.SentinelConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.Jedis;

/** Our parser and rewriter against the real redis-sentinel 7.0: each reads what the other writes. */
class RedisSentinelConfCompatIT {
    private static final String ID = "659c310de8f5e59816308a0835ed9841b55a7dbe";
    private static final String PEER = "0123456789abcdef0123456789abcdef01234567";
    private static final String CONF = String.join("\n", "# a comment the rewrite keeps", "port 26379",
            "sentinel down-after-milliseconds mymaster 5000", "sentinel monitor mymaster 127.0.0.1 6399 2",
            "sentinel parallel-syncs mymaster 3", "maxmemory 100mb",
            "sentinel known-replica mymaster 127.0.0.1 6400",
            "sentinel known-sentinel mymaster 127.0.0.1 26999 " + PEER,
            "sentinel rename-command mymaster CONFIG GUESSME", "sentinel auth-pass mymaster secret",
            "sentinel monitor other 127.0.0.1 6401 1", "sentinel config-epoch other 5",
            "sentinel announce-ip 127.0.0.1", "");
    @TempDir
    Path dir;

    @BeforeAll
    static void needsRedis() {
        Assumptions.assumeTrue(RealSentinel.installed(), "redis-sentinel is not installed");
    }

    private LoadedConfig parse(Path file) throws Exception {
        return new ConfFileParser(dir).parse(file, List.of());
    }

    /** By name: redis-sentinel writes its masters in hash table order, which changes from run to run. */
    private static Map<String, MasterConfig> masters(SentinelConfig c) {
        Map<String, MasterConfig> byName = new java.util.TreeMap<>();
        for (MasterConfig m : c.masters()) byName.put(m.name(), m);
        return byName;
    }

    @Test
    void weReadWhatRedisRewrites() throws Exception {
        Path f = dir.resolve("redis.conf");
        Files.writeString(f, CONF);
        SentinelConfig ours = parse(f).config();
        String id;
        try (RealSentinel s = RealSentinel.start(f)) {
            String log = s.awaitLog(t -> t.contains("+monitor master other"), Duration.ofSeconds(10));
            id = log.substring(log.indexOf("Sentinel ID is ") + 15).substring(0, 40);
        }
        LoadedConfig theirs = parse(f);
        assertEquals(id, theirs.config().myid());
        assertEquals(5, theirs.config().currentEpoch());
        assertEquals(masters(ours), masters(theirs.config()));
        assertTrue(Files.readString(f).startsWith("# a comment the rewrite keeps\n"));
    }

    @Test
    void redisReadsWhatWeRewrite() throws Exception {
        Path f = dir.resolve("ours.conf");
        Files.writeString(f, CONF);
        SentinelConfig ours = parse(f).config().withRuntime(ID, 7, parse(f).config().masters());
        Files.writeString(f, ConfRewriter.rewrite(CONF, ours));
        try (RealSentinel s = RealSentinel.start(f)) {
            String log = s.awaitLog(t -> t.contains("+monitor master other"), Duration.ofSeconds(10));
            assertTrue(log.contains("Sentinel ID is " + ID), log);
            try (Jedis j = new Jedis("127.0.0.1", s.port)) {
                Map<String, String> m = j.sentinelMaster("mymaster");
                assertEquals("6399", m.get("port"));
                assertEquals("2", m.get("quorum"));
                assertEquals("5000", m.get("down-after-milliseconds"));
                assertEquals("3", m.get("parallel-syncs"));
                assertEquals("5", j.sentinelMaster("other").get("config-epoch"));
            }
        }
        assertEquals(masters(ours), masters(parse(f).config()));
        assertEquals(7, parse(f).config().currentEpoch());
    }

    /** Configs both refuse, at the same line, for the same reason. */
    @ParameterizedTest
    @ValueSource(strings = {
            "port 1;sentinel down-after-milliseconds nomaster 5000",
            "sentinel monitor m 127.0.0.1 6379 0",
            "sentinel monitor m 127.0.0.1 \"6379",
            "foobar 1",
            "sentinel myid abc",
            "sentinel monitor m 127.0.0.1 70000 2",
            "M;M",
            "M;sentinel failover-timeout m 0",
            "M;sentinel master-reboot-down-after-period m -1",
            "sentinel foo bar",
            "M;sentinel parallel-syncs m",
            "port 99999",
            "port abc",
            "protected-mode maybe",
            "M;sentinel known-replica m 1.2.3.4 1;sentinel known-replica m 1.2.3.4 1",
            "M;sentinel rename-command m config a;sentinel rename-command m CONFIG b",
            "sentinel deny-scripts-reconfig maybe",
            "sentinel resolve-hostnames maybe",
            "sentinel monitor m redis-1.test 6379 2",
            "M;sentinel known-replica m redis-2.test 6379",
            "M;sentinel notification-script m /nonexistent.sh",
            "tcp-backlog abc",
            "tcp-backlog -1",
            "unixsocketperm 888",
            "unixsocketperm 1000",
            "unixsocket a b",
            "bind-source-addr"})
    void refusedLikeRedis(String lines) throws Exception {
        Path f = dir.resolve("bad.conf");
        Files.writeString(f, "# first line\n" + lines.replace("M", "sentinel monitor m 127.0.0.1 6379 2")
                .replace(";", "\n") + "\n");
        String redis = RealSentinel.refusal(f);
        String[] out = redis.strip().split("\n");
        // a name Redis fails to resolve is logged ("Failed to resolve hostname") before the fatal error
        String lineNumber = java.util.Arrays.stream(out).filter(x -> x.contains("at line ")).findFirst().orElseThrow()
                .replaceAll(".*at line ", "");
        String reason = out[out.length - 1];
        String ours = assertThrows(ConfigException.class, () -> parse(f)).getMessage();
        assertTrue(ours.startsWith(f + ":" + lineNumber + ": " + reason + " >>> "), ours + "\nvs Redis:\n" + redis);
    }
}
