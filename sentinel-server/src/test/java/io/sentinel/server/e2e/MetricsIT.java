package io.sentinel.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentinel.core.model.Address;
import io.sentinel.server.it.Await;
import io.sentinel.server.it.ProcessScope;
import io.sentinel.server.it.RedisProcess;
import io.sentinel.server.it.SentinelConf;
import io.sentinel.server.it.SentinelProcess;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/**
 * /metrics, /healthz and /readyz of real sentinels (1 master, 2 replicas, 3 of ours): the redis_exporter gauges
 * carry what SENTINEL MASTER says, and after a SIGKILL failover the leader's counters, phase histogram and epochs
 * tell the story while every sentinel's rows move to the new master address.
 */
class MetricsIT {
    static final String M = "mymaster";
    static final int QUORUM = 2;
    static final long DOWN_AFTER = 1000;
    static final long FAILOVER_TIMEOUT = 6000;
    static final Duration DEADLINE = Duration.ofSeconds(30);
    /** redis_exporter's per-master gauges labelled exactly {master_name, master_address}. */
    static final List<String> PER_MASTER = List.of("redis_sentinel_master_slaves",
            "redis_sentinel_master_sentinels", "redis_sentinel_master_ok_sentinels",
            "redis_sentinel_master_ok_slaves", "redis_sentinel_master_setting_down_after_seconds",
            "redis_sentinel_master_setting_failover_timeout", "redis_sentinel_master_setting_parallel_syncs",
            "redis_sentinel_master_setting_ckquorum", "redis_sentinel_master_config_epoch",
            "redis_sentinel_master_last_ok_ping_reply_seconds");

    @RegisterExtension
    final ProcessScope processes = new ProcessScope();

    RedisProcess master;
    final List<RedisProcess> replicas = new ArrayList<>();
    final List<SentinelProcess> sentinels = new ArrayList<>();

    @Test
    void metricsMatchSentinelMasterAndFollowAFailover() {
        startTopology();
        for (SentinelProcess s : sentinels) {
            awaitProbes(s);
            assertExporterMetrics(s, master.address());
        }
        Assumptions.assumingThat(Promtool.onPath(), () -> assertPromtoolAccepts(sentinels.get(0)));
        Address old = master.address();
        List<EventLog> logs = new ArrayList<>();
        try {
            for (SentinelProcess s : sentinels) {
                logs.add(EventLog.subscribe(s, "+try-failover", "+elected-leader", "+failover-end"));
            }
            master.sigkill();
            Await.until(DEADLINE, "a failover starts",
                    () -> logs.stream().anyMatch(l -> l.count("+try-failover") > 0), this::state);
            Assumptions.assumingThat(Promtool.onPath(), () -> assertPromtoolAccepts(sentinels.get(0)));
            Address promoted = awaitAgreement(old);
            int leader = awaitLeader(logs);
            assertLeaderMetrics(sentinels.get(leader), logs.get(leader));
            for (SentinelProcess s : sentinels) awaitRowsMoved(s, old, promoted);
            assertOpenMetrics(sentinels.get(leader));
            Assumptions.assumingThat(Promtool.onPath(), () -> assertPromtoolAccepts(sentinels.get(leader)));
        } finally {
            logs.forEach(EventLog::close);
        }
    }

    void startTopology() {
        master = processes.add(RedisProcess.master());
        replicas.add(processes.add(RedisProcess.replicaOf(master)));
        replicas.add(processes.add(RedisProcess.replicaOf(master)));
        SentinelConf conf = new SentinelConf().monitor(M, master.address(), QUORUM).downAfterMillis(DOWN_AFTER)
                .failoverTimeoutMillis(FAILOVER_TIMEOUT);
        for (int i = 0; i < 3; i++) sentinels.add(processes.add(new SentinelProcess(conf)));
        Await.until(Duration.ofSeconds(20), "every sentinel knows the others and both replicas",
                () -> sentinels.stream().allMatch(this::fullyDiscovered), this::state);
    }

    boolean fullyDiscovered(SentinelProcess s) {
        try (Jedis j = s.jedis()) {
            Map<String, String> m = j.sentinelMaster(M);
            return "2".equals(m.get("num-other-sentinels")) && "2".equals(m.get("num-slaves"))
                    && "master".equals(m.get("flags"));
        }
    }

