package io.sentinel.server.link;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.output.IntegerOutput;
import io.lettuce.core.protocol.AsyncCommand;
import io.lettuce.core.protocol.RedisCommand;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.sentinel.core.input.CommandFailed;
import io.sentinel.core.input.HelloReceived;
import io.sentinel.core.input.InfoReceived;
import io.sentinel.core.input.LinkConnected;
import io.sentinel.core.input.LinkLost;
import io.sentinel.core.input.PingReplied;
import io.sentinel.core.model.Address;
import io.sentinel.core.model.LinkSettings;
import io.sentinel.core.model.Target;
import io.sentinel.server.runtime.MonotonicClock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * The link to a Redis master or replica, over Lettuce: a command connection (PING, INFO, PUBLISH, MULTI..EXEC)
 * and a pub/sub connection subscribed to {@code __sentinel__:hello}. Commands use the master's renamed names.
 */
final class RedisLink implements Link {
    /** Above Lettuce's own command timeout: only a stuck timer would reach it, and then a late reply is dropped. */
    private static final long GUARD_MILLIS = 500;

    private final Target target;
    private final LinkSettings settings;
    private final LinkOptions options;
    private final InputSink sink;
    private final RedisSession<StatefulRedisConnection<String, String>> commands;
    private final RedisSession<StatefulRedisPubSubConnection<String, String>> hellos;
    /** When the pub/sub connection last came up or got a message. */
    private volatile long lastHelloActivityMillis = MonotonicClock.millis();

    RedisLink(Target target, LinkSettings settings, RedisClient client, LinkOptions options, InputSink sink,
              ScheduledExecutorService scheduler) {
        this.target = target;
        this.settings = settings;
        this.options = options;
        this.sink = sink;
        RedisURI uri = RedisURI.builder().withHost(target.address().host()).withPort(target.address().port())
                .withTimeout(Duration.ofMillis(options.commandTimeoutMillis())).build();
        uri.setLibraryName(""); // no CLIENT SETINFO: send only what redis-sentinel sends
        uri.setLibraryVersion("");
        this.commands = new RedisSession<>("link " + target.address() + " cmd",
                new CommandSteps(client, uri), options, scheduler);
        this.hellos = new RedisSession<>("link " + target.address() + " pubsub",
                new HelloSteps(client, uri), options, scheduler);
    }

    @Override
    public LinkSettings settings() {
        return settings;
    }

    @Override
    public void start() {
        commands.start();
        hellos.start();
    }

    @Override
    public CompletableFuture<Void> close() {
        return CompletableFuture.allOf(hellos.close(), commands.close());
    }

    /** Each PING (every second from the core) also checks that hellos still flow on the pub/sub connection. */
    @Override
    public void ping() {
        if (MonotonicClock.millis() - lastHelloActivityMillis > options.pubSubIdleMillis()) {
            lastHelloActivityMillis = MonotonicClock.millis();
            hellos.recycle("no message for " + options.pubSubIdleMillis() + " ms");
        }
        Optional<RedisWire.Keyword> ping = RedisWire.keyword(settings, "PING");
        if (ping.isEmpty()) {
            fail(CommandFailed.Command.PING, "PING disabled by rename-command");
            return;
        }
        send(RedisWire.status(ping.get()), (reply, err) -> {
            if (err == null) sink.emit(new PingReplied(target, reply, false));
            else if (LinkErrors.isErrorReply(err)) sink.emit(new PingReplied(target, LinkErrors.reason(err), true));
            else fail(CommandFailed.Command.PING, LinkErrors.reason(err));
        });
    }

    @Override
    public void info() {
        Optional<RedisWire.Keyword> info = RedisWire.keyword(settings, "INFO");
        if (info.isEmpty()) {
            fail(CommandFailed.Command.INFO, "INFO disabled by rename-command");
            return;
        }
        send(RedisWire.status(info.get()), (reply, err) -> {
            if (err == null) sink.emit(new InfoReceived(target, reply));
            else fail(CommandFailed.Command.INFO, LinkErrors.reason(err));
        });
    }

    @Override
    public void publishHello(String payload) {
        Optional<RedisWire.Keyword> publish = RedisWire.keyword(settings, "PUBLISH");
        if (publish.isEmpty()) {
            fail(CommandFailed.Command.PUBLISH_HELLO, "PUBLISH disabled by rename-command");
            return;
        }
        send(RedisWire.command(publish.get(), new IntegerOutput<>(RedisWire.CODEC), RedisHandshake.HELLO_CHANNEL,
                payload), (receivers, err) -> {
            if (err != null) fail(CommandFailed.Command.PUBLISH_HELLO, LinkErrors.reason(err));
        });
    }

    @Override
    public void promote() {
        reconfigure(CommandFailed.Command.PROMOTE, "NO", "ONE");
    }

    @Override
    public void repoint(Address master) {
        reconfigure(CommandFailed.Command.REPOINT, master.host(), Integer.toString(master.port()));
    }

