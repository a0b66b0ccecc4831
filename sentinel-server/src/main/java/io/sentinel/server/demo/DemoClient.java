package io.sentinel.server.demo;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.protocol.ProtocolVersion;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.sentinel.api.StatefulRedisSentinelConnection;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The demo's view into its processes, over Lettuce: INFO replication of each redis, SENTINEL MASTER/REPLICAS of
 * each sentinel, and the pub/sub events of every sentinel. A process that is down or frozen yields null, never a
 * stall: every command has a short timeout, and a broken connection is dropped and retried on the next refresh.
 */
final class DemoClient implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofMillis(400);
    private static final int EVENTS_KEPT = 12;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private final RedisClient client = RedisClient.create();
    private final Map<Integer, StatefulRedisConnection<String, String>> redis = new HashMap<>();
    private final Map<Integer, StatefulRedisSentinelConnection<String, String>> sentinels = new HashMap<>();
    private final Deque<String> events = new ArrayDeque<>();
    private final Map<Integer, StatefulRedisPubSubConnection<String, String>> subscriptions = new HashMap<>();
    private final DemoTimeline timeline;

    DemoClient(DemoTimeline timeline) {
        this.timeline = timeline;
        // RESP2: no HELLO at connect, the oldest handshake every sentinel understands. No auto-reconnect: a dead
        // instance should show as dead, and we reconnect ourselves on the next refresh.
        client.setOptions(ClientOptions.builder().protocolVersion(ProtocolVersion.RESP2).autoReconnect(false)
                .timeoutOptions(TimeoutOptions.enabled(TIMEOUT)).build());
    }

    /**
     * {@code INFO replication} of a redis-server, or null if it does not answer in time. Asks twice if the
     * connection broke: a promotion kills every normal client of the promoted replica, ours too.
     */
    String replicationInfo(DemoProcess process) {
        String info = replicationInfoOnce(process);
        return info != null || redis.containsKey(process.port) || !process.isAlive() ? info
                : replicationInfoOnce(process);
    }

    private String replicationInfoOnce(DemoProcess process) {
        try {
            StatefulRedisConnection<String, String> c = redis.computeIfAbsent(process.port,
                    port -> client.connect(uri(port)));
            return c.async().info("replication").get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return null; // frozen: keep the connection, a stopped process may resume
        } catch (Exception e) {
            drop(redis.remove(process.port));
            return null;
        }
    }

    /** {@code SENTINEL MASTER <name>} of a sentinel, or null. */
    Map<String, String> sentinelMaster(DemoProcess sentinel, String master) {
        try {
            return sentinel(sentinel).async().master(master).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (Exception e) {
            drop(sentinels.remove(sentinel.port));
            return null;
        }
    }

    /** {@code SENTINEL FAILOVER <name> COORDINATED} to a sentinel: its reply, or the error as text. */
    String coordinatedFailover(DemoProcess sentinel, String master) {
        try {
            return sentinel(sentinel).async().dispatch(CommandType.SENTINEL, new StatusOutput<>(StringCodec.UTF8),
                    new CommandArgs<>(StringCodec.UTF8).add("FAILOVER").add(master).add("COORDINATED"))
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            return e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
        } catch (TimeoutException e) {
            return "no reply in " + TIMEOUT.toMillis() + " ms";
        } catch (Exception e) {
            drop(sentinels.remove(sentinel.port));
            return e.getMessage();
        }
    }

    /** {@code SENTINEL REPLICAS <name>} of a sentinel, or null. */
    List<Map<String, String>> sentinelReplicas(DemoProcess sentinel, String master) {
        try {
            return sentinel(sentinel).async().replicas(master).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (Exception e) {
            drop(sentinels.remove(sentinel.port));
            return null;
        }
    }

    /**
     * Subscribes to every channel of each sentinel (PSUBSCRIBE *) not yet followed: all of them feed the failover
     * timeline, the first one's also feed the event list (three copies of each event would crowd it out).
     */
    void follow(List<DemoProcess> sentinels) {
        for (DemoProcess sentinel : sentinels) {
            StatefulRedisPubSubConnection<String, String> s = subscriptions.get(sentinel.port);
            if (s != null && s.isOpen()) continue;
            drop(s);
            subscriptions.put(sentinel.port, subscribe(sentinel, sentinel == sentinels.get(0)));
        }
    }

    private StatefulRedisPubSubConnection<String, String> subscribe(DemoProcess sentinel, boolean listed) {
        StatefulRedisPubSubConnection<String, String> s = null;
        try {
            s = client.connectPubSub(uri(sentinel.port));
            s.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String pattern, String channel, String message) {
                    timeline.event(sentinel.kind, channel, message, System.nanoTime());
                    if (listed) record(channel + " " + message);
                }
            });
            s.async().psubscribe("*").get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return s;
        } catch (Exception e) {
            drop(s);
            return null;
        }
    }

    /** Adds a line to the event list: what the sentinel published, or what the demo itself did. */
    synchronized void record(String event) {
        events.addLast(LocalTime.now().format(CLOCK) + "  " + event);
        while (events.size() > EVENTS_KEPT) events.removeFirst();
    }

    synchronized List<String> lastEvents() {
        return List.copyOf(events);
    }

    @Override
    public void close() {
        redis.values().forEach(DemoClient::drop);
        sentinels.values().forEach(DemoClient::drop);
        subscriptions.values().forEach(DemoClient::drop);
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }

    private StatefulRedisSentinelConnection<String, String> sentinel(DemoProcess sentinel) {
        return sentinels.computeIfAbsent(sentinel.port, port -> client.connectSentinel(uri(port)));
    }

    private static RedisURI uri(int port) {
        return RedisURI.builder().withHost(DemoProcess.HOST).withPort(port).withTimeout(TIMEOUT).build();
    }

    private static void drop(StatefulConnection<?, ?> connection) {
        if (connection == null) return;
        try {
            connection.closeAsync();
        } catch (RuntimeException e) {
            // already broken: nothing left to release
        }
    }
}
