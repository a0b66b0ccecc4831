package io.sentinel.server.http;

import static io.sentinel.server.http.SentinelMetrics.L_MASTER_NAME;
import static io.sentinel.server.http.SentinelMetrics.L_REASON;
import static io.sentinel.server.http.SentinelMetrics.L_RESULT;
import static io.sentinel.server.http.SentinelMetrics.SWITCHOVERS_ABORTED;
import static io.sentinel.server.http.SentinelMetrics.SWITCHOVERS_STARTED;
import static io.sentinel.server.http.SentinelMetrics.SWITCHOVERS_SUCCEEDED;
import static io.sentinel.server.http.SentinelMetrics.SWITCHOVER_SECONDS;
import static io.sentinel.server.http.SentinelMetrics.SWITCHOVER_WRITE_PAUSE;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sentinel.core.event.Event;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Coordinated failovers (SENTINEL FAILOVER COORDINATED) this sentinel led, from its events: started ({@code
 * +coordinated-failover}), succeeded ({@code +failover-end}) and aborted by reason ({@code -failover-abort-*}); how
 * long the master's writes were paused ({@code +writes-paused} to {@code -writes-paused}) and how long each took in
 * all, as histograms. Times are event arrival times on the core thread.
 */
final class SwitchoverMeters {
    private static final Duration[] PAUSE_BUCKETS = {
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
        Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10),
        Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(180)};
    private static final Duration[] TOTAL_BUCKETS = {
        Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
        Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60),
        Duration.ofSeconds(180), Duration.ofSeconds(600)};

    private final MeterRegistry registry;
    private final LongSupplier clock;
    private final Timer writePause;
    /** Per master: when the switchover in progress started. */
    private final Map<String, Long> startedAt = new ConcurrentHashMap<>();
    /** Per master: when its writes were paused; the release may come after the abort event. */
    private final Map<String, Long> pausedAt = new ConcurrentHashMap<>();

    SwitchoverMeters(MeterRegistry registry, LongSupplier clock) {
        this.registry = registry;
        this.clock = clock;
        this.writePause = Timer.builder(SWITCHOVER_WRITE_PAUSE)
                .description("How long a coordinated failover kept the master's writes paused, from the hand-over "
                        + "(+writes-paused) to the release (-writes-paused)")
                .serviceLevelObjectives(PAUSE_BUCKETS).register(registry);
    }

    void on(Event e) {
        String master = e.master();
        if (master == null) return;
        switch (e.type()) {
            case COORDINATED_FAILOVER:
                startedAt.put(master, clock.getAsLong());
                counter(SWITCHOVERS_STARTED, "Coordinated failovers this sentinel started (+coordinated-failover)",
                        L_MASTER_NAME, master).increment();
                break;
            case WRITES_PAUSED: pausedAt.put(master, clock.getAsLong()); break;
            case WRITES_RESUMED: resumed(master); break;
            case FAILOVER_END: ended(master, null); break;
            case FAILOVER_ABORT_NOT_ELECTED: ended(master, "not-elected"); break;
            case FAILOVER_ABORT_NO_GOOD_SLAVE: ended(master, "no-good-slave"); break;
            case FAILOVER_ABORT_SLAVE_TIMEOUT: ended(master, "slave-timeout"); break;
            case FAILOVER_ABORT_MASTER_TIMEOUT: ended(master, "master-timeout"); break;
            case FAILOVER_ABORT_MASTER_ERROR: ended(master, "master-error"); break;
            case UNMONITOR: case RESET_MASTER:
                startedAt.remove(master);
                pausedAt.remove(master);
                break;
            default: break;
        }
    }

    private void resumed(String master) {
        Long since = pausedAt.remove(master);
        if (since != null) writePause.record(Math.max(0, clock.getAsLong() - since), TimeUnit.MILLISECONDS);
    }

    /** A switchover ended: succeeded ({@code abortReason} null) or aborted; a plain failover's end counts nothing. */
    private void ended(String master, String abortReason) {
        Long since = startedAt.remove(master);
        if (since == null) return;
        if (abortReason == null) {
            counter(SWITCHOVERS_SUCCEEDED, "Coordinated failovers this sentinel led to the end (+failover-end)",
                    L_MASTER_NAME, master).increment();
        } else {
            counter(SWITCHOVERS_ABORTED, "Coordinated failovers aborted, by reason (-failover-abort-*)",
                    L_MASTER_NAME, master, L_REASON, abortReason).increment();
        }
        Timer.builder(SWITCHOVER_SECONDS)
                .description("How long each coordinated failover took, from +coordinated-failover to +failover-end "
                        + "or its abort")
                .tag(L_RESULT, abortReason == null ? "succeeded" : "aborted")
                .serviceLevelObjectives(TOTAL_BUCKETS).register(registry)
                .record(Math.max(0, clock.getAsLong() - since), TimeUnit.MILLISECONDS);
    }

    private Counter counter(String name, String help, String... tags) {
        return Counter.builder(name).description(help).tags(tags).register(registry);
    }
}
