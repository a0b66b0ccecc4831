package io.sentinel.server.e2e;

import io.sentinel.core.model.Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * A normal application beside hostile ones: one Jedis connection asking a sentinel {@code SENTINEL
 * get-master-addr-by-name} every {@link #PERIOD_MILLIS}, each request bounded by {@code timeoutMillis} (Jedis's
 * socket timeout: a request unanswered that long is an error, and the connection is made again). Records every
 * answer's latency (send to complete reply), every failure, and when each address was first named.
 */
final class LatencyProbe implements AutoCloseable {
    static final long PERIOD_MILLIS = 10;

    final AtomicLong sent = new AtomicLong();
    private final ConcurrentLinkedQueue<Long> latencyNanos = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
    /** "host:port" to the System.nanoTime() of the first answer naming it. */
    private final Map<String, Long> firstNamedAtNanos = new ConcurrentHashMap<>();
    private final Address sentinel;
    private final int timeoutMillis;
    private final Thread thread;
    private volatile boolean running = true;

    LatencyProbe(Address sentinel, String master, int timeoutMillis) {
        this.sentinel = sentinel;
        this.timeoutMillis = timeoutMillis;
        thread = new Thread(() -> loop(master), "latency-probe");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop(String master) {
        Jedis jedis = connect();
        long next = System.nanoTime();
        while (running) {
            long start = System.nanoTime();
            sent.incrementAndGet();
            try {
                List<String> reply = jedis.sentinelGetMasterAddrByName(master);
                long end = System.nanoTime();
                latencyNanos.add(end - start);
                if (reply == null || reply.size() != 2) errors.add("unexpected reply " + reply);
                else firstNamedAtNanos.putIfAbsent(reply.get(0) + ":" + reply.get(1), end);
            } catch (JedisException e) {
                errors.add(String.format("after %d ms: %s", (System.nanoTime() - start) / 1_000_000, e));
                jedis.close();
                jedis = connect();
            }
            // the application's request rate, not synchronisation
            next = Math.max(next + PERIOD_MILLIS * 1_000_000, System.nanoTime());
            LockSupport.parkNanos(next - System.nanoTime());
        }
        jedis.close();
    }

    private Jedis connect() {
        return new Jedis(sentinel.host(), sentinel.port(), timeoutMillis);
    }

    long answered() {
        return latencyNanos.size();
    }

    List<String> errors() {
        return List.copyOf(errors);
    }

    /** System.nanoTime() of the first answer naming {@code address}, or null if none did. */
    Long firstNamedAtNanos(Address address) {
        return firstNamedAtNanos.get(address.host() + ":" + address.port());
    }

    /** The {@code p}th percentile of the answered requests' latencies (100: the worst), in ms; -1 if none. */
    double percentileMillis(double p) {
        List<Long> sorted = new ArrayList<>(latencyNanos);
        if (sorted.isEmpty()) return -1;
        sorted.sort(null);
        int index = (int) Math.ceil(p / 100 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index)) / 1e6;
    }

    /** Stops after the request in flight (at most the timeout); throws if the thread does not end. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(timeoutMillis + 5000L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) throw new AssertionError("latency probe still running after " + timeoutMillis + " ms");
    }
}
