package io.sentinel.server.http;

import io.sentinel.core.view.QuorumStatus;
import io.sentinel.core.view.InstanceView;
import io.sentinel.core.view.MasterView;
import io.sentinel.core.view.SentinelView;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * What the probes look at: the latest view, when the core loop last finished a step, and the monotonic clock (all
 * in the same milliseconds). Liveness: the core loop stepped within {@link #CORE_STEP_DEADLINE_MILLIS} (it ticks
 * every 100 ms), and the HTTP event loop answered, which the probe running proves. Readiness: config loaded, every
 * master's link established at least once, and every master's quorum reachable as {@code SENTINEL CKQUORUM} says.
 */
public record Health(Supplier<SentinelView> view, LongSupplier lastCoreStepAt, LongSupplier now) {
    public static final long CORE_STEP_DEADLINE_MILLIS = 2000;

    /** A probe's answer: ok, or the reasons it is not. */
    public record Probe(boolean ok, List<String> reasons) {
        public Probe {
            reasons = List.copyOf(reasons);
        }
    }

    public Probe liveness() {
        long last = lastCoreStepAt.getAsLong();
        if (last == 0) return new Probe(false, List.of("core loop has not run a step yet"));
        long age = now.getAsLong() - last;
        if (age > CORE_STEP_DEADLINE_MILLIS) {
            return new Probe(false, List.of("core loop last stepped " + age + " ms ago (deadline "
                    + CORE_STEP_DEADLINE_MILLIS + " ms)"));
        }
        return new Probe(true, List.of());
    }

    public Probe readiness() {
        SentinelView v = view.get();
        if (v == null) return new Probe(false, List.of("config not loaded"));
        List<String> reasons = new ArrayList<>();
        for (MasterView m : v.masters()) {
            InstanceView master = m.master();
            if (!master.linkConnected() && master.lastOkPingReplyAtMillis() == 0) {
                reasons.add(m.name() + ": link to master " + master.address().hostPort() + " never established");
            }
            QuorumStatus q = QuorumStatus.of(m);
            if (!q.ok()) reasons.add(m.name() + ": no quorum (" + q.usable() + "/" + q.needed() + " usable)");
        }
        return new Probe(reasons.isEmpty(), reasons);
    }
}
