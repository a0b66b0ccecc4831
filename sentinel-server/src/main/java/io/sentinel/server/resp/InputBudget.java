package io.sentinel.server.resp;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bytes all clients' unfinished input may hold together: what their decoders have buffered (a partial line or
 * argument, the arguments of a request not yet complete). Each client's caps ({@link RespLimits}) bound one client;
 * this bounds them all, so 400 connections each holding a 1 MiB partial request cannot run the heap out of memory
 * (they did, by hand, before: HostileInputIT's note). A client whose input would take the total past the budget
 * gets a protocol error and is closed, like Redis 7's client eviction ({@code maxmemory-clients}), which
 * redis-sentinel leaves off; a client whose requests arrive whole holds nothing between reads and is never cut.
 */
public final class InputBudget {
    private static final Logger LOG = LoggerFactory.getLogger(InputBudget.class);
    private static final long WARN_EVERY_NANOS = 10_000_000_000L;
    private static final long NO_LIMIT = Long.MAX_VALUE;

    private final long limitBytes;
    private final AtomicLong held = new AtomicLong();
    private final AtomicLong cut = new AtomicLong();
    private volatile long lastWarnNanos = System.nanoTime() - WARN_EVERY_NANOS;

    public InputBudget(long limitBytes) {
        if (limitBytes < 1) throw new IllegalArgumentException("input budget must be positive");
        this.limitBytes = limitBytes;
    }

    /**
     * An eighth of the heap the JVM may grow to, at least 16 MiB: 32 MiB with the launcher's -Xmx256m. Held input
     * costs more than itself (a partial argument in a direct buffer, the finished ones copied to the heap, the garbage
     * of both growing): 63 MiB held by 300 clients raised the RSS by 180 MiB (HostileInputIT).
     */
    public static InputBudget forThisHeap() {
        return new InputBudget(Math.max(16L << 20, Runtime.getRuntime().maxMemory() / 8));
    }

    /** For a decoder on its own (tests): no bound beyond its client's caps. */
    static InputBudget unlimited() {
        return new InputBudget(NO_LIMIT);
    }

    /**
     * Moves a client's charge by {@code delta} bytes; false if it grew and the total is now over the budget (the
     * charge stays until the client gives it back, when it is closed).
     */
    boolean charge(long delta) {
        long total = held.addAndGet(delta);
        if (delta <= 0 || total <= limitBytes) return true;
        cut.incrementAndGet();
        long now = System.nanoTime();
        if (now - lastWarnNanos >= WARN_EVERY_NANOS) {
            lastWarnNanos = now;
            LOG.warn("Clients' unfinished input holds {} bytes, over the {} allowed: closing the client whose input"
                    + " grew ({} closed so far)", total, limitBytes, cut.get());
        }
        return false;
    }

    public long heldBytes() {
        return held.get();
    }

    public long limitBytes() {
        return limitBytes;
    }

    /** Clients closed because their input would have passed the budget. */
    public long clientsCut() {
        return cut.get();
    }
}