    /** /healthz answers 200 with JSON; /readyz becomes 200 once the links are up and the quorum is reachable. */
    void awaitProbes(SentinelProcess s) {
        HttpResponse<String> health = MetricsHttp.get(s, "/healthz");
        assertEquals(200, health.statusCode(), health.body());
        assertEquals("application/json", health.headers().firstValue("Content-Type").orElse(""));
        assertEquals("{\"status\":\"ok\"}", health.body().strip());
        Await.until(Duration.ofSeconds(10), "/readyz 200 on sentinel " + s.port(),
                () -> MetricsHttp.get(s, "/readyz").statusCode() == 200,
                () -> MetricsHttp.get(s, "/readyz").body());
        HttpResponse<String> ready = MetricsHttp.get(s, "/readyz");
        assertEquals("application/json", ready.headers().firstValue("Content-Type").orElse(""));
        assertEquals("{\"status\":\"ready\"}", ready.body().strip());
    }

    /** Every redis_exporter name is there, labelled as redis_exporter labels it, with SENTINEL MASTER's values. */
    void assertExporterMetrics(SentinelProcess s, Address masterAddress) {
        Map<String, String> sm;
        try (Jedis j = s.jedis()) {
            sm = j.sentinelMaster(M);
        }
        PromText p = MetricsHttp.scrape(s);
        String addr = masterAddress.host() + ":" + masterAddress.port();
        assertEquals(1, p.value("redis_sentinel_masters"));
        assertEquals(0, p.value("redis_sentinel_tilt"));
        assertEquals(0, p.value("redis_sentinel_running_scripts"));
        assertEquals(0, p.value("redis_sentinel_scripts_queue_length"));
        PromText.Sample status = p.one("redis_sentinel_master_status");
        assertEquals(Map.of("master_name", M, "master_address", addr, "master_status", "ok"), status.labels());
        assertEquals(1, status.value());
        for (String name : PER_MASTER) {
            assertEquals(Map.of("master_name", M, "master_address", addr), p.one(name).labels(), name);
        }
        assertEquals(num(sm, "num-slaves"), p.value("redis_sentinel_master_slaves"));
        assertEquals(num(sm, "num-other-sentinels") + 1, p.value("redis_sentinel_master_sentinels"));
        assertEquals(3, p.value("redis_sentinel_master_ok_sentinels"));
        assertEquals(2, p.value("redis_sentinel_master_ok_slaves"));
        assertEquals(num(sm, "quorum"), p.value("redis_sentinel_master_setting_ckquorum"));
        assertEquals(num(sm, "down-after-milliseconds") / 1000,
                p.value("redis_sentinel_master_setting_down_after_seconds"));
        assertEquals(num(sm, "failover-timeout"), p.value("redis_sentinel_master_setting_failover_timeout"));
        assertEquals(num(sm, "parallel-syncs"), p.value("redis_sentinel_master_setting_parallel_syncs"));
        assertEquals(num(sm, "config-epoch"), p.value("redis_sentinel_master_config_epoch"));
        assertEquals(List.of(2.0, 1000.0, 6000.0), List.of(num(sm, "quorum"), num(sm, "down-after-milliseconds"),
                num(sm, "failover-timeout")), "SENTINEL MASTER reflects sentinel.conf");
        // pinged every second; a master silent for down-after would be s_down, not ok
        double sincePing = p.value("redis_sentinel_master_last_ok_ping_reply_seconds");
        assertTrue(sincePing >= 0 && sincePing <= 2.0, "last ok ping " + sincePing + " s ago");
        PromText.Sample ck = p.one("redis_sentinel_master_ckquorum_status");
        assertEquals(Map.of("master_name", M,
                "message", "OK 3 usable Sentinels. Quorum and failover authorization can be reached"), ck.labels());
        assertEquals(1, ck.value());
    }

    static double num(Map<String, String> sentinelMaster, String field) {
        String v = sentinelMaster.get(field);
        if (v == null) throw new AssertionError("SENTINEL MASTER has no " + field + ": " + sentinelMaster);
        return Double.parseDouble(v);
    }

    Address awaitAgreement(Address old) {
        Address[] agreed = new Address[1];
        Await.until(DEADLINE, "all sentinels agree on a new master", () -> {
            List<Address> seen = sentinels.stream().map(s -> s.masterAddress(M)).collect(Collectors.toList());
            agreed[0] = seen.get(0);
            return agreed[0] != null && !agreed[0].equals(old) && seen.stream().allMatch(agreed[0]::equals);
        }, this::state);
        return agreed[0];
    }

    /** The sentinel that led the failover to its end: it published +failover-end (only the leader does). */
    int awaitLeader(List<EventLog> logs) {
        Await.until(DEADLINE, "+failover-end from the leader",
                () -> logs.stream().anyMatch(l -> l.count("+failover-end") > 0),
                () -> logs.stream().map(l -> l.received.toString()).collect(Collectors.joining("\n")));
        for (int i = 0; i < logs.size(); i++) {
            if (logs.get(i).count("+failover-end") > 0) return i;
        }
        throw new AssertionError("unreachable");
    }

