package io.sentinel.server.e2e;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.sentinel.core.model.Address;
import io.sentinel.server.it.ChildProcess;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisSentinelPool;

/**
 * A client writing in a loop through the sentinels, as an application would: Jedis's JedisSentinelPool or a Lettuce
 * sentinel connection. Counts successful writes, so a test can wait for writes to resume after a failover.
 */
public abstract class Writer implements AutoCloseable {
    public final AtomicLong successes = new AtomicLong();
    final AtomicLong failures = new AtomicLong();
    private volatile boolean running = true;
    private final Thread thread;

    Writer(String name) {
        thread = new Thread(this::loop, name);
        thread.setDaemon(true);
    }

    public Writer start() {
        thread.start();
        return this;
    }

    abstract void writeOnce(long i) throws Exception;

    private void loop() {
        long i = 0;
        while (running) {
            try {
                writeOnce(i++);
                successes.incrementAndGet();
            } catch (Exception e) {
                failures.incrementAndGet();
            }
            try {
                Thread.sleep(5); // the write rate, not synchronisation
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static Writer jedis(List<? extends ChildProcess> sentinels) {
        return jedis(sentinels, null, null);
    }

    /**
     * A JedisSentinelPool that gives {@code sentinelPass} to the sentinels and {@code dataPass} to the master (either
     * null for none).
     */
    static Writer jedis(List<? extends ChildProcess> sentinels, String sentinelPass, String dataPass) {
        return jedisAt(sentinels.stream().map(ChildProcess::address).collect(Collectors.toList()), sentinelPass,
                dataPass);
    }

    /** A JedisSentinelPool over sentinels at these addresses (containers, say); passwords as above. */
    public static Writer jedisAt(List<Address> sentinels, String sentinelPass, String dataPass) {
        Set<HostAndPort> addresses = new LinkedHashSet<>();
        for (Address s : sentinels) addresses.add(new HostAndPort(s.host(), s.port()));
        JedisSentinelPool pool = new JedisSentinelPool("mymaster", addresses,
                DefaultJedisClientConfig.builder().password(dataPass).build(),
                DefaultJedisClientConfig.builder().password(sentinelPass).build());
        return new Writer("jedis-writer") {
            @Override
            void writeOnce(long i) {
                try (Jedis j = pool.getResource()) {
                    j.set("jedis", Long.toString(i));
                }
            }

            @Override
            public void close() {
                super.close();
                pool.close();
            }
        };
    }

    static Writer lettuce(List<? extends ChildProcess> sentinels) {
        return lettuce(sentinels, null, null);
    }

    /** A Lettuce sentinel connection; passwords as for {@link #jedis(List, String, String)}. */
    static Writer lettuce(List<? extends ChildProcess> sentinels, String sentinelPass, String dataPass) {
        return lettuceAt(sentinels.stream().map(ChildProcess::address).collect(Collectors.toList()), sentinelPass,
                dataPass);
    }

    /** A Lettuce sentinel connection over sentinels at these addresses; passwords as above. */
    public static Writer lettuceAt(List<Address> sentinels, String sentinelPass, String dataPass) {
        RedisURI.Builder b = RedisURI.builder().withSentinelMasterId("mymaster").withTimeout(Duration.ofSeconds(1));
        if (dataPass != null) b.withPassword(dataPass.toCharArray());
        for (Address s : sentinels) {
            RedisURI.Builder sentinel = RedisURI.Builder.redis(s.host(), s.port());
            if (sentinelPass != null) sentinel.withPassword(sentinelPass.toCharArray());
            b.withSentinel(sentinel.build());
        }
        RedisClient client = RedisClient.create(b.build());
        StatefulRedisConnection<String, String> conn = client.connect();
        Consumer<Long> write = i -> conn.sync().set("lettuce", Long.toString(i));
        return new Writer("lettuce-writer") {
            @Override
            void writeOnce(long i) {
                write.accept(i);
            }

            @Override
            public void close() {
                super.close();
                conn.close();
                client.shutdown();
            }
        };
    }
}
