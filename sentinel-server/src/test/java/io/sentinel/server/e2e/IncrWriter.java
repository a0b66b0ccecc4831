package io.sentinel.server.e2e;

import io.sentinel.core.model.Address;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisSentinelPool;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * An application that INCRs one counter in a loop through a JedisSentinelPool. Every acknowledged INCR added one to
 * the counter on the master it reached; the counter the final master holds tells how many acknowledged writes a
 * failover lost: {@code acknowledged - final}, exact unless a write that failed in transit was applied
 * ({@link #uncertain} counts those that may have been).
 */
final class IncrWriter extends Writer {
    static final String KEY = "acked-incr";

    /** Error replies (READONLY, NOREPLICAS...): the write was refused, not applied. */
    final AtomicLong refused = new AtomicLong();
    /** Timeouts and broken connections: the write may or may not have been applied. */
    final AtomicLong uncertain = new AtomicLong();
    private final JedisSentinelPool pool;

    IncrWriter(List<Address> sentinels) {
        super("incr-writer");
        Set<HostAndPort> addresses = new LinkedHashSet<>();
        for (Address s : sentinels) addresses.add(new HostAndPort(s.host(), s.port()));
        pool = new JedisSentinelPool(FaultyCluster.MASTER, addresses,
                DefaultJedisClientConfig.builder().timeoutMillis(1000).build(),
                DefaultJedisClientConfig.builder().timeoutMillis(1000).build());
    }

    @Override
    void writeOnce(long i) {
        try (Jedis j = pool.getResource()) {
            j.incr(KEY);
        } catch (JedisDataException e) {
            refused.incrementAndGet();
            throw e;
        } catch (RuntimeException e) {
            uncertain.incrementAndGet();
            throw e;
        }
    }

    long acknowledged() {
        return successes.get();
    }

    @Override
    public void close() {
        super.close();
        pool.close();
    }
}
