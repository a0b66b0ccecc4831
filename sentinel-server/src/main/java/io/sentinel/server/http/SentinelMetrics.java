package io.sentinel.server.http;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sentinel.core.event.Event;
import io.sentinel.core.view.SentinelView;
import io.sentinel.server.tls.Tls;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.function.ToLongBiFunction;

/**
 * Every metric this sentinel exposes, and every metric name. Gauges read the latest {@link SentinelView} when
 * scraped, so between scrapes metrics cost nothing; counters and timers are fed by {@link #onEvent} from the core
 * thread. The {@code redis_sentinel_*} names and labels are redis_exporter's, so its dashboards and alerts work
 * unchanged; our own names start with {@code sentinel_}. Names here are Micrometer names: the Prometheus registry
 * appends {@code _total} to counters and {@code _bucket/_sum/_count} to timers.
 */
public final class SentinelMetrics implements AutoCloseable {
    // redis_exporter-compatible (exporter/sentinels.go): gauges, exposed exactly as spelled here
    static final String MASTERS = "redis_sentinel_masters";
    static final String TILT = "redis_sentinel_tilt";
    static final String RUNNING_SCRIPTS = "redis_sentinel_running_scripts";
    static final String SCRIPTS_QUEUE_LENGTH = "redis_sentinel_scripts_queue_length";
    static final String SIMULATE_FAILURE_FLAGS = "redis_sentinel_simulate_failure_flags";
    static final String MASTER_STATUS = "redis_sentinel_master_status";
    static final String MASTER_SLAVES = "redis_sentinel_master_slaves";
    static final String MASTER_SENTINELS = "redis_sentinel_master_sentinels";
    static final String MASTER_OK_SENTINELS = "redis_sentinel_master_ok_sentinels";
    static final String MASTER_OK_SLAVES = "redis_sentinel_master_ok_slaves";
    static final String MASTER_CKQUORUM_STATUS = "redis_sentinel_master_ckquorum_status";
    // redis_exporter calls this one ..._down_after_milliseconds; ours is in the base unit, seconds, so that
    // promtool check metrics finds nothing on /metrics (docs/metrics.md, "Renamed")
    static final String SETTING_DOWN_AFTER = "redis_sentinel_master_setting_down_after_seconds";
    static final String SETTING_FAILOVER_TIMEOUT = "redis_sentinel_master_setting_failover_timeout";
    static final String SETTING_PARALLEL_SYNCS = "redis_sentinel_master_setting_parallel_syncs";
    static final String SETTING_CKQUORUM = "redis_sentinel_master_setting_ckquorum";
    static final String MASTER_CONFIG_EPOCH = "redis_sentinel_master_config_epoch";
    static final String MASTER_LAST_OK_PING = "redis_sentinel_master_last_ok_ping_reply_seconds";

    // our own, from the view
    static final String CURRENT_EPOCH = "sentinel_current_epoch";
    static final String LINK_UP = "sentinel_instance_link_up";
    static final String LINK_FAILURE = "sentinel_instance_link_failure";
    static final String REPLICA_LAG = "sentinel_replica_lag_bytes";
    static final String FAILOVER_IN_PROGRESS = "sentinel_failover_in_progress";
    static final String CLIENTS = "sentinel_connected_clients";
    static final String SUBSCRIBERS = "sentinel_pubsub_clients";

    // our own, from events (counters: exposed with _total)
    static final String FAILOVERS_STARTED = "sentinel_failovers_started";
    static final String FAILOVERS_SUCCEEDED = "sentinel_failovers_succeeded";
    static final String FAILOVERS_ABORTED = "sentinel_failovers_aborted";
    static final String MASTER_SWITCHES = "sentinel_master_switches";
    static final String ELECTIONS = "sentinel_elections";
    static final String VOTES_CAST = "sentinel_votes_cast";
    static final String EVENTS = "sentinel_events";
    static final String TILT_ENTRIES = "sentinel_tilt_entries";
    static final String TILT_SECONDS = "sentinel_tilt_seconds";
    static final String FAILOVER_PHASE = "sentinel_failover_phase_seconds";
    static final String SWITCHOVERS_STARTED = "sentinel_switchovers_started";
    static final String SWITCHOVERS_SUCCEEDED = "sentinel_switchovers_succeeded";
    static final String SWITCHOVERS_ABORTED = "sentinel_switchovers_aborted";
    static final String SWITCHOVER_WRITE_PAUSE = "sentinel_switchover_write_pause_seconds";
    static final String SWITCHOVER_SECONDS = "sentinel_switchover_seconds";
    static final String STATE_WRITE = "sentinel_state_write_seconds";
    static final String TLS_CERT_EXPIRY = "sentinel_tls_certificate_expiry_timestamp";
    static final String TLS_HANDSHAKE_FAILURES = "sentinel_tls_handshake_failures";
    static final String KUBERNETES_LABEL_PATCHES = "sentinel_kubernetes_label_patches";

