package io.sentinel.server.demo;

import java.util.function.UnaryOperator;

/** The writer's counters and its current state, for the panel's last line. Guarded by its DemoTimeline. */
final class WriterStats {
    private long ok;
    private long failed;
    /** The counter the last acknowledged INCR returned, and the acknowledged INCRs a later reply showed gone. */
    private long lastValue;
    private long lost;
    private String address;
    private String lastFailure;
    private long failingSinceNanos;
    private boolean failing;

    /**
     * An INCR acknowledged with {@code value}. One writer, one counter: each reply is the one before plus one, unless
     * the master it now writes to lacks acknowledged increments (a reply at or below the last one).
     */
    void succeeded(String to, long value) {
        if (value <= lastValue) lost += lastValue - value + 1;
        lastValue = value;
        ok++;
        address = to;
        failing = false;
    }

    void failed(String reason, long nanos) {
        failed++;
        lastFailure = reason;
        if (!failing) failingSinceNanos = nanos;
        failing = true;
    }

    long lost() {
        return lost;
    }

    boolean failing() {
        return failing;
    }

    /** When the current (or last) run of failures began. */
    long failingSinceNanos() {
        return failingSinceNanos;
    }

    String describe(UnaryOperator<String> names, long nowNanos) {
        String head = "Writer (Lettuce through the sentinels, an INCR every " + DemoWriter.PAUSE_MILLIS + " ms): "
                + ok + " ok, " + failed + " failed, " + lost + " acknowledged lost; ";
        if (ok == 0 && failed == 0) return head + "starting";
        if (failing) {
            return head + "writes failing for " + DemoTimeline.ms(nowNanos - failingSinceNanos) + " ms ("
                    + lastFailure + ")";
        }
        return head + "writing to " + names.apply(address);
    }
}
