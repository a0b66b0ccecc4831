package io.sentinel.server.e2e;

import io.sentinel.core.model.Address;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisSentinelPool;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * An application that INCRs one counter in a loop through a JedisSentinelPool. Every acknowledged INCR added one to
 * the counter on the master it reached; the counter the final master holds tells how many acknowledged writes a
 * failover lost: {@code acknowledged - final}, exact unless a write that failed in transit was applied
 * ({@link #uncertain} counts those that may have been). Acknowledgements are also counted by the port that sent
 * them (a data node's proxy): Jedis 5.2's pool may keep using a connection to the old master after it switched
 * (its pooled connections share one socket factory, whose address the switch rewrites, so the pool's check that a
 * connection goes to the current master passes for the old ones too).
 */
final class IncrWriter extends Writer {
    static final String KEY = "acked-incr";
    private static final Pattern REMOTE = Pattern.compile("R:\\S*:(\\d+)");

    /** Error replies (READONLY, NOREPLICAS...): the write was refused, not applied. */
    final AtomicLong refused = new AtomicLong();
    /** Timeouts and broken connections: the write may or may not have been applied. */
    final AtomicLong uncertain = new AtomicLong();
    private final Map<Integer, AtomicLong> acknowledgedBy = new ConcurrentHashMap<>();
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
            acknowledgedBy.computeIfAbsent(remotePort(j), p -> new AtomicLong()).incrementAndGet();
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

    /** Writes acknowledged over connections to {@code port}. */
    long acknowledgedBy(int port) {
        AtomicLong n = acknowledgedBy.get(port);
        return n == null ? 0 : n.get();
    }

    /** The connection's real peer port, from Jedis's "Connection{id: 0x1, L:/127.0.0.1:5 - R:/127.0.0.1:6}". */
    private static int remotePort(Jedis j) {
        Matcher m = REMOTE.matcher(j.getConnection().toIdentityString());
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    @Override
    public void close() {
        super.close();
        pool.close();
    }
}
