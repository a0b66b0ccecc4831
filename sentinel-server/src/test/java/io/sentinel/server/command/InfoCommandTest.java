package io.sentinel.server.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentinel.core.config.Timing;
import io.sentinel.core.view.MasterView;
import io.sentinel.core.view.SentinelView;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InfoCommandTest {
    static final long NOW = 500_000;
    final ServerInfo server = new ServerInfo("7.0.15", "0.1.0", "a".repeat(40), 42, "/usr/bin/java", "/etc/s.conf",
            "Linux 6.1.0 x86_64", 64, 10);
    final InfoCommand info = new InfoCommand(server, () -> 1_700_000_000_000L, () -> new CpuUsage(1.5, 2.25, 0, 0));
    final ServerStats stats = new ServerStats(26379, 90_061_000, 3, 1, 10, 200, 0, 1, 0, 10_000,
            new NetStats(1_000, 20_000, 50, 60, 4, 12, 0.5, 2.25));
    final SentinelView view = ViewFixtures.topology(6379, List.of(6380, 6381), List.of(26380), NOW);

    static String resource(String name) {
        try (java.io.InputStream in = InfoCommandTest.class.getResourceAsStream("/" + name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static List<String> headers(String text) {
        List<String> out = new ArrayList<>();
        for (String line : text.split("\r\n")) if (line.startsWith("#")) out.add(line);
        return out;
    }

    @Test
    void sentinelSectionIsFieldForFieldRedis() {
        assertEquals("# Sentinel\r\n"
                + "sentinel_masters:1\r\n"
                + "sentinel_tilt:0\r\n"
                + "sentinel_tilt_since_seconds:-1\r\n"
                + "sentinel_running_scripts:0\r\n"
                + "sentinel_scripts_queue_length:0\r\n"
                + "sentinel_simulate_failure_flags:0\r\n"
                + "master0:name=mymaster,status=ok,address=127.0.0.1:6379,slaves=2,sentinels=2\r\n",
                info.render(List.of("SENTINEL"), view, stats, NOW));
    }

    @Test
    void tiltAndDownMastersShowInTheSentinelSection() {
        MasterView m = view.masters().get(0);
        MasterView down = ViewFixtures.masterView(ViewFixtures.master(m.master().address(),
                List.of("s_down", "master"), NOW), m.config(), m.replicas(), m.sentinels());
        SentinelView tilted = new SentinelView(NOW, "id", 3, true, NOW - 12_500, 2, Timing.DEFAULTS, List.of(down));
        String text = info.render(List.of("sentinel"), tilted, stats, NOW);
        assertTrue(text.contains("sentinel_tilt:1\r\nsentinel_tilt_since_seconds:12\r\n"), text);
        assertTrue(text.contains("sentinel_simulate_failure_flags:2\r\n"), text);
        assertTrue(text.contains("status=sdown"), text);
    }

    @Test
    void defaultAllAndEverythingGiveEverySectionInRedisOrder() {
        List<String> all = List.of("# Server", "# Clients", "# Stats", "# CPU", "# Sentinel");
        for (List<String> ask : List.of(List.<String>of(), List.of("default"), List.of("ALL"), List.of("everything"))) {
            assertEquals(all, headers(info.render(ask, view, stats, NOW)), ask.toString());
        }
        String two = info.render(List.of("sentinel", "Server", "nosuch"), view, stats, NOW);
        assertEquals(List.of("# Server", "# Sentinel"), headers(two));
        assertTrue(two.contains("io_threads_active:0\r\n\r\n# Sentinel\r\n"), "one empty line between sections");
        assertEquals("", info.render(List.of("keyspace"), view, stats, NOW));
    }

    @Test
    void serverClientsStatsAndCpuComeFromTheProcessAndTheCounters() {
        String text = info.render(List.of(), view, stats, NOW);
        for (String line : List.of("redis_version:7.0.15", "redis_mode:sentinel", "process_id:42",
                "run_id:" + "a".repeat(40), "tcp_port:26379", "uptime_in_seconds:90061", "uptime_in_days:1",
                "server_time_usec:1700000000000000", "executable:/usr/bin/java", "os:Linux 6.1.0 x86_64",
                "connected_clients:3", "total_connections_received:10", "total_commands_processed:200",
                "pubsub_channels:1", "used_cpu_sys:1.500000", "used_cpu_user:2.250000")) {
            assertTrue(text.contains("\r\n" + line + "\r\n"), line);
        }
    }

    /** The key list of redis-sentinel 7.0.15's INFO everything (a capture), section by section, in order. */
    @Test
    void everyFieldNameInRedisSentinelsOrder() {
        String real = resource("info/redis-sentinel-7.0.15-everything.txt");
        String ours = info.render(List.of("everything"), view, stats, NOW);
        assertEquals(headers(real), headers(ours));
        assertEquals(keys(real), keys(ours));
    }

    @Test
    void extrasGoWhereLaterRedisVersionsPrintThem() {
        InfoCommand withExtras = new InfoCommand(server, () -> 1_700_000_000_000L,
                () -> new CpuUsage(1.5, 2.25, 0, 0), List::of, new InfoExtras(true, () -> 3));
        List<String> keys = keys(withExtras.render(List.of(), view, stats, NOW));
        assertEquals(keys.indexOf("io_threads_active") + 1, keys.indexOf("sentinel_impl"));
        assertEquals(keys.indexOf("tracking_clients") + 1, keys.indexOf("pubsub_clients"));
        assertEquals(keys.indexOf("sentinel_tilt_since_seconds") + 1, keys.indexOf("sentinel_total_tilt"));
        String text = withExtras.render(List.of("sentinel"), view, stats, NOW);
        assertTrue(text.contains("\r\nsentinel_total_tilt:3\r\n"), text);
        assertTrue(!keys(info.render(List.of(), view, stats, NOW)).contains("pubsub_clients"), "off by default");
    }

    @Test
    void statsAreTheRealCountersAndRatesAndNeutralZerosElsewhere() {
        String text = info.render(List.of("stats", "clients", "server", "cpu"), view, stats, NOW);
        for (String line : List.of("total_net_input_bytes:1000", "total_net_output_bytes:20000",
                "total_reads_processed:50", "total_writes_processed:60", "total_error_replies:4",
                "instantaneous_ops_per_sec:12", "instantaneous_input_kbps:0.50", "instantaneous_output_kbps:2.25",
                "maxclients:10000", "expired_stale_perc:0.00", "keyspace_hits:0", "gcc_version:0.0.0",
                "lru_clock:" + (1_700_000_000L & 0xFFFFFF), "used_cpu_sys_main_thread:0.000000")) {
            assertTrue(text.contains("\r\n" + line + "\r\n"), line);
        }
    }

    @Test
    void blockedAndTrackingClientsAndPrefixesAreCounted() {
        ServerStats busy = new ServerStats(26379, 1_000, 3, 0, 3, 9, 0, 0, 0, 10_000, NetStats.NONE,
                new ClientFlagCounts(1, 2, 5));
        String text = info.render(List.of("clients", "stats"), view, busy, NOW);
        for (String line : List.of("blocked_clients:1", "tracking_clients:2", "tracking_total_prefixes:5",
                "tracking_total_keys:0", "unexpected_error_replies:0")) {
            assertTrue(text.contains("\r\n" + line + "\r\n"), line);
        }
    }

    static List<String> keys(String text) {
        List<String> out = new ArrayList<>();
        for (String line : text.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && !line.startsWith("#")) out.add(line.substring(0, colon));
        }
        return out;
    }
}
