package io.sentinel.server.http;

import static io.sentinel.server.http.SentinelMetrics.*;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.sentinel.core.event.Event;
import io.sentinel.core.event.EventType;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Counters fed by published events: every event by type, failovers started, succeeded and aborted (by reason),
 * master switches, elections won and lost, votes cast, TILT entries and time in TILT; phase durations go to {@link
 * FailoverPhases}, coordinated failovers to {@link SwitchoverMeters}. Runs on the core thread: per event a registry
 * lookup and an increment.
 */
final class EventMeters {
    private static final Map<String, String> HELP = Map.of(
            EVENTS, "Events published, by type (pub/sub channel)",
            FAILOVERS_STARTED, "Failovers this sentinel started (+try-failover)",
            FAILOVERS_SUCCEEDED, "Failovers this sentinel led to the end (+failover-end)",
            FAILOVERS_ABORTED, "Failovers aborted, by reason (-failover-abort-*)",
            MASTER_SWITCHES, "Master address changes seen (+switch-master), whoever led the failover",
            ELECTIONS, "Leader elections this sentinel ran, by result (won: +elected-leader, lost: not elected)",
            VOTES_CAST, "Votes this sentinel cast for a leader (+vote-for-leader)",
            TILT_ENTRIES, "Times this sentinel entered TILT mode (+tilt)");

    private final MeterRegistry registry;
    private final LongSupplier clock;
    private final FailoverPhases phases;
    private final SwitchoverMeters switchovers;
    private final AtomicLong tiltMillis = new AtomicLong();
    private final AtomicLong tiltEnteredAt = new AtomicLong();

    EventMeters(MeterRegistry registry, LongSupplier clock) {
        this.registry = registry;
        this.clock = clock;
        this.phases = new FailoverPhases(registry, clock);
        this.switchovers = new SwitchoverMeters(registry, clock);
        FunctionCounter.builder(TILT_SECONDS, this, EventMeters::tiltSeconds)
                .description("Seconds spent in TILT mode, the current stay included").register(registry);
        counter(TILT_ENTRIES);
    }

    void on(Event e) {
        EventType type = e.type();
        counter(EVENTS, L_TYPE, type.channel()).increment();
        String master = e.master() == null ? "" : e.master();
        phases.on(e);
        switchovers.on(e);
        switch (type) {
            case TRY_FAILOVER: count(FAILOVERS_STARTED, master); break;
            case FAILOVER_END: count(FAILOVERS_SUCCEEDED, master); break;
            case SWITCH_MASTER: count(MASTER_SWITCHES, master); break;
            case VOTE_FOR_LEADER: count(VOTES_CAST, master); break;
            case ELECTED_LEADER: election(master, "won"); break;
            case FAILOVER_ABORT_NOT_ELECTED:
                election(master, "lost");
                aborted(master, "not-elected");
                break;
            case FAILOVER_ABORT_NO_GOOD_SLAVE: aborted(master, "no-good-slave"); break;
            case FAILOVER_ABORT_SLAVE_TIMEOUT: aborted(master, "slave-timeout"); break;
            case FAILOVER_ABORT_MASTER_TIMEOUT: aborted(master, "master-timeout"); break;
            case FAILOVER_ABORT_MASTER_ERROR: aborted(master, "master-error"); break;
            case TILT: tiltEntered(); break;
            case TILT_CLEARED: tiltLeft(); break;
            default: break;
        }
    }

    private void count(String name, String master) {
        counter(name, L_MASTER_NAME, master).increment();
    }

    private void election(String master, String result) {
        counter(ELECTIONS, L_MASTER_NAME, master, L_RESULT, result).increment();
    }

    private void aborted(String master, String reason) {
        counter(FAILOVERS_ABORTED, L_MASTER_NAME, master, L_REASON, reason).increment();
    }

    /** Finds or registers the counter; the description goes with the first registration of a name. */
    private Counter counter(String name, String... tags) {
        return Counter.builder(name).description(HELP.get(name)).tags(tags).register(registry);
    }

    private void tiltEntered() {
        counter(TILT_ENTRIES).increment();
        tiltEnteredAt.compareAndSet(0, clock.getAsLong());
    }

    private void tiltLeft() {
        long since = tiltEnteredAt.getAndSet(0);
        if (since != 0) tiltMillis.addAndGet(Math.max(0, clock.getAsLong() - since));
    }

    private double tiltSeconds() {
        long since = tiltEnteredAt.get();
        long ongoing = since == 0 ? 0 : Math.max(0, clock.getAsLong() - since);
        return (tiltMillis.get() + ongoing) / 1000.0;
    }
}
