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
    final ServerStats stats = new ServerStats(26379, 90_061_000, 3, 1, 10, 200, 0, 1, 0);
    final SentinelView view = ViewFixtures.topology(6379, List.of(6380, 6381), List.of(26380), NOW);

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
        assertTrue(two.contains("config_file:/etc/s.conf\r\n\r\n# Sentinel\r\n"), "one empty line between sections");
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
}
