package io.sentinel.server.resp;

import io.sentinel.server.reply.Resp;
import io.sentinel.server.runtime.MonotonicClock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Channels and patterns with their subscribers. {@link #publish} may be called from any thread (the core loop
 * publishes events such as {@code +sdown}); it never blocks: each subscriber gets the message on its own event loop,
 * and one whose backlog passes the output limit is disconnected instead, like Redis's pubsub client-output-buffer-limit.
 */
public final class PubSub {
    private static final Logger LOG = LoggerFactory.getLogger(PubSub.class);
    private static final Resp MESSAGE = Resp.bulk("message");
    private static final Resp PMESSAGE = Resp.bulk("pmessage");
    /** Frame overhead counted per message on top of the payload, for the output limit. */
    private static final int FRAME_BYTES = 48;

    private final Map<String, Set<ClientConnection>> channels = new ConcurrentHashMap<>();
    private final Map<String, Set<ClientConnection>> patterns = new ConcurrentHashMap<>();
    private final long outputLimitBytes;
    private final long softLimitBytes;
    private final long softLimitMillis;
    private final LongSupplier clock;

    PubSub(long outputLimitBytes) {
        this(outputLimitBytes, 0, 0, MonotonicClock::millis);
    }

    /** client-output-buffer-limit pubsub: the hard limit, and the soft one with how long it may be exceeded. */
    PubSub(long outputLimitBytes, long softLimitBytes, long softLimitSeconds, LongSupplier clock) {
        this.outputLimitBytes = outputLimitBytes;
        this.softLimitBytes = softLimitBytes;
        this.softLimitMillis = softLimitSeconds * 1000;
        this.clock = clock;
    }

    /** Sends {@code message} to the channel's subscribers and matching pattern subscribers; returns how many. */
    public int publish(String channel, String message) {
        int receivers = 0;
        Set<ClientConnection> direct = channels.get(channel);
        if (direct != null) {
            Resp push = new Resp.Push(List.of(MESSAGE, Resp.bulk(channel), Resp.bulk(message)));
            for (ClientConnection c : direct) {
                if (deliver(c, push, channel.length() + message.length())) receivers++;
            }
        }
        for (Map.Entry<String, Set<ClientConnection>> e : patterns.entrySet()) {
            if (!io.sentinel.core.admin.Glob.matches(e.getKey(), channel)) continue;
            Resp push = new Resp.Push(List.of(PMESSAGE, Resp.bulk(e.getKey()), Resp.bulk(channel),
                    Resp.bulk(message)));
            for (ClientConnection c : e.getValue()) {
                if (deliver(c, push, e.getKey().length() + channel.length() + message.length())) receivers++;
            }
        }
        return receivers;
    }

    private boolean deliver(ClientConnection c, Resp push, int payloadChars) {
        long size = payloadChars + FRAME_BYTES;
        if (overLimit(c, c.outputBacklog() + size)) {
            if (c.channel().isActive()) {
                LOG.warn("Client id={} addr={} closed for overcoming of output buffer limits (pubsub)", c.id(),
                        c.addr());
                c.channel().close();
            }
            return false;
        }
        c.queuedPubsubBytes().addAndGet(size);
        c.channel().eventLoop().execute(() -> {
            c.queuedPubsubBytes().addAndGet(-size);
            if (c.channel().isActive()) c.push(push);
        });
        return true;
    }

    /**
     * Redis's checkClientOutputBufferLimits: at the hard limit at once; at the soft limit once it has been over it
     * for longer than the soft seconds (a backlog that drops below it starts the count again).
     */
    private boolean overLimit(ClientConnection c, long usedBytes) {
        if (usedBytes >= outputLimitBytes) return true;
        if (softLimitBytes == 0 || usedBytes < softLimitBytes) {
            c.softLimitSinceMillis(0);
            return false;
        }
        long now = clock.getAsLong();
        long since = c.softLimitSinceMillis();
        if (since == 0) {
            c.softLimitSinceMillis(Math.max(1, now));
            return false;
        }
        return now - since > softLimitMillis;
    }

    /** Adds the subscription; false if the client already had it. Event loop of {@code c} only. */
    boolean subscribe(ClientConnection c, String channel) {
        return add(channels, c.channels(), c, channel);
    }

    boolean unsubscribe(ClientConnection c, String channel) {
        return remove(channels, c.channels(), c, channel);
    }

    boolean psubscribe(ClientConnection c, String pattern) {
        return add(patterns, c.patterns(), c, pattern);
    }

    boolean punsubscribe(ClientConnection c, String pattern) {
        return remove(patterns, c.patterns(), c, pattern);
    }

    /** On disconnect. */
    void unsubscribeAll(ClientConnection c) {
        for (String ch : List.copyOf(c.channels())) unsubscribe(c, ch);
        for (String p : List.copyOf(c.patterns())) punsubscribe(c, p);
    }

    int channelCount() {
        return channels.size();
    }

    int patternCount() {
        return patterns.size();
    }

    private static boolean add(Map<String, Set<ClientConnection>> index, Set<String> own, ClientConnection c,
            String name) {
        if (!own.add(name)) return false;
        index.compute(name, (k, subs) -> {
            Set<ClientConnection> set = subs == null ? new CopyOnWriteArraySet<>() : subs;
            set.add(c);
            return set;
        });
        c.subscriptionsChanged();
        return true;
    }

    private static boolean remove(Map<String, Set<ClientConnection>> index, Set<String> own, ClientConnection c,
            String name) {
        if (!own.remove(name)) return false;
        // drop the entry atomically once empty, so publishers never see a stale empty set grow again
        index.computeIfPresent(name, (k, subs) -> {
            subs.remove(c);
            return subs.isEmpty() ? null : subs;
        });
        c.subscriptionsChanged();
        return true;
    }
}
