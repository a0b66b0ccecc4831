package io.sentinel.server.fuzz;

import java.lang.management.ManagementFactory;

/**
 * Counts one fuzz target's executions and checks each one's heap allocation against the bytes it was given: a parser
 * that allocates what a length field claims, rather than what the input holds, fails at once (a
 * {@code $1000000000\r\n} must not become a 1 GB array). Reports the count when the target is done.
 */
public final class FuzzRun {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** A body that may throw the target's expected parse errors (the caller catches them). */
    @FunctionalInterface
    public interface Body {
        void run() throws Exception;
    }

    private final String target;
    private final long baseBytes;
    private final long bytesPerInputByte;
    private final long bytesPerRead;
    private final long startedAtNanos = System.nanoTime();
    private long executions;
    private long worstAllocated;
    private int worstInputBytes;

    /** Each execution may allocate {@code baseBytes + bytesPerInputByte * input length}, no more. */
    public FuzzRun(String target, long baseBytes, long bytesPerInputByte) {
        this(target, baseBytes, bytesPerInputByte, 0);
    }

    /**
     * As above, plus {@code bytesPerRead} for each read a target cuts its input into (see {@link #run(int, int,
     * Body)}): what the harness spends per read (a buffer wrapper, a channel write) is not the input's doing.
     */
    public FuzzRun(String target, long baseBytes, long bytesPerInputByte, long bytesPerRead) {
        this.target = target;
        this.baseBytes = baseBytes;
        this.bytesPerInputByte = bytesPerInputByte;
        this.bytesPerRead = bytesPerRead;
    }

    /**
     * Runs {@code body} on an input of {@code inputBytes}, counting it and bounding what it allocates. A first use
     * (class loading, a lambda or string concatenation bootstrapped) allocates once: over the bound, the body runs
     * again, and only fails when the second run is over it too, as an allocation the input drives would be.
     */
    public void run(int inputBytes, Body body) throws Exception {
        run(inputBytes, 0, body);
    }

    /** As {@link #run(int, Body)}, for a body that feeds its input in {@code reads} reads. */
    public void run(int inputBytes, int reads, Body body) throws Exception {
        long allocated = measure(body);
        executions++;
        long allowed = baseBytes + bytesPerInputByte * inputBytes + bytesPerRead * reads;
        if (allocated > allowed) allocated = measure(body);
        if (allocated > worstAllocated) {
            worstAllocated = allocated;
            worstInputBytes = inputBytes;
        }
        if (allocated > allowed) {
            throw new AssertionError(target + ": allocated " + allocated + " bytes for " + inputBytes
                    + " input bytes (allowed " + allowed + "): a claimed length the bytes do not back?");
        }
    }

    private static long measure(Body body) throws Exception {
        long before = THREADS.getCurrentThreadAllocatedBytes();
        body.run();
        return THREADS.getCurrentThreadAllocatedBytes() - before;
    }

    public long executions() {
        return executions;
    }

    /** One line for the test output (and docs/testing.md's figures): executions, time, worst allocation. */
    public void report() {
        double seconds = (System.nanoTime() - startedAtNanos) / 1e9;
        System.out.printf("fuzz %s: %,d executions in %.1f s; most allocated %,d bytes (for %,d input bytes)%n",
                target, executions, seconds, worstAllocated, worstInputBytes);
    }
}
