package io.sentinel.server.compat;

import io.sentinel.server.it.Await;
import io.sentinel.server.it.ChildProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

/** Every event one sentinel publishes ({@code PSUBSCRIBE *}), as {@code <channel> <payload>}, in arrival order. */
final class EventStream implements AutoCloseable {
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final JedisPubSub sub;

    EventStream(ChildProcess sentinel) {
        sub = new JedisPubSub() {
            @Override
            public void onPMessage(String pattern, String channel, String message) {
                received.add(channel + " " + message);
            }
        };
        Thread thread = new Thread(() -> {
            try (Jedis j = sentinel.jedis()) {
                j.psubscribe(sub, "*");
            } catch (RuntimeException e) {
                // the sentinel went away: the stream ends there
            }
        }, "event-stream-" + sentinel.port());
        thread.setDaemon(true);
        thread.start();
        Await.until(Duration.ofSeconds(5), "psubscribed to " + sentinel, sub::isSubscribed);
    }

    /** How many events so far: a mark to read the events of one scenario from. */
    int size() {
        return received.size();
    }

    List<String> since(int mark) {
        return new ArrayList<>(received.subList(mark, received.size()));
    }

    boolean contains(int mark, String prefix) {
        return since(mark).stream().anyMatch(e -> e.startsWith(prefix));
    }

    @Override
    public void close() {
        try {
            sub.punsubscribe();
        } catch (RuntimeException e) {
            // already gone
        }
    }
}
