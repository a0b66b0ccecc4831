package io.sentinel.server.link;

import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.pubsub.PubSubOutput;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.protocol.AsyncCommand;
import io.lettuce.core.protocol.Command;
import io.lettuce.core.protocol.CommandArgs;
import io.sentinel.core.model.LinkSettings;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What redis-sentinel sends on a fresh connection before using it: AUTH (renamed like any command), CLIENT SETNAME,
 * and on the pub/sub connection SUBSCRIBE {@code __sentinel__:hello}.
 */
final class RedisHandshake {
    static final String HELLO_CHANNEL = "__sentinel__:hello";

    private RedisHandshake() {
    }

    /**
     * {@code AUTH [user] pass} when a password is set. A server without a password answers an error that we accept,
     * as redis-sentinel does (it discards the AUTH reply); a wrong password fails the connection attempt.
     */
    static CompletableFuture<Void> auth(StatefulConnection<String, String> conn, LinkSettings settings) {
        if (settings.password() == null) return CompletableFuture.completedFuture(null);
        Optional<RedisWire.Keyword> auth = RedisWire.keyword(settings, "AUTH");
        if (auth.isEmpty()) return CompletableFuture.completedFuture(null);
        AsyncCommand<String, String, String> cmd = settings.user() == null
                ? RedisWire.status(auth.get(), settings.password())
                : RedisWire.status(auth.get(), settings.user(), settings.password());
        conn.dispatch(cmd);
        return cmd.handle((ok, err) -> {
            if (err != null && !noPasswordConfigured(err)) throw new IllegalStateException(LinkErrors.reason(err));
            return null;
        });
    }

    private static boolean noPasswordConfigured(Throwable err) {
        if (!LinkErrors.isErrorReply(err)) return false;
        String msg = LinkErrors.reason(err);
        // Redis 6+: "... without any password configured ..."; before: "... but no password is set"
        return msg.contains("without any password configured") || msg.contains("no password is set");
    }

    /** {@code CLIENT SETNAME}; its failure (old server, CLIENT disabled) does not matter. */
    static CompletableFuture<Void> setName(StatefulConnection<String, String> conn, LinkSettings settings,
                                           String name) {
        Optional<RedisWire.Keyword> client = RedisWire.keyword(settings, "CLIENT");
        if (client.isEmpty()) return CompletableFuture.completedFuture(null);
        AsyncCommand<String, String, String> cmd = RedisWire.status(client.get(), "SETNAME", name);
        conn.dispatch(cmd);
        return cmd.handle((ok, err) -> null);
    }

    /**
     * SUBSCRIBE under its renamed name. The keyword keeps Lettuce's name {@code SUBSCRIBE} so that Lettuce's pub/sub
     * handler treats the confirmation and later messages as it does for its own subscribe.
     */
    static CompletableFuture<Void> subscribe(StatefulRedisPubSubConnection<String, String> conn,
                                             LinkSettings settings) {
        String wire = settings.commandName("SUBSCRIBE");
        if (wire.isEmpty()) return CompletableFuture.failedFuture(new IllegalStateException("SUBSCRIBE disabled"));
        CommandArgs<String, String> args = new CommandArgs<>(RedisWire.CODEC).addKey(HELLO_CHANNEL);
        AsyncCommand<String, String, String> cmd = new AsyncCommand<>(
                new Command<>(new RedisWire.Keyword("SUBSCRIBE", wire), new PubSubOutput<>(RedisWire.CODEC), args));
        conn.dispatch(cmd);
        return cmd.thenApply(ignored -> null);
    }
}
