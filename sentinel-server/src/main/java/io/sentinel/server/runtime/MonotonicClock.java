package io.sentinel.server.runtime;

/** The one clock of the shell: monotonic milliseconds, the time base of every core input and view. */
public final class MonotonicClock {
    private static final long ORIGIN_NANOS = System.nanoTime();

    private MonotonicClock() {
    }

    /** Milliseconds since this process loaded the class; never goes back. Starts at 1 so that 0 can mean "never". */
    public static long millis() {
        return (System.nanoTime() - ORIGIN_NANOS) / 1_000_000L + 1;
    }
}
