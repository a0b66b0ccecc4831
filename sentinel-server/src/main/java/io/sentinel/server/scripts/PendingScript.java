package io.sentinel.server.scripts;

import java.util.List;

/**
 * One entry of the script queue as {@code SENTINEL PENDING-SCRIPTS} shows it. {@code startAtMillis} (monotonic) is
 * when it started if {@code running}, else when it may run again (0: at once); {@code pid} is 0 unless running.
 */
public record PendingScript(List<String> argv, boolean running, long pid, long startAtMillis, int retryNum) {
    public PendingScript {
        argv = List.copyOf(argv);
    }

    /** Milliseconds it has been running, or still has to wait, at {@code nowMillis}: Redis's run-time / run-delay. */
    public long millisAt(long nowMillis) {
        if (running) return nowMillis - startAtMillis;
        return startAtMillis == 0 ? 0 : Math.max(0, startAtMillis - nowMillis);
    }
}
