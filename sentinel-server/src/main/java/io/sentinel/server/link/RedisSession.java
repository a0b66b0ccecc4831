package io.sentinel.server.link;

import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.api.StatefulConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * One Lettuce connection kept open until {@link #close()}: connect, prepare (AUTH, CLIENT SETNAME, SUBSCRIBE), use,
 * and on loss connect a fresh one after a backoff. Lettuce's own auto-reconnect is off: it would replay commands
 * that were in flight (half a MULTI, a stale PING) and its handshake ignores {@code rename-command}.
 */
final class RedisSession<C extends StatefulConnection<String, String>> {
    private static final Logger log = LoggerFactory.getLogger(RedisSession.class);

    /** What a session does at each stage; {@code up}/{@code down} come in pairs. */
    interface Steps<C> {
        CompletableFuture<C> connect();

        CompletableFuture<?> prepare(C connection);

        void up(C connection);

        void down(String reason);
    }

    private final String name;
    private final Steps<C> steps;
    private final LinkOptions options;
    private final ScheduledExecutorService scheduler;
    private final AtomicReference<C> current = new AtomicReference<>();
    private volatile boolean closed;
    private volatile String lastFailure = "not connected yet";
    private volatile int failures;

    RedisSession(String name, Steps<C> steps, LinkOptions options, ScheduledExecutorService scheduler) {
        this.name = name;
        this.steps = steps;
        this.options = options;
        this.scheduler = scheduler;
    }

    void start() {
        connectOnce();
    }

    /** The prepared connection, or null while down. */
    C connection() {
        return current.get();
    }

    /** Why the session is down, for the reason of a rejected command. */
    String lastFailure() {
        return lastFailure;
    }

    /** Drops the current connection as if it were lost, and connects a fresh one. */
    void recycle(String reason) {
        C c = current.get();
        if (c != null) lost(c, reason);
    }

    /** Closes the connection; completes when it is closed. */
    CompletableFuture<Void> close() {
        closed = true;
        C c = current.getAndSet(null);
        return c == null ? CompletableFuture.completedFuture(null) : release(c);
    }

    private static CompletableFuture<Void> release(StatefulConnection<String, String> conn) {
        boolean open = !((RedisChannelHandler<?, ?>) conn).isClosed();
        return open ? conn.closeAsync() : CompletableFuture.completedFuture(null);
    }

    private void connectOnce() {
        if (closed) return;
        CompletableFuture<C> attempt;
        try {
            attempt = steps.connect().thenCompose(this::prepare);
        } catch (RuntimeException e) {
            attempt = CompletableFuture.failedFuture(e);
        }
        attempt.whenComplete((conn, err) -> {
            if (err != null) failed(LinkErrors.reason(err));
            else established(conn);
        });
    }

    private CompletableFuture<C> prepare(C conn) {
        ((RedisChannelHandler<?, ?>) conn).addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> handler) {
                lost(conn, "connection closed");
            }
        });
        Function<Object, C> keep = ignored -> conn;
        return steps.prepare(conn).thenApply(keep).whenComplete((c, err) -> {
            if (err != null) release(conn);
        });
    }

    private void established(C conn) {
        if (closed) {
            release(conn);
            return;
        }
        if (failures > 0) log.info("{}: connected after {} failed attempts", name, failures);
        failures = 0;
        current.set(conn);
        steps.up(conn);
        if (!conn.isOpen()) lost(conn, "connection closed");
    }

    private void lost(C conn, String reason) {
        if (!current.compareAndSet(conn, null)) return; // not yet up, already lost, or closed on purpose
        lastFailure = reason;
        log.info("{}: {}", name, reason);
        release(conn);
        steps.down(reason);
        reconnectLater(1);
    }

    private void failed(String reason) {
        if (closed) return;
        lastFailure = reason;
        int n = ++failures;
        if (n == 1) log.warn("{}: cannot connect: {} (retrying)", name, reason);
        else log.debug("{}: attempt {} failed: {}", name, n, reason);
        reconnectLater(n);
    }

    private void reconnectLater(int attempt) {
        if (closed) return;
        try {
            scheduler.schedule(this::connectOnce, options.reconnectDelayMillis(attempt), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            log.debug("{}: not reconnecting, shutting down", name);
        }
    }
}