    // label names
    static final String L_MASTER_NAME = "master_name";
    static final String L_MASTER_ADDRESS = "master_address";
    static final String L_MASTER_STATUS = "master_status";
    static final String L_MESSAGE = "message";
    static final String L_ROLE = "role";
    static final String L_ADDRESS = "address";
    static final String L_REPLICA_ADDRESS = "replica_address";
    static final String L_REASON = "reason";
    static final String L_RESULT = "result";
    static final String L_PHASE = "phase";
    static final String L_TYPE = "type";
    static final String L_USE = "use";

    /** Prometheus text exposition 0.0.4, the default. */
    public static final String TEXT_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    /** OpenMetrics 1.0, when the scraper's Accept header asks for it. */
    public static final String OPENMETRICS_CONTENT_TYPE = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Supplier<SentinelView> view;
    private final LongSupplier clock;
    private final ViewGauges viewGauges;
    private final EventMeters eventMeters;
    private final Timer stateWrites;
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final ProcessMetrics process;

    /**
     * @param view the latest snapshot the core published
     * @param clock monotonic milliseconds, the time base of the view
     * @param clients connected RESP clients
     * @param subscribers clients in pub/sub mode
     */
    public SentinelMetrics(Supplier<SentinelView> view, LongSupplier clock, IntSupplier clients,
                           IntSupplier subscribers) {
        this(view, clock, clients, subscribers, () -> 0, () -> 0);
    }

    /**
     * @param runningScripts scripts running now (the script runner's count)
     * @param scriptsQueued  scripts queued, running ones included
     */
    public SentinelMetrics(Supplier<SentinelView> view, LongSupplier clock, IntSupplier clients,
                           IntSupplier subscribers, IntSupplier runningScripts, IntSupplier scriptsQueued) {
        this.view = view;
        this.clock = clock;
        this.viewGauges = new ViewGauges(registry);
        this.eventMeters = new EventMeters(registry, clock);
        this.stateWrites = Timer.builder(STATE_WRITE)
                .description("Time to write the state file durably (temp file, fsync, rename)")
                .serviceLevelObjectives(millis(1), millis(5), millis(10), millis(25), millis(50), millis(100),
                        millis(250), millis(500), millis(1000))
                .register(registry);
        // strong references: Micrometer holds gauge state weakly, and a caller's lambda may live nowhere else
        Gauge.builder(CLIENTS, clients, IntSupplier::getAsInt).description("Connected RESP clients")
                .strongReference(true).register(registry);
        Gauge.builder(SUBSCRIBERS, subscribers, IntSupplier::getAsInt)
                .description("Connected clients in pub/sub mode").strongReference(true).register(registry);
        Gauge.builder(RUNNING_SCRIPTS, runningScripts, IntSupplier::getAsInt)
                .description("Number of scripts in execution right now").strongReference(true).register(registry);
        Gauge.builder(SCRIPTS_QUEUE_LENGTH, scriptsQueued, IntSupplier::getAsInt)
                .description("Queue of user scripts to execute").strongReference(true).register(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        // the standard process_* names, not Micrometer's ProcessorMetrics/UptimeMetrics, which promtool flags
        // (process_cpu_time_ns_total: abbreviated unit; system_cpu_count: _count on a gauge)
        this.process = new ProcessMetrics(registry);
    }

    /** Counts a published event. Called on the core thread for every event: a few map lookups, no I/O. */
    public void onEvent(Event e) {
        eventMeters.on(e);
    }

    /** Adds the TLS meters (certificate expiry, failed handshakes) when TLS is on; null: nothing. */
    public void bindTls(Tls tls) {
        TlsMeters.bind(registry, tls);
    }

    /**
     * Adds {@code sentinel_kubernetes_label_patches_total{result}} (ok, denied, not_found, error) when the
     * master-label feature is on: {@code countOf.applyAsLong(source, result)} counts a result. Micrometer holds
     * {@code source} weakly: pass the long-lived object itself, not a lambda that nothing else keeps.
     */
    public <T> void bindPodLabels(T source, ToLongBiFunction<T, String> countOf) {
        for (String result : List.of("ok", "denied", "not_found", "error")) {
            FunctionCounter.builder(KUBERNETES_LABEL_PATCHES, source, s -> countOf.applyAsLong(s, result))
                    .description("Patches of the master label on Redis pods sent to the Kubernetes API, by result")
                    .tag(L_RESULT, result).register(registry);
        }
    }

    /** Records one state-file write, as measured by the shell. */
    public void recordStateWrite(long nanos) {
        stateWrites.record(nanos, TimeUnit.NANOSECONDS);
    }

    /**
     * Reads the latest view into the gauges, then renders every meter: OpenMetrics when {@code acceptHeader} asks
     * for it, else Prometheus text 0.0.4. Never protobuf, whatever is asked: we answer with text.
     */
    public synchronized String scrape(String acceptHeader) {
        viewGauges.refresh(view.get(), clock.getAsLong());
        process.refresh();
        return registry.scrape(contentType(acceptHeader));
    }

    /** The content type {@link #scrape} answers for this Accept header. */
    public String contentType(String acceptHeader) {
        if (acceptHeader != null && acceptHeader.contains("application/openmetrics-text")) {
            return OPENMETRICS_CONTENT_TYPE;
        }
        return TEXT_CONTENT_TYPE;
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }

    private static Duration millis(long ms) {
        return Duration.ofMillis(ms);
    }
}
