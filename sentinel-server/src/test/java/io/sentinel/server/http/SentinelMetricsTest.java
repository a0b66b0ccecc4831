package io.sentinel.server.http;

import static io.sentinel.server.http.MetricsFixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentinel.core.event.Event;
import io.sentinel.core.event.EventType;
import io.sentinel.core.model.Address;
import io.sentinel.core.view.InstanceView;
import io.sentinel.core.view.MasterView;
import io.sentinel.core.view.SentinelView;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SentinelMetricsTest {
    private static final long NOW = 1_000_000;
    private static final Address M = new Address("127.0.0.1", 6379);
    private static final String[] MYMASTER = {"master_name", "mymaster", "master_address", "127.0.0.1:6379"};

    private final AtomicLong clock = new AtomicLong(NOW);
    private final AtomicReference<SentinelView> view = new AtomicReference<>(degraded());
    private final SentinelMetrics metrics = new SentinelMetrics(view::get, clock::get, () -> 7, () -> 2);

    @AfterEach
    void close() {
        metrics.close();
    }

    /** mymaster: 2 replicas (one s_down), 2 peers (one s_down), quorum 2, master answered PING 1.5 s ago. */
    private static SentinelView degraded() {
        InstanceView master = master("mymaster", M, List.of("master"), true, NOW - 1500,
                "# Replication\r\nrole:master\r\nmaster_repl_offset:5000\r\n");
        List<InstanceView> replicas = List.of(
                replica(new Address("127.0.0.1", 6380), M, List.of("slave"), true, 4000),
                replica(new Address("127.0.0.1", 6381), M, List.of("s_down", "slave", "disconnected"), false, 100));
        List<InstanceView> peers = List.of(peer(new Address("127.0.0.1", 26380), List.of("sentinel"), true),
                peer(new Address("127.0.0.1", 26381), List.of("s_down", "sentinel", "disconnected"), false));
        return view(NOW, 4, false, List.of(masterView(master, 2, 3, replicas, peers, "none")));
    }

    private Scrape scrape() {
        return new Scrape(metrics.scrape(null));
    }

    @Test
    void redisExporterGaugesHaveItsNamesLabelsAndValues() {
        Scrape s = scrape();
        assertEquals(1, s.value("redis_sentinel_masters"));
        assertEquals(0, s.value("redis_sentinel_tilt"));
        assertEquals(0, s.value("redis_sentinel_running_scripts"));
        assertEquals(0, s.value("redis_sentinel_scripts_queue_length"));
        assertEquals(1, s.value("redis_sentinel_master_status", "master_name", "mymaster", "master_address",
                "127.0.0.1:6379", "master_status", "ok"));
        assertEquals(2, s.value("redis_sentinel_master_slaves", MYMASTER));
        assertEquals(3, s.value("redis_sentinel_master_sentinels", MYMASTER));
        assertEquals(2, s.value("redis_sentinel_master_ok_sentinels", MYMASTER));
        assertEquals(1, s.value("redis_sentinel_master_ok_slaves", MYMASTER));
        assertEquals(1, s.value("redis_sentinel_master_ckquorum_status", "master_name", "mymaster", "message",
                "OK 2 usable Sentinels. Quorum and failover authorization can be reached"));
        assertEquals(5.0, s.value("redis_sentinel_master_setting_down_after_seconds", MYMASTER));
        assertEquals(60_000, s.value("redis_sentinel_master_setting_failover_timeout", MYMASTER));
        assertEquals(2, s.value("redis_sentinel_master_setting_parallel_syncs", MYMASTER));
        assertEquals(2, s.value("redis_sentinel_master_setting_ckquorum", MYMASTER));
        assertEquals(3, s.value("redis_sentinel_master_config_epoch", MYMASTER));
        assertEquals(1.5, s.value("redis_sentinel_master_last_ok_ping_reply_seconds", MYMASTER));
    }

    @Test
    void everyRedisExporterNameIsExposedAsAGaugeExactlyAsSpelled() {
        String text = metrics.scrape(null);
        for (String name : List.of("masters", "tilt", "running_scripts", "scripts_queue_length", "master_status",
                "master_slaves", "master_sentinels", "master_ok_sentinels", "master_ok_slaves",
                "master_ckquorum_status", "master_setting_down_after_seconds", "master_setting_failover_timeout",
                "master_setting_parallel_syncs", "master_setting_ckquorum", "master_config_epoch",
                "master_last_ok_ping_reply_seconds")) {
            assertTrue(text.contains("\n# TYPE redis_sentinel_" + name + " gauge\n"), name);
        }
        // the one redis_exporter name we do not keep: its unit is not a base unit (promtool), seconds instead
        assertFalse(text.contains("down_after_milliseconds"), text);
    }

    @Test
    void ownViewGaugesLinksLagEpochClients() {
        Scrape s = scrape();
        assertEquals(4, s.value("sentinel_current_epoch"));
        assertEquals(1, s.value("sentinel_instance_link_up", "role", "master", "address", "127.0.0.1:6379"));
        assertEquals(0, s.value("sentinel_instance_link_up", "role", "slave", "address", "127.0.0.1:6381"));
        assertEquals(0, s.value("sentinel_instance_link_up", "role", "sentinel", "address", "127.0.0.1:26381"));
        assertEquals(1000, s.value("sentinel_replica_lag_bytes", "replica_address", "127.0.0.1:6380"));
        assertEquals(4900, s.value("sentinel_replica_lag_bytes", "replica_address", "127.0.0.1:6381"));
        assertEquals(0, s.value("sentinel_failover_in_progress", "master_name", "mymaster"));
        assertEquals(7, s.value("sentinel_connected_clients"));
        assertEquals(2, s.value("sentinel_pubsub_clients"));
        assertTrue(s.find("jvm_memory_used_bytes").size() > 0);
        assertTrue(s.find("process_start_time_seconds").size() == 1);
        assertTrue(s.value("process_resident_memory_bytes") > 0);
    }

    @Test
    void clientGaugesKeepTheirSuppliersThroughGarbageCollection() {
        java.util.concurrent.atomic.AtomicInteger clients = new java.util.concurrent.atomic.AtomicInteger(5);
        try (SentinelMetrics m = new SentinelMetrics(view::get, clock::get, () -> clients.get(),
                () -> clients.get() + 1)) {
            System.gc();
            Scrape s = new Scrape(m.scrape(null));
            assertEquals(5, s.value("sentinel_connected_clients"));
            assertEquals(6, s.value("sentinel_pubsub_clients"));
        }
    }

    @Test
    void rowsFollowTheViewWhenMastersMoveGoDownAndDisappear() {
        scrape();
        Address moved = new Address("127.0.0.1", 6380);
        InstanceView m = master("mymaster", moved, List.of("s_down", "o_down", "master"), false, NOW - 40_000, null);
        MasterView down = masterView(m, 3, 4, List.of(), List.of(), "wait_promotion");
        view.set(view(NOW, 5, true, List.of(down)));
        Scrape s = scrape();
        assertEquals(0, s.find("redis_sentinel_master_slaves", "master_address", "127.0.0.1:6379").size());
        assertEquals(0, s.value("redis_sentinel_master_status", "master_address", "127.0.0.1:6380",
                "master_status", "odown"));
        assertEquals(1, s.find("redis_sentinel_master_status").size());
        assertEquals(0, s.value("redis_sentinel_master_ckquorum_status", "master_name", "mymaster", "message",
                "NOQUORUM 1 usable Sentinels. Not enough available Sentinels to reach the specified quorum for this"
                        + " master"));
        assertEquals(0, s.find("sentinel_replica_lag_bytes").size());
        assertEquals(1, s.value("sentinel_failover_in_progress"));
        assertEquals(1, s.value("redis_sentinel_tilt"));
        view.set(view(NOW, 5, false, List.of()));
        s = scrape();
        assertEquals(0, s.value("redis_sentinel_masters"));
        assertEquals(0, s.find("redis_sentinel_master_status").size());
        assertEquals(0, s.find("sentinel_instance_link_up").size());
    }

    @Test
    void replicaLagFallsBackToTheFurthestReplicaWithoutMasterInfo() {
        assertEquals(5000, ViewGauges.replOffset("role:master\r\nmaster_repl_offset:5000\r\nx:1\r\n"));
        assertEquals(-1, ViewGauges.replOffset("role:master\r\n"));
        assertEquals(-1, ViewGauges.replOffset(null));
        InstanceView m = master("mymaster", M, List.of("master"), true, NOW, null);
        MasterView mv = masterView(m, 2, 0, List.of(replica(new Address("127.0.0.1", 6380), M, List.of("slave"),
                true, 700), replica(new Address("127.0.0.1", 6381), M, List.of("slave"), true, 900)), List.of(), "none");
        assertEquals(900, ViewGauges.masterOffset(mv));
    }

    private void at(long millis, EventType type, Event.Instance instance, String details) {
        clock.set(millis);
        metrics.onEvent(new Event(type, "mymaster", instance, details));
    }

    @Test
    void aFailoverCountsAndTimesEachPhase() {
        Event.Instance master = Event.Instance.master("mymaster", M);
        Event.Instance replica = Event.Instance.replica(new Address("127.0.0.1", 6380), M);
        at(NOW, EventType.SDOWN, master, "");
        at(NOW + 5000, EventType.ODOWN, master, "#quorum 2/2");
        at(NOW + 5000, EventType.NEW_EPOCH, null, "5");
        at(NOW + 5000, EventType.TRY_FAILOVER, master, "");
        at(NOW + 5000, EventType.VOTE_FOR_LEADER, null, MYID + " 5");
        at(NOW + 5200, EventType.ELECTED_LEADER, master, "");
        at(NOW + 5300, EventType.SELECTED_SLAVE, replica, "");
        at(NOW + 6300, EventType.PROMOTED_SLAVE, replica, "");
        at(NOW + 8300, EventType.FAILOVER_END, master, "");
        at(NOW + 8300, EventType.SWITCH_MASTER, null, "mymaster 127.0.0.1 6379 127.0.0.1 6380");
        Scrape s = scrape();
        assertEquals(1, s.value("sentinel_failovers_started_total", "master_name", "mymaster"));
        assertEquals(1, s.value("sentinel_failovers_succeeded_total", "master_name", "mymaster"));
        assertEquals(1, s.value("sentinel_master_switches_total", "master_name", "mymaster"));
        assertEquals(1, s.value("sentinel_elections_total", "master_name", "mymaster", "result", "won"));
        assertEquals(1, s.value("sentinel_votes_cast_total", "master_name", "mymaster"));
        assertEquals(1, s.value("sentinel_events_total", "type", "+sdown"));
        assertEquals(1, s.value("sentinel_events_total", "type", "+new-epoch"));
        assertPhase(s, "detection", 5.0, "5.0", "2.0");
        assertPhase(s, "election", 0.2, "0.25", "0.1");
        assertPhase(s, "promotion", 1.0, "1.0", "0.5");
        assertPhase(s, "reconfiguration", 2.0, "2.0", "1.0");
    }

    /** One sample of {@code seconds}: counted in bucket {@code in}, not in the bucket below, {@code below}. */
    private static void assertPhase(Scrape s, String phase, double seconds, String in, String below) {
        assertEquals(1, s.value("sentinel_failover_phase_seconds_count", "phase", phase), phase);
        assertEquals(seconds, s.value("sentinel_failover_phase_seconds_sum", "phase", phase), 1e-9, phase);
        assertEquals(1, s.value("sentinel_failover_phase_seconds_bucket", "phase", phase, "le", in), phase);
        assertEquals(0, s.value("sentinel_failover_phase_seconds_bucket", "phase", phase, "le", below), phase);
    }

    /** Issue 14: coordinated failovers counted by outcome, their write pause and total duration timed. */
    @Test
    void switchoversCountByOutcomeAndTimeTheirPause() {
        Event.Instance master = Event.Instance.master("mymaster", M);
        at(NOW, EventType.COORDINATED_FAILOVER, master, "");
        at(NOW, EventType.TRY_FAILOVER, master, "");
        at(NOW + 100, EventType.WRITES_PAUSED, master, "timeout 6000");
        at(NOW + 700, EventType.WRITES_RESUMED, master, "");
        at(NOW + 1500, EventType.FAILOVER_END, master, "");
        at(NOW + 2000, EventType.COORDINATED_FAILOVER, master, "");
        at(NOW + 2100, EventType.WRITES_PAUSED, master, "timeout 6000");
        at(NOW + 2150, EventType.FAILOVER_ABORT_MASTER_ERROR, master,
                "NOPERM this user has no permissions to run the 'failover' command");
        at(NOW + 2160, EventType.WRITES_RESUMED, master, "");
        at(NOW + 3000, EventType.TRY_FAILOVER, master, ""); // a plain one: no switchover
        at(NOW + 4000, EventType.FAILOVER_END, master, "");
        Scrape s = scrape();
        assertEquals(2, s.value("sentinel_switchovers_started_total", "master_name", "mymaster"));
        assertEquals(1, s.value("sentinel_switchovers_succeeded_total", "master_name", "mymaster"));
        assertEquals(1, s.value("sentinel_switchovers_aborted_total", "master_name", "mymaster", "reason",
                "master-error"));
        assertEquals(1, s.value("sentinel_failovers_aborted_total", "master_name", "mymaster", "reason",
                "master-error"));
        assertEquals(2, s.value("sentinel_switchover_write_pause_seconds_count"));
        assertEquals(0.66, s.value("sentinel_switchover_write_pause_seconds_sum"), 1e-9);
        assertEquals(0, s.value("sentinel_switchover_write_pause_seconds_bucket", "le", "0.05"));
        assertEquals(1, s.value("sentinel_switchover_write_pause_seconds_bucket", "le", "0.1"));
        assertEquals(1, s.value("sentinel_switchover_write_pause_seconds_bucket", "le", "0.5"));
        assertEquals(2, s.value("sentinel_switchover_write_pause_seconds_bucket", "le", "1.0"));
        assertEquals(1.5, s.value("sentinel_switchover_seconds_sum", "result", "succeeded"), 1e-9);
        assertEquals(0.15, s.value("sentinel_switchover_seconds_sum", "result", "aborted"), 1e-9);
    }

    @Test
    void abortsCountByReasonAndEndNoPhase() {
        Event.Instance master = Event.Instance.master("mymaster", M);
        at(NOW, EventType.TRY_FAILOVER, master, "");
        at(NOW + 10_000, EventType.FAILOVER_ABORT_NOT_ELECTED, master, "");
        at(NOW + 20_000, EventType.TRY_FAILOVER, master, "");
        at(NOW + 20_100, EventType.ELECTED_LEADER, master, "");
        at(NOW + 20_200, EventType.FAILOVER_STATE_SELECT_SLAVE, master, "");
        at(NOW + 20_300, EventType.FAILOVER_ABORT_NO_GOOD_SLAVE, master, "");
        at(NOW + 30_000, EventType.ELECTED_LEADER, master, "");
        at(NOW + 30_000, EventType.SDOWN, Event.Instance.replica(new Address("127.0.0.1", 6380), M), "");
        at(NOW + 31_000, EventType.ODOWN, master, "#quorum 2/2");
        Scrape s = scrape();
        assertEquals(2, s.value("sentinel_failovers_started_total", "master_name", "mymaster"));
        assertEquals(1, s.value("sentinel_failovers_aborted_total", "reason", "not-elected"));
        assertEquals(1, s.value("sentinel_failovers_aborted_total", "reason", "no-good-slave"));
        assertEquals(1, s.value("sentinel_elections_total", "result", "lost"));
        assertEquals(2, s.value("sentinel_elections_total", "result", "won"));
        assertEquals(0, s.find("sentinel_failovers_succeeded_total").size());
        // only the second election ended, in 100 ms; a replica's +sdown starts no detection phase
        assertEquals(1, s.value("sentinel_failover_phase_seconds_count", "phase", "election"));
        assertEquals(0.1, s.value("sentinel_failover_phase_seconds_sum", "phase", "election"), 1e-9);
        assertEquals(0, s.value("sentinel_failover_phase_seconds_count", "phase", "detection"));
    }

    @Test
    void tiltEntriesAndSecondsIncludeTheCurrentStay() {
        clock.set(NOW);
        metrics.onEvent(Event.of(EventType.TILT, "#tilt mode entered"));
        clock.set(NOW + 2000);
        Scrape s = scrape();
        assertEquals(1, s.value("sentinel_tilt_entries_total"));
        assertEquals(2.0, s.value("sentinel_tilt_seconds_total"), 1e-9);
        clock.set(NOW + 3000);
        metrics.onEvent(Event.of(EventType.TILT_CLEARED, "#tilt mode exited"));
        clock.set(NOW + 60_000);
        assertEquals(3.0, scrape().value("sentinel_tilt_seconds_total"), 1e-9);
    }

    @Test
    void stateWritesAreTimed() {
        metrics.recordStateWrite(3_000_000);
        Scrape s = scrape();
        assertEquals(1, s.value("sentinel_state_write_seconds_count"));
        assertEquals(0.003, s.value("sentinel_state_write_seconds_sum"), 1e-9);
        assertEquals(1, s.value("sentinel_state_write_seconds_bucket", "le", "0.005"));
        assertEquals(0, s.value("sentinel_state_write_seconds_bucket", "le", "0.001"));
    }

    @Test
    void openMetricsOnlyWhenAsked() {
        assertEquals(SentinelMetrics.TEXT_CONTENT_TYPE, metrics.contentType(null));
        assertEquals(SentinelMetrics.TEXT_CONTENT_TYPE, metrics.contentType("text/plain;version=0.0.4"));
        String accept = "application/openmetrics-text;version=1.0.0;q=0.5,text/plain;version=0.0.4;q=0.4";
        assertEquals(SentinelMetrics.OPENMETRICS_CONTENT_TYPE, metrics.contentType(accept));
        String om = metrics.scrape(accept);
        assertTrue(om.endsWith("# EOF\n"), om);
        assertTrue(om.contains("# TYPE redis_sentinel_masters gauge\n"));
        assertTrue(!metrics.scrape(null).contains("# EOF"));
    }
}
