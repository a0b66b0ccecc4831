package io.sentinel.server.link;

import io.netty.channel.Channel;
import io.sentinel.core.input.CommandFailed;
import io.sentinel.core.input.HelloReceived;
import io.sentinel.core.input.InfoReceived;
import io.sentinel.core.input.LinkConnected;
import io.sentinel.core.input.LinkLost;
import io.sentinel.core.input.PingReplied;
import io.sentinel.core.model.Address;
import io.sentinel.core.model.LinkSettings;
import io.sentinel.core.model.Target;
import io.sentinel.server.transport.NettyResources;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The link to a Redis master or replica, over our RESP client: a command connection (PING, INFO, PUBLISH,
 * MULTI..EXEC) and a pub/sub connection subscribed to {@code __sentinel__:hello}, as redis-sentinel keeps them.
 * Commands use the instance's renamed names.
 */
final class RedisLink implements Link {
    private static final Logger log = LoggerFactory.getLogger(RedisLink.class);
    private final Target target;
    private final LinkSettings settings;
    private final LinkOptions options;
    private final InputSink sink;
    private final FailureReports failures;
    private final RespSession commands;
    private final RespSession hellos;
    private final LongSupplier clock;
    /** When the pub/sub connection last came up or got a message (monotonic ms). */
    private volatile long lastHelloActivityMillis;

