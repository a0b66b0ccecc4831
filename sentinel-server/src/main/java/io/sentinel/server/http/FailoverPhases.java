package io.sentinel.server.http;

import static io.sentinel.server.http.SentinelMetrics.FAILOVER_PHASE;
import static io.sentinel.server.http.SentinelMetrics.L_PHASE;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sentinel.core.event.Event;
import io.sentinel.core.model.Role;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Failover phase durations, measured between event arrival times per master: detection {@code +sdown -> +odown}
 * (of the master), election {@code +try-failover -> +elected-leader}, promotion {@code +selected-slave ->
 * +promoted-slave}, reconfiguration {@code +promoted-slave -> +failover-end}. A phase that does not end (the
 * master came back, the failover aborted) records nothing.
 */
final class FailoverPhases {
    enum Phase { DETECTION, ELECTION, PROMOTION, RECONFIGURATION }

    private static final Duration[] BUCKETS = {
        Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
        Duration.ofSeconds(60), Duration.ofSeconds(180), Duration.ofSeconds(600)};

    private final LongSupplier clock;
    private final Timer[] timers = new Timer[Phase.values().length];
    /** Per master, the arrival time of each phase's start event (0 = not started). */
    private final Map<String, long[]> started = new ConcurrentHashMap<>();

    FailoverPhases(MeterRegistry registry, LongSupplier clock) {
        this.clock = clock;
        for (Phase p : Phase.values()) {
            timers[p.ordinal()] = Timer.builder(FAILOVER_PHASE)
                    .description("Duration of failover phases, from event to event")
                    .tag(L_PHASE, p.name().toLowerCase(Locale.ROOT))
                    .serviceLevelObjectives(BUCKETS)
                    .register(registry);
        }
    }

    void on(Event e) {
        String master = e.master();
        if (master == null) return;
        boolean aboutMaster = e.instance() != null && e.instance().role() == Role.MASTER;
        switch (e.type()) {
            case SDOWN: if (aboutMaster) start(master, Phase.DETECTION); break;
            case SDOWN_CLEARED: if (aboutMaster) clear(master, Phase.DETECTION); break;
            case ODOWN: end(master, Phase.DETECTION); break;
            case TRY_FAILOVER: start(master, Phase.ELECTION); break;
            case ELECTED_LEADER: end(master, Phase.ELECTION); break;
            case SELECTED_SLAVE: start(master, Phase.PROMOTION); break;
            case PROMOTED_SLAVE:
                end(master, Phase.PROMOTION);
                start(master, Phase.RECONFIGURATION);
                break;
            case FAILOVER_END: end(master, Phase.RECONFIGURATION); break;
            case FAILOVER_ABORT_NOT_ELECTED:
            case FAILOVER_ABORT_NO_GOOD_SLAVE:
            case FAILOVER_ABORT_SLAVE_TIMEOUT:
            case FAILOVER_ABORT_MASTER_TIMEOUT:
            case FAILOVER_ABORT_MASTER_ERROR:
                clear(master, Phase.ELECTION);
                clear(master, Phase.PROMOTION);
                clear(master, Phase.RECONFIGURATION);
                break;
            case UNMONITOR: started.remove(master); break;
            default: break;
        }
    }

    private void start(String master, Phase p) {
        started.computeIfAbsent(master, k -> new long[Phase.values().length])[p.ordinal()] = clock.getAsLong();
    }

    private void clear(String master, Phase p) {
        long[] s = started.get(master);
        if (s != null) s[p.ordinal()] = 0;
    }

    private void end(String master, Phase p) {
        long[] s = started.get(master);
        if (s == null || s[p.ordinal()] == 0) return;
        long elapsed = Math.max(0, clock.getAsLong() - s[p.ordinal()]);
        s[p.ordinal()] = 0;
        timers[p.ordinal()].record(elapsed, TimeUnit.MILLISECONDS);
    }
}
