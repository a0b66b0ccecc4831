package io.sentinel.server.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentinel.server.it.Await;
import io.sentinel.server.it.ProcessScope;
import io.sentinel.server.it.RealSentinelProcess;
import io.sentinel.server.it.RedisProcess;
import io.sentinel.server.it.SentinelConf;
import io.sentinel.server.it.SentinelProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 13: INFO against a live redis-sentinel 7.0, for every argument it accepts: the same sections in the same
 * order and the same field names in the same order; our extras only with {@code info-extras yes}, where later
 * Redis versions print them; the counters move with real traffic.
 */
class InfoParityIT {
    static final List<List<String>> ARGUMENTS = List.of(List.of(), List.of("default"), List.of("all"),
            List.of("everything"), List.of("server"), List.of("clients"), List.of("stats"), List.of("cpu"),
            List.of("sentinel"), List.of("CPU", "server"), List.of("sentinel", "clients", "stats"),
            List.of("nosuch"), List.of("keyspace"), List.of("commandstats"), List.of("server", "nosuch"));
    static final Map<String, String> EXTRAS_AFTER = Map.of("sentinel_impl", "io_threads_active",
            "pubsub_clients", "tracking_clients", "sentinel_total_tilt", "sentinel_tilt_since_seconds");

    @RegisterExtension
    final ProcessScope processes = new ProcessScope();

    @Test
    void everyArgumentGivesRedisSectionsAndFieldNamesInRedisOrder() {
        RedisProcess master = processes.add(RedisProcess.master());
        SentinelConf conf = new SentinelConf().monitor("mymaster", master.address(), 2);
        SentinelProcess real = processes.add(new RealSentinelProcess(conf));
        SentinelProcess ours = processes.add(new SentinelProcess(conf));
        SentinelProcess extras = processes.add(new SentinelProcess(conf.line("info-extras yes")));
        for (List<String> args : ARGUMENTS) {
            String theirs = info(real, args);
            assertEquals(InfoShape.headers(theirs), InfoShape.headers(info(ours, args)), "sections of INFO " + args);
            assertEquals(keys(theirs), keys(info(ours, args)), "fields of INFO " + args);
            List<String> withExtras = keys(info(extras, args));
            withExtras.removeAll(EXTRAS_AFTER.keySet());
            assertEquals(keys(theirs), withExtras, "fields of INFO " + args + " with info-extras, extras aside");
        }
        List<String> all = keys(info(extras, List.of("everything")));
        for (Map.Entry<String, String> e : EXTRAS_AFTER.entrySet()) {
            assertEquals(all.indexOf(e.getValue()) + 1, all.indexOf(e.getKey()), e.getKey() + " placement");
        }
    }

    @Test
    void trafficCountersErrorsAndRatesAreReal() {
        RedisProcess master = processes.add(RedisProcess.master());
        SentinelProcess ours = processes.add(new SentinelProcess(new SentinelConf()
                .monitor("mymaster", master.address(), 2)));
        try (RawRespClient client = new RawRespClient(ours.port(), 2)) {
            Map<String, String> before = fields(client.call("INFO", "stats").text());
            client.call("NOSUCHCOMMAND");
            for (int i = 0; i < 50; i++) client.call("PING");
            Await.until(Duration.ofSeconds(5), "instantaneous_ops_per_sec above 0",
                    () -> Long.parseLong(fields(client.call("INFO", "stats").text())
                            .get("instantaneous_ops_per_sec")) > 0);
            Map<String, String> after = fields(client.call("INFO", "everything").text());
            assertTrue(delta(before, after, "total_net_input_bytes") >= 50 * 14, after.toString());
            assertTrue(delta(before, after, "total_net_output_bytes") >= 50 * 7, after.toString());
            assertTrue(delta(before, after, "total_error_replies") >= 1, after.toString());
            assertTrue(delta(before, after, "total_reads_processed") >= 51, after.toString());
            assertEquals("10000", after.get("maxclients"));
            Await.until(Duration.ofSeconds(10), "the core thread's CPU in INFO cpu", () -> {
                Map<String, String> cpu = fields(client.call("INFO", "cpu").text());
                return Double.parseDouble(cpu.get("used_cpu_user_main_thread"))
                        + Double.parseDouble(cpu.get("used_cpu_sys_main_thread")) > 0;
            });
        }
    }

    /** blocked_clients, tracking_clients and tracking_total_prefixes count as redis-sentinel's, from the same clients. */
    @Test
    void pausedAndTrackingClientsAreCountedAsRedisSentinelCountsThem() throws Exception {
        RedisProcess master = processes.add(RedisProcess.master());
        SentinelConf conf = new SentinelConf().monitor("mymaster", master.address(), 2);
        Map<String, String> theirs = clientStates(processes.add(new RealSentinelProcess(conf)));
        assertEquals(Map.of("blocked_clients", "1", "tracking_clients", "3", "tracking_total_prefixes", "3"), theirs);
        assertEquals(theirs, clientStates(processes.add(new SentinelProcess(conf))));
    }

    private static Map<String, String> clientStates(SentinelProcess s) throws Exception {
        try (RawRespClient a = new RawRespClient(s.port(), 2); RawRespClient b = new RawRespClient(s.port(), 3);
                RawRespClient c = new RawRespClient(s.port(), 2); RawRespClient admin = new RawRespClient(s.port(), 2);
                java.net.Socket held = new java.net.Socket("127.0.0.1", s.port())) {
            a.call("CLIENT", "TRACKING", "on", "BCAST", "PREFIX", "a", "PREFIX", "b");
            b.call("CLIENT", "TRACKING", "on", "BCAST", "PREFIX", "b", "PREFIX", "c");
            c.call("CLIENT", "TRACKING", "on", "OPTIN");
            admin.call("CLIENT", "PAUSE", "10000", "WRITE");
            held.getOutputStream().write("PUBLISH __sentinel__:hello x\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            Map<String, String> out = new java.util.TreeMap<>();
            Await.until(Duration.ofSeconds(5), "the PUBLISH held by the pause", () -> {
                Map<String, String> f = fields(admin.call("INFO", "clients").text());
                out.put("blocked_clients", f.get("blocked_clients"));
                out.put("tracking_clients", f.get("tracking_clients"));
                return f.get("blocked_clients").equals("1");
            });
            out.put("tracking_total_prefixes", fields(admin.call("INFO", "stats").text()).get("tracking_total_prefixes"));
            admin.call("CLIENT", "UNPAUSE");
            return out;
        }
    }

    static String info(SentinelProcess s, List<String> args) {
        List<String> command = new ArrayList<>(List.of("INFO"));
        command.addAll(args);
        try (RawRespClient c = new RawRespClient(s.port(), 2)) {
            return c.call(command.toArray(new String[0])).text();
        }
    }

    static List<String> keys(String info) {
        return new ArrayList<>(InfoShape.keys(info));
    }

    static Map<String, String> fields(String info) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String line : info.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && !line.startsWith("#")) out.put(line.substring(0, colon), line.substring(colon + 1));
        }
        return out;
    }

    static long delta(Map<String, String> before, Map<String, String> after, String key) {
        return Long.parseLong(after.get(key)) - Long.parseLong(before.get(key));
    }
}