    /**
     * redis-sentinel's sentinelSendSlaveOf: {@code MULTI, SLAVEOF host port, CONFIG REWRITE, CLIENT KILL TYPE
     * normal, CLIENT KILL TYPE pubsub, EXEC} in one write. SLAVEOF rather than REPLICAOF: every Redis version knows
     * it, and users rename it by that name; a rename of REPLICAOF alone is honoured too. CONFIG or CLIENT disabled
     * by rename only drops that step, as the replica is reconfigured without them.
     */
    private void reconfigure(CommandFailed.Command kind, String host, String port) {
        Optional<RedisWire.Keyword> multi = RedisWire.keyword(settings, "MULTI");
        Optional<RedisWire.Keyword> exec = RedisWire.keyword(settings, "EXEC");
        Optional<RedisWire.Keyword> replicaOf = RedisWire.keyword(settings, replicaOfName());
        if (multi.isEmpty() || exec.isEmpty() || replicaOf.isEmpty()) {
            fail(kind, "MULTI, EXEC or " + replicaOfName() + " disabled by rename-command");
            return;
        }
        List<RedisCommand<String, String, ?>> batch = new ArrayList<>();
        batch.add(RedisWire.status(multi.get()));
        batch.add(RedisWire.status(replicaOf.get(), host, port));
        RedisWire.keyword(settings, "CONFIG").ifPresent(k -> batch.add(RedisWire.status(k, "REWRITE")));
        RedisWire.keyword(settings, "CLIENT").ifPresent(k -> {
            batch.add(RedisWire.status(k, "KILL", "TYPE", "normal"));
            batch.add(RedisWire.status(k, "KILL", "TYPE", "pubsub"));
        });
        AsyncCommand<String, String, Integer> execCmd =
                RedisWire.command(exec.get(), new RedisWire.ExecOutput());
        batch.add(execCmd);
        StatefulRedisConnection<String, String> conn = commands.connection();
        if (conn == null) {
            fail(kind, "link down: " + commands.lastFailure());
            return;
        }
        conn.dispatch(batch);
        guard(execCmd).whenComplete((count, err) -> {
            if (err != null) fail(kind, LinkErrors.reason(err));
        });
    }

    private String replicaOfName() {
        boolean onlyReplicaOfRenamed = settings.renamedCommands().containsKey("REPLICAOF")
                && !settings.renamedCommands().containsKey("SLAVEOF");
        return onlyReplicaOfRenamed ? "REPLICAOF" : "SLAVEOF";
    }

    private <T> void send(AsyncCommand<String, String, T> cmd, BiConsumer<T, Throwable> answer) {
        StatefulRedisConnection<String, String> conn = commands.connection();
        if (conn == null) {
            answer.accept(null, new IllegalStateException("link down: " + commands.lastFailure()));
            return;
        }
        try {
            conn.dispatch(cmd);
        } catch (RuntimeException e) {
            cmd.completeExceptionally(e);
        }
        guard(cmd).whenComplete(answer);
    }

    private <T> CompletableFuture<T> guard(AsyncCommand<String, String, T> cmd) {
        return cmd.orTimeout(options.commandTimeoutMillis() + GUARD_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void fail(CommandFailed.Command kind, String reason) {
        sink.emit(new CommandFailed(target, kind, reason));
    }

    private final class CommandSteps implements RedisSession.Steps<StatefulRedisConnection<String, String>> {
        private final RedisClient client;
        private final RedisURI uri;

        CommandSteps(RedisClient client, RedisURI uri) {
            this.client = client;
            this.uri = uri;
        }

        @Override
        public CompletableFuture<StatefulRedisConnection<String, String>> connect() {
            return client.connectAsync(RedisWire.CODEC, uri).toCompletableFuture();
        }

        @Override
        public CompletableFuture<?> prepare(StatefulRedisConnection<String, String> conn) {
            return RedisHandshake.auth(conn, settings)
                    .thenCompose(ok -> RedisHandshake.setName(conn, settings, options.commandClientName()));
        }

        @Override
        public void up(StatefulRedisConnection<String, String> conn) {
            sink.emit(new LinkConnected(target, LocalAddress.towards(target.address())));
        }

        @Override
        public void down(String reason) {
            sink.emit(new LinkLost(target, reason));
        }
    }

    private final class HelloSteps implements RedisSession.Steps<StatefulRedisPubSubConnection<String, String>> {
        private final RedisClient client;
        private final RedisURI uri;

        HelloSteps(RedisClient client, RedisURI uri) {
            this.client = client;
            this.uri = uri;
        }

        @Override
        public CompletableFuture<StatefulRedisPubSubConnection<String, String>> connect() {
            return client.connectPubSubAsync(RedisWire.CODEC, uri).toCompletableFuture();
        }

        @Override
        public CompletableFuture<?> prepare(StatefulRedisPubSubConnection<String, String> conn) {
            conn.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    lastHelloActivityMillis = MonotonicClock.millis();
                    if (RedisHandshake.HELLO_CHANNEL.equals(channel)) sink.emit(new HelloReceived(message));
                }
            });
            return RedisHandshake.auth(conn, settings)
                    .thenCompose(ok -> RedisHandshake.setName(conn, settings, options.pubSubClientName()))
                    .thenCompose(ok -> RedisHandshake.subscribe(conn, settings));
        }

        @Override
        public void up(StatefulRedisPubSubConnection<String, String> conn) {
            lastHelloActivityMillis = MonotonicClock.millis();
        }

        @Override
        public void down(String reason) {
        }
    }
}
