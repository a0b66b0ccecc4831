package io.sentinel.server.e2e;

import io.sentinel.server.it.ChildProcess;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import io.sentinel.server.it.Await;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

/** Events a sentinel publishes, collected by a subscriber thread. */
final class EventLog implements AutoCloseable {
    final List<String> received = new CopyOnWriteArrayList<>();
    private final JedisPubSub sub;
    private final Thread thread;

    private EventLog(ChildProcess sentinel, String... channels) {
        sub = new JedisPubSub() {
            @Override
            public void onMessage(String channel, String message) {
                received.add(channel + " " + message);
            }
        };
        thread = new Thread(() -> {
            try (Jedis j = sentinel.jedis()) {
                j.subscribe(sub, channels);
            } catch (RuntimeException e) {
                // the sentinel went away; the test decides whether that matters
            }
        }, "event-log");
        thread.setDaemon(true);
        thread.start();
        Await.until(Duration.ofSeconds(5), "subscribed", sub::isSubscribed);
    }

    static EventLog subscribe(ChildProcess sentinel, String... channels) {
        return new EventLog(sentinel, channels);
    }

    long count(String channel) {
        return received.stream().filter(e -> e.startsWith(channel + " ")).count();
    }

    void await(String channel, Duration timeout) {
        Await.until(timeout, "event " + channel, () -> count(channel) > 0, received::toString);
    }

    @Override
    public void close() {
        try {
            sub.unsubscribe();
        } catch (RuntimeException e) {
            // already gone
        }
    }
}