    /** The leader's counters match the events it published; phases were timed; epochs are the new ones. */
    void assertLeaderMetrics(SentinelProcess leader, EventLog log) {
        assertEquals(1, log.count("+failover-end"), log.received.toString());
        assertTrue(log.count("+elected-leader") >= 1, "the leader won an election: " + log.received);
        PromText p = MetricsHttp.scrape(leader);
        assertEquals(1, p.value("sentinel_failovers_succeeded_total", "master_name", M));
        assertEquals(log.count("+try-failover"), p.value("sentinel_failovers_started_total", "master_name", M));
        assertEquals(log.count("+elected-leader"),
                p.value("sentinel_elections_total", "master_name", M, "result", "won"));
        for (String phase : List.of("detection", "election", "promotion", "reconfiguration")) {
            double count = p.value("sentinel_failover_phase_seconds_count", "phase", phase);
            assertTrue(count >= 1, phase + " timed " + count + " times");
            assertTrue(p.value("sentinel_failover_phase_seconds_sum", "phase", phase) >= 0, phase);
        }
        double configEpoch;
        try (Jedis j = leader.jedis()) {
            configEpoch = num(j.sentinelMaster(M), "config-epoch");
        }
        assertTrue(configEpoch >= 1, "a failover bumps the config epoch: " + configEpoch);
        assertEquals(configEpoch, p.value("redis_sentinel_master_config_epoch", "master_name", M));
        double currentEpoch = p.value("sentinel_current_epoch");
        assertTrue(currentEpoch >= 1 && currentEpoch >= configEpoch, "current epoch " + currentEpoch);
    }

    /** Every master row of every sentinel moves to the promoted address, with the config epoch it reports. */
    void awaitRowsMoved(SentinelProcess s, Address old, Address promoted) {
        String to = promoted.host() + ":" + promoted.port();
        String from = old.host() + ":" + old.port();
        String[] last = {""};
        Await.until(Duration.ofSeconds(10), "sentinel " + s.port() + " metrics name master " + to, () -> {
            PromText p = MetricsHttp.scrape(s);
            last[0] = p.text;
            boolean oldGone = !p.text.contains("master_address=\"" + from + "\"");
            double epoch;
            try (Jedis j = s.jedis()) {
                epoch = num(j.sentinelMaster(M), "config-epoch");
            }
            return oldGone && p.all("redis_sentinel_master_status").size() == 1
                    && PER_MASTER.stream().allMatch(n -> to.equals(p.one(n).label("master_address")))
                    && to.equals(p.one("redis_sentinel_master_status").label("master_address"))
                    && p.value("redis_sentinel_master_config_epoch") == epoch;
        }, () -> last[0]);
    }

    /** Asked for OpenMetrics, the sentinel answers OpenMetrics, ending with the mandatory # EOF. */
    void assertOpenMetrics(SentinelProcess s) {
        HttpResponse<String> r = MetricsHttp.get(s, "/metrics", MetricsHttp.OPENMETRICS_ACCEPT);
        assertEquals(200, r.statusCode());
        String type = r.headers().firstValue("Content-Type").orElse("");
        assertTrue(type.startsWith("application/openmetrics-text; version=1.0.0"), type);
        assertTrue(r.body().endsWith("# EOF\n"), "ends with: " + tail(r.body()));
        PromText p = PromText.parse(r.body());
        assertEquals(1, p.value("redis_sentinel_masters"));
        assertEquals(1, p.value("sentinel_failovers_succeeded_total", "master_name", M));
        HttpResponse<String> text = MetricsHttp.get(s, "/metrics");
        assertTrue(text.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
        assertFalse(text.body().contains("# EOF"), "Prometheus text has no EOF marker");
    }

    /** promtool lints a live scrape and flags nothing (docs/metrics.md). */
    void assertPromtoolAccepts(SentinelProcess s) {
        String scrape = MetricsHttp.get(s, "/metrics").body();
        assertEquals(List.of(), Promtool.checkMetrics(scrape), "promtool problems");
        for (String name : List.of("process_cpu_seconds_total", "process_resident_memory_bytes",
                "process_start_time_seconds", "process_open_fds", "process_max_fds")) {
            assertTrue(scrape.contains("\n" + name + " "), name + " in the scrape");
        }
    }

    static String tail(String s) {
        return s.substring(Math.max(0, s.length() - 80));
    }

    String state() {
        return Topology.state(sentinels);
    }
}
