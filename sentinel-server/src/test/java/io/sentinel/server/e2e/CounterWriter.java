package io.sentinel.server.e2e;

import io.sentinel.core.model.Address;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Issue 14's writer: one thread INCRs one counter as fast as it can on the master the sentinels name, and on any
 * error asks them again (the next sentinel each time) and reconnects. Counts what it can know of each write:
 * acknowledged (a reply), refused (an error reply: never ran), uncertain (the connection failed: it may have run).
 *
 * <p>INCR returns the counter's new value, so a lost write shows at the next acknowledged one: after {@code last},
 * the reply must be at least {@code last + 1}; each missing step is an acknowledged write that vanished (a reply
 * above it is a write that ran without its reply reaching us). {@link #lost} adds those up; the final value read
 * at the end adds the ones lost after the last reply.
 */
final class CounterWriter implements AutoCloseable {
    static final String KEY = "switchover-counter";

    private final List<Address> sentinels;
    private final String password;
    private final int timeoutMillis;
    private final Thread thread;
    private volatile boolean running = true;
    private Jedis master;
    private int nextSentinel;

    final AtomicLong acknowledged = new AtomicLong();
    final AtomicLong refused = new AtomicLong();
    final AtomicLong uncertain = new AtomicLong();
    /** Acknowledged writes that a later reply shows gone. */
    final AtomicLong lost = new AtomicLong();
    /** The last acknowledged value. */
    final AtomicLong last = new AtomicLong();
    private volatile long lastAckNanos = System.nanoTime();
    private final AtomicLong longestGapNanos = new AtomicLong();

    /**
     * @param timeoutMillis the socket timeout: longer than any write pause the test expects, or a paused write
     *     becomes an uncertain one
     */
    CounterWriter(List<Address> sentinels, String password, int timeoutMillis) {
        this.sentinels = List.copyOf(sentinels);
        this.password = password;
        this.timeoutMillis = timeoutMillis;
        this.thread = new Thread(this::loop, "counter-writer");
        thread.setDaemon(true);
    }

    CounterWriter start() {
        thread.start();
        return this;
    }

    private void loop() {
        while (running) {
            try {
                if (master == null) master = connect();
                acknowledge(master.incr(KEY));
            } catch (JedisDataException e) {
                refused.incrementAndGet(); // READONLY, NOPERM, LOADING...: an error reply, the write did not run
                drop();
            } catch (JedisConnectionException e) {
                if (master != null) uncertain.incrementAndGet();
                drop();
            } catch (RuntimeException e) {
                drop();
            }
        }
        drop();
    }

    private void acknowledge(long value) {
        long now = System.nanoTime();
        long gap = now - lastAckNanos;
        lastAckNanos = now;
        longestGapNanos.accumulateAndGet(gap, Math::max);
        long previous = last.getAndSet(value);
        if (value < previous + 1) lost.addAndGet(previous + 1 - value);
        acknowledged.incrementAndGet();
    }

    /** The master the next sentinel names, connected; throws when there is none yet. */
    private Jedis connect() {
        Address s = sentinels.get(nextSentinel++ % sentinels.size());
        Address m;
        try (Jedis sentinel = new Jedis(s.host(), s.port(), 2000)) {
            List<String> reply = sentinel.sentinelGetMasterAddrByName("mymaster");
            m = new Address(reply.get(0), Integer.parseInt(reply.get(1)));
        }
        Jedis j = new Jedis(m.host(), m.port(), timeoutMillis);
        try {
            j.connect(); // a failure to connect is no uncertain write: nothing was sent
            if (password != null) j.auth(password);
            return j;
        } catch (RuntimeException e) {
            j.close();
            throw e;
        }
    }

    private void drop() {
        if (master != null) {
            try {
                master.close();
            } catch (RuntimeException ignored) {
                // already broken
            }
            master = null;
        }
        pauseBriefly();
    }

    /** Not synchronisation: a writer told "READONLY" by a master the sentinels still name must not spin a core. */
    private static void pauseBriefly() {
        try {
            Thread.sleep(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The longest time without an acknowledged write since the last call, in ms; starts the next period. */
    long takeLongestGapMillis() {
        long now = System.nanoTime();
        long ongoing = now - lastAckNanos;
        return Math.max(longestGapNanos.getAndSet(0), ongoing) / 1_000_000;
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Acknowledged writes lost: the ones later replies show gone, and the ones after {@code finalValue}. */
    long lostGiven(long finalValue) {
        return lost.get() + Math.max(0, last.get() - finalValue);
    }

    String summary(long finalValue) {
        return "acknowledged " + acknowledged + ", final value " + finalValue + ", lost " + lostGiven(finalValue)
                + ", refused " + refused + ", uncertain " + uncertain;
    }
}
