package io.sentinel.server.demo;

import java.util.function.UnaryOperator;

/** The writer's counters and its current state, for the panel's last line. Guarded by its DemoTimeline. */
final class WriterStats {
    private long ok;
    private long failed;
    private String address;
    private String lastFailure;
    private long failingSinceNanos;
    private boolean failing;

    void succeeded(String to, long nanos) {
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

    /** When the current (or last) run of failures began. */
    long failingSinceNanos() {
        return failingSinceNanos;
    }

    String describe(UnaryOperator<String> names, long nowNanos) {
        String head = "Writer (Lettuce through the sentinels, a SET every " + DemoWriter.PAUSE_MILLIS + " ms): " + ok
                + " ok, " + failed + " failed; ";
        if (ok == 0 && failed == 0) return head + "starting";
        if (failing) {
            return head + "writes failing for " + DemoTimeline.ms(nowNanos - failingSinceNanos) + " ms ("
                    + lastFailure + ")";
        }
        return head + "writing to " + names.apply(address);
    }
}