    RedisLink(Target target, LinkSettings settings, NettyResources netty, LinkOptions options, InputSink sink,
              FreshAddresses addresses, LongSupplier clock) {
        this.target = target;
        this.clock = clock;
        this.lastHelloActivityMillis = clock.getAsLong();
        this.settings = settings;
        this.options = options;
        this.sink = sink;
        this.failures = new FailureReports(target, sink);
        this.commands = new RespSession("link " + target.address() + " cmd", target.address(), addresses,
                new CommandSteps(), null, netty, options);
        this.hellos = new RespSession("link " + target.address() + " pubsub", target.address(), addresses,
                new HelloSteps(), this::onMessage, netty, options);
        this.hellos.patient();
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
    public void backOff() {
        commands.backOff();  // the pub/sub session is patient already
    }

    @Override
    public void ping() {
        if (clock.getAsLong() - lastHelloActivityMillis > options.pubSubIdleMillis()) {
            lastHelloActivityMillis = clock.getAsLong();
            hellos.recycle("no message for " + options.pubSubIdleMillis() + " ms");
        }
        send(CommandFailed.Command.PING, "PING", reply -> {
            if (reply instanceof String s) {
                failures.pingAnswered();
                sink.emit(new PingReplied(target, s, false));
            }
            else if (reply instanceof RespCommandHandler.ReplyError e) {
                failures.pingRefused(e.text());
                sink.emit(new PingReplied(target, e.text(), true));
            }
            else unexpected(CommandFailed.Command.PING, reply);
        });
    }

    @Override
    public void info() {
        send(CommandFailed.Command.INFO, "INFO", reply -> {
            if (reply instanceof String s) sink.emit(new InfoReceived(target, s));
            else unexpected(CommandFailed.Command.INFO, reply);
        });
    }

    @Override
    public void publishHello(String payload) {
        send(CommandFailed.Command.PUBLISH_HELLO, "PUBLISH", reply -> {
            if (!(reply instanceof Long)) unexpected(CommandFailed.Command.PUBLISH_HELLO, reply);
        }, RedisHandshake.HELLO_CHANNEL, payload);
    }

    @Override
    public void promote(boolean abortFailover) {
        reconfigure(CommandFailed.Command.PROMOTE, abortFailover, "NO", "ONE");
    }

    @Override
    public void repoint(Address master, boolean abortFailover) {
        reconfigure(CommandFailed.Command.REPOINT, abortFailover, master.host(), Integer.toString(master.port()));
    }

    /**
     * Valkey's sentinelFailoverTo: {@code MULTI, CLIENT PAUSE t WRITE, FAILOVER TO host port TIMEOUT t, EXEC}. Fails
     * with the first error the server gave, queued (NOPERM names the command) or inside EXEC's reply ("FAILOVER
     * target replica is not online"). Without CLIENT (renamed away) the pause is left out: FAILOVER pauses writes
     * itself while the replica catches up.
     */
    @Override
    public void handOver(Address replica, long timeoutMillis) {
        CommandFailed.Command kind = CommandFailed.Command.HAND_OVER;
        String t = Long.toString(timeoutMillis);
        Optional<String[]> failover = RedisWire.command(settings, "FAILOVER", "TO", replica.host(),
                Integer.toString(replica.port()), "TIMEOUT", t);
        if (failover.isEmpty()) {
            fail(kind, "FAILOVER disabled by rename-command");
            return;
        }
        List<String[]> steps = new ArrayList<>();
        RedisWire.command(settings, "CLIENT", "PAUSE", t, "WRITE").ifPresent(steps::add);
        steps.add(failover.get());
        transaction(kind, steps, RedisWire::firstError);
    }

    /** {@code MULTI, FAILOVER ABORT, CLIENT UNPAUSE, EXEC}: "No failover in progress" inside EXEC is expected. */
    @Override
    public void cancelHandOver() {
        List<String[]> steps = new ArrayList<>();
        RedisWire.command(settings, "FAILOVER", "ABORT").ifPresent(steps::add);
        RedisWire.command(settings, "CLIENT", "UNPAUSE").ifPresent(steps::add);
        transaction(CommandFailed.Command.CANCEL_HAND_OVER, steps, RedisWire::lastExecFailure);
    }

    /**
     * Valkey's sentinelKillClients: {@code MULTI, CONFIG REWRITE, CLIENT KILL TYPE normal|pubsub, CLIENT UNPAUSE,
     * EXEC}.
     */
    @Override
    public void releaseClients() {
        List<String[]> steps = new ArrayList<>();
        RedisWire.command(settings, "CONFIG", "REWRITE").ifPresent(steps::add);
        RedisWire.command(settings, "CLIENT", "KILL", "TYPE", "normal").ifPresent(steps::add);
        RedisWire.command(settings, "CLIENT", "KILL", "TYPE", "pubsub").ifPresent(steps::add);
        RedisWire.command(settings, "CLIENT", "UNPAUSE").ifPresent(steps::add);
        transaction(CommandFailed.Command.RELEASE_CLIENTS, steps, RedisWire::lastExecFailure);
    }

    /** {@code CONFIG REWRITE}; its error (no config file) is the server's business, as inside reconfigure's EXEC. */
    @Override
    public void saveConfig() {
        Optional<String[]> rewrite = RedisWire.command(settings, "CONFIG", "REWRITE");
        if (rewrite.isEmpty()) return;
        commands.call(rewrite.get()).whenComplete((reply, err) -> {
            if (err != null) fail(CommandFailed.Command.SAVE_CONFIG, LinkErrors.reason(err));
        });
    }

    /** {@code MULTI, steps..., EXEC} in one write; {@code failureOf} reads every reply and names what went wrong. */
    private void transaction(CommandFailed.Command kind, List<String[]> steps,
            Function<List<Object>, String> failureOf) {
        Optional<String[]> multi = RedisWire.command(settings, "MULTI");
        Optional<String[]> exec = RedisWire.command(settings, "EXEC");
        if (multi.isEmpty() || exec.isEmpty()) {
            fail(kind, "MULTI or EXEC disabled by rename-command");
            return;
        }
        List<String[]> batch = new ArrayList<>();
        batch.add(multi.get());
        batch.addAll(steps);
        batch.add(exec.get());
        commands.callEach(batch).whenComplete((replies, err) -> {
            String failure = err != null ? LinkErrors.reason(err) : failureOf.apply(replies);
            if (failure == null) return;
            // rare, and a pause left in place stops the master's writes: worth a line each time
            log.warn("{} to {} failed: {}", kind, target.address(), failure);
            fail(kind, failure);
        });
    }

    /**
     * redis-sentinel's sentinelSendSlaveOf (with Valkey's FAILOVER ABORT): {@code MULTI, [FAILOVER ABORT,] SLAVEOF
     * host port, CONFIG REWRITE, CLIENT KILL TYPE normal, CLIENT KILL TYPE pubsub, EXEC} in one write. SLAVEOF
     * rather than REPLICAOF: every Redis version knows it, and users rename it by that name; a rename of REPLICAOF
     * alone is honoured too. CONFIG or CLIENT disabled by rename only drops that step, as the replica is reconfigured
     * without them.
     */
    private void reconfigure(CommandFailed.Command kind, boolean abortFailover, String host, String port) {
        Optional<String[]> multi = RedisWire.command(settings, "MULTI");
        Optional<String[]> exec = RedisWire.command(settings, "EXEC");
        Optional<String[]> replicaOf = RedisWire.command(settings, replicaOfName(), host, port);
        if (multi.isEmpty() || exec.isEmpty() || replicaOf.isEmpty()) {
            fail(kind, "MULTI, EXEC or " + replicaOfName() + " disabled by rename-command");
            return;
        }
        List<String[]> batch = new ArrayList<>();
        batch.add(multi.get());
        // Valkey: REPLICAOF is refused while the instance runs a FAILOVER of its own (a stuck one, say)
        if (abortFailover) RedisWire.command(settings, "FAILOVER", "ABORT").ifPresent(batch::add);
        batch.add(replicaOf.get());
        RedisWire.command(settings, "CONFIG", "REWRITE").ifPresent(batch::add);
        RedisWire.command(settings, "CLIENT", "KILL", "TYPE", "normal").ifPresent(batch::add);
        RedisWire.command(settings, "CLIENT", "KILL", "TYPE", "pubsub").ifPresent(batch::add);
        batch.add(exec.get());
        commands.callAll(batch).whenComplete((reply, err) -> {
            String failure = err != null ? LinkErrors.reason(err) : RedisWire.execFailure(reply);
            if (failure != null) fail(kind, failure);
        });
    }

    private String replicaOfName() {
        boolean onlyReplicaOfRenamed = settings.renamedCommands().containsKey("REPLICAOF")
                && !settings.renamedCommands().containsKey("SLAVEOF");
        return onlyReplicaOfRenamed ? "REPLICAOF" : "SLAVEOF";
    }

    /** Sends {@code command}, or fails {@code kind} when it is disabled by rename or the link is down. */
    private void send(CommandFailed.Command kind, String name, Consumer<Object> onReply, String... args) {
        Optional<String[]> command = RedisWire.command(settings, name, args);
        if (command.isEmpty()) {
            fail(kind, name + " disabled by rename-command");
            return;
        }
        commands.call(command.get()).whenComplete((reply, err) -> {
            if (err != null) fail(kind, LinkErrors.reason(err));
            else onReply.accept(reply);
        });
    }

    private void unexpected(CommandFailed.Command kind, Object reply) {
        fail(kind, reply instanceof RespCommandHandler.ReplyError e ? e.text() : "unexpected reply: " + reply);
    }

    private void fail(CommandFailed.Command kind, String reason) {
        sink.emit(new CommandFailed(target, kind, reason));
    }

    private void onMessage(List<Object> message) {
        lastHelloActivityMillis = clock.getAsLong();
        if (message.size() == 3 && RedisHandshake.HELLO_CHANNEL.equals(message.get(1))
                && message.get(2) instanceof String payload) {
            sink.emit(new HelloReceived(payload));
        }
    }

    private final class CommandSteps implements RespSession.Steps {
        @Override
        public CompletableFuture<?> prepare(RespCommandHandler conn) {
            return RedisHandshake.auth(conn, settings)
                    .thenCompose(ok -> RedisHandshake.setName(conn, settings, options.commandClientName()));
        }

        @Override
        public void up(Channel channel) {
            failures.connected();
            sink.emit(new LinkConnected(target, LocalAddress.of(channel.localAddress()),
                    LocalAddress.of(channel.remoteAddress())));
        }

        @Override
        public void down(String reason) {
            sink.emit(new LinkLost(target, reason));
        }

        @Override
        public void attemptFailed(Throwable cause) {
            failures.attemptFailed(cause);
        }
    }

    private final class HelloSteps implements RespSession.Steps {
        @Override
        public CompletableFuture<?> prepare(RespCommandHandler conn) {
            return RedisHandshake.auth(conn, settings)
                    .thenCompose(ok -> RedisHandshake.setName(conn, settings, options.pubSubClientName()))
                    .thenCompose(ok -> RedisHandshake.subscribe(conn, settings));
        }

        @Override
        public void up(Channel channel) {
            lastHelloActivityMillis = clock.getAsLong();
        }

        @Override
        public void down(String reason) {
        }
    }
}
