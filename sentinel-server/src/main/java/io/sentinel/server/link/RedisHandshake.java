package io.sentinel.server.link;

import io.sentinel.core.model.LinkSettings;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What redis-sentinel sends on a fresh connection before using it: AUTH (renamed like any command), CLIENT SETNAME,
 * and on the pub/sub connection SUBSCRIBE {@code __sentinel__:hello}. Nothing else: no HELLO (instances may
 * predate RESP3), no CLIENT SETINFO, no PING before use. Runs on the connection's event loop.
 */
final class RedisHandshake {
    static final String HELLO_CHANNEL = "__sentinel__:hello";

    private RedisHandshake() {
    }

    /**
     * {@code AUTH [user] pass} when a password is set. A server without a password answers an error that we accept,
     * as redis-sentinel does (it discards the AUTH reply); a wrong password fails the connection attempt.
     */
    static CompletableFuture<Void> auth(RespCommandHandler conn, LinkSettings settings) {
        if (settings.password() == null) return CompletableFuture.completedFuture(null);
        Optional<String[]> auth = settings.user() == null
                ? RedisWire.command(settings, "AUTH", settings.password())
                : RedisWire.command(settings, "AUTH", settings.user(), settings.password());
        if (auth.isEmpty()) return CompletableFuture.completedFuture(null);
        return conn.call(auth.get()).thenApply(reply -> {
            if (reply instanceof RespCommandHandler.ReplyError e && !noPasswordConfigured(e.text())) {
                throw new IllegalStateException(e.text());
            }
            return null;
        });
    }

    private static boolean noPasswordConfigured(String error) {
        // Redis 6+: "... without any password configured ..."; before: "... but no password is set"
        return error.contains("without any password configured") || error.contains("no password is set");
    }

    /**
     * {@code CLIENT SETNAME}; an error reply (old server, CLIENT disabled, NOAUTH) does not matter. No reply at all
     * (a stopped server: the kernel still accepts connections) fails the attempt: a link that comes up without a
     * single answer would reset the silence the core counts from the loss, and a stopped master go SDOWN late.
     */
    static CompletableFuture<Void> setName(RespCommandHandler conn, LinkSettings settings, String name) {
        Optional<String[]> setName = RedisWire.command(settings, "CLIENT", "SETNAME", name);
        if (setName.isEmpty()) return CompletableFuture.completedFuture(null);
        return conn.call(setName.get()).thenApply(anyReply -> null);
    }

    /** SUBSCRIBE under its renamed name; the attempt fails unless Redis confirms the subscription. */
    static CompletableFuture<Void> subscribe(RespCommandHandler conn, LinkSettings settings) {
        Optional<String[]> subscribe = RedisWire.command(settings, "SUBSCRIBE", HELLO_CHANNEL);
        if (subscribe.isEmpty()) return CompletableFuture.failedFuture(new IllegalStateException("SUBSCRIBE disabled"));
        return conn.call(subscribe.get()).thenApply(reply -> {
            if (reply instanceof List<?> l && !l.isEmpty() && "subscribe".equals(l.get(0))) return null;
            if (reply instanceof RespCommandHandler.ReplyError e) throw new IllegalStateException(e.text());
            throw new IllegalStateException("unexpected SUBSCRIBE reply: " + reply);
        });
    }
}
