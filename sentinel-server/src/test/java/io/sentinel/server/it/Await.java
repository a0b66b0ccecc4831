package io.sentinel.server.it;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/** Deadline-bounded polling: the only way integration tests wait. */
public final class Await {
    private static final long POLL_MILLIS = 50;

    private Await() {
    }

    /**
     * Polls {@code condition} until it returns true. An exception from the condition counts as "not yet" (the
     * process may still be starting); the last one is attached as the cause if the deadline passes.
     */
    public static void until(Duration timeout, String description, Callable<Boolean> condition,
                             Supplier<String> stateOnTimeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (true) {
            try {
                if (Boolean.TRUE.equals(condition.call())) return;
                last = null;
            } catch (Exception e) {
                last = e;
            }
            if (System.nanoTime() - deadline >= 0) throw timedOut(timeout, description, stateOnTimeout, last);
            sleep();
        }
    }

    /** Polls without a state dump. */
    public static void until(Duration timeout, String description, Callable<Boolean> condition) {
        until(timeout, description, condition, () -> "");
    }

    private static AssertionError timedOut(Duration timeout, String description, Supplier<String> state,
                                           Exception last) {
        String dump;
        try {
            dump = state.get();
        } catch (RuntimeException e) {
            dump = "(state dump failed: " + e + ")";
        }
        AssertionError error = new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for "
                + description + (dump.isEmpty() ? "" : "\n--- state ---\n" + dump));
        if (last != null) error.initCause(last);
        return error;
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while polling", e);
        }
    }
}
