package io.sentinel.server.link;

import io.lettuce.core.resource.Transports;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.redis.RedisArrayAggregator;
import io.netty.handler.codec.redis.RedisBulkStringAggregator;
import io.netty.handler.codec.redis.RedisDecoder;
import io.sentinel.core.action.AskPeer;
import io.sentinel.core.input.CommandFailed;
import io.sentinel.core.input.InfoReceived;
import io.sentinel.core.input.LinkConnected;
import io.sentinel.core.input.LinkLost;
import io.sentinel.core.input.PingReplied;
import io.sentinel.core.input.VoteReplied;
import io.sentinel.core.model.LinkSettings;
import io.sentinel.core.model.Target;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The link to a peer sentinel over Netty: one command connection, authenticated with sentinel-user/sentinel-pass
 * and named like redis-sentinel's, reconnected with backoff. PING, PUBLISH hello, INFO and
 * {@code SENTINEL is-master-down-by-addr}; peers take commands under their own names (no rename-command).
 */
final class PeerLink implements Link {
    private static final Logger log = LoggerFactory.getLogger(PeerLink.class);

    private final Target peer;
    private final LinkSettings settings;
    private final LinkOptions options;
    private final InputSink sink;
    private final ScheduledExecutorService scheduler;
    private final Bootstrap bootstrap;
    private final AtomicReference<Channel> ready = new AtomicReference<>();
    private volatile boolean closed;
    private volatile String lastFailure = "not connected yet";
    private volatile int failures;

    PeerLink(Target peer, LinkSettings settings, EventLoopGroup group, LinkOptions options, InputSink sink,
             ScheduledExecutorService scheduler) {
        this.peer = peer;
        this.settings = settings;
        this.options = options;
        this.sink = sink;
        this.scheduler = scheduler;
        this.bootstrap = new Bootstrap().group(group).channel(Transports.socketChannelClass())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) options.commandTimeoutMillis())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new RedisDecoder(), new RedisBulkStringAggregator(),
                                new RedisArrayAggregator(),
                                new PeerCommandHandler(options.commandTimeoutMillis(), options.maxPendingCommands()));
                    }
                });
    }

    @Override
    public LinkSettings settings() {
        return settings;
    }

    @Override
    public void start() {
        connect();
    }

    @Override
    public CompletableFuture<Void> close() {
        closed = true;
        Channel ch = ready.getAndSet(null);
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (ch == null) done.complete(null);
        else ch.close().addListener(f -> done.complete(null));
        return done;
    }

    @Override
    public void ping() {
        call(CommandFailed.Command.PING, reply -> {
            if (reply instanceof String s) sink.emit(new PingReplied(peer, s, false));
            else if (reply instanceof PeerCommandHandler.ReplyError e) sink.emit(new PingReplied(peer, e.text(), true));
            else unexpected(CommandFailed.Command.PING, reply);
        }, "PING");
    }

    @Override
    public void info() {
        call(CommandFailed.Command.INFO, reply -> {
            if (reply instanceof String s) sink.emit(new InfoReceived(peer, s));
            else unexpected(CommandFailed.Command.INFO, reply);
        }, "INFO");
    }

    @Override
    public void publishHello(String payload) {
        call(CommandFailed.Command.PUBLISH_HELLO, reply -> {
            if (!(reply instanceof Long)) unexpected(CommandFailed.Command.PUBLISH_HELLO, reply);
        }, "PUBLISH", RedisHandshake.HELLO_CHANNEL, payload);
    }

    /** The reply is {@code [down (0/1), leader run id or "*", leader epoch]}, as sentinelReceiveIsMasterDownReply reads it. */
    @Override
    public void askPeer(AskPeer ask) {
        call(CommandFailed.Command.ASK_PEER, reply -> {
            if (reply instanceof List<?> l && l.size() == 3 && l.get(0) instanceof Long down
                    && l.get(1) instanceof String leader && l.get(2) instanceof Long epoch) {
                sink.emit(new VoteReplied(peer, ask.masterName(), down == 1, leader, epoch));
            } else {
                unexpected(CommandFailed.Command.ASK_PEER, reply);
            }
        }, "SENTINEL", "is-master-down-by-addr", ask.masterAddress().host(),
                Integer.toString(ask.masterAddress().port()), Long.toString(ask.epoch()), ask.runId());
    }

    private void unexpected(CommandFailed.Command kind, Object reply) {
        String reason = reply instanceof PeerCommandHandler.ReplyError e ? e.text() : "unexpected reply: " + reply;
        sink.emit(new CommandFailed(peer, kind, reason));
    }

    private void call(CommandFailed.Command kind, Consumer<Object> onReply, String... args) {
        Channel ch = ready.get();
        if (ch == null) {
            sink.emit(new CommandFailed(peer, kind, "link down: " + lastFailure));
            return;
        }
        try {
            ch.eventLoop().execute(() -> handler(ch).call(args).whenComplete((reply, err) -> {
                if (err != null) sink.emit(new CommandFailed(peer, kind, LinkErrors.reason(err)));
                else onReply.accept(reply);
            }));
        } catch (RejectedExecutionException e) {
            sink.emit(new CommandFailed(peer, kind, "shut down"));
        }
    }

    private static PeerCommandHandler handler(Channel ch) {
        return ch.pipeline().get(PeerCommandHandler.class);
    }

    private void connect() {
        if (closed) return;
        try {
            bootstrap.connect(peer.address().host(), peer.address().port()).addListener((ChannelFuture f) -> {
                if (f.isSuccess()) handshake(f.channel());
                else failed(LinkErrors.reason(f.cause()));
            });
        } catch (RuntimeException e) {
            failed(LinkErrors.reason(e));
        }
    }

    /** AUTH (when a password is set) and CLIENT SETNAME, as redis-sentinel does on a new peer link. */
    private void handshake(Channel ch) {
        ch.closeFuture().addListener(f -> lost(ch));
        if (closed) {
            ch.close();
            return;
        }
        PeerCommandHandler h = handler(ch);
        String pass = settings.password() != null ? settings.password() : options.sentinelPass();
        String user = settings.password() != null ? settings.user() : options.sentinelUser();
        CompletableFuture<Object> auth = pass == null ? CompletableFuture.completedFuture("OK")
                : user == null ? h.call("AUTH", pass) : h.call("AUTH", user, pass);
        auth.thenCompose(reply -> {
            if (reply instanceof PeerCommandHandler.ReplyError e) throw new IllegalStateException(e.text());
            return h.call("CLIENT", "SETNAME", options.commandClientName());
        }).whenComplete((reply, err) -> {
            if (err != null) {
                ch.close();
                failed(LinkErrors.reason(err));
            } else {
                up(ch);
            }
        });
    }

    private void up(Channel ch) {
        if (closed) {
            ch.close();
            return;
        }
        if (failures > 0) log.info("peer link {}: connected after {} failed attempts", peer.address(), failures);
        failures = 0;
        ready.set(ch);
        sink.emit(new LinkConnected(peer, LocalAddress.of(ch.localAddress())));
        if (!ch.isActive()) lost(ch);
    }

    private void lost(Channel ch) {
        if (!ready.compareAndSet(ch, null)) return; // not up yet, already handled, or closed on purpose
        lastFailure = "connection closed";
        log.info("peer link {}: connection closed", peer.address());
        sink.emit(new LinkLost(peer, lastFailure));
        reconnectLater(1);
    }

    private void failed(String reason) {
        if (closed) return;
        lastFailure = reason;
        int n = ++failures;
        if (n == 1) log.warn("peer link {}: cannot connect: {} (retrying)", peer.address(), reason);
        else log.debug("peer link {}: attempt {} failed: {}", peer.address(), n, reason);
        reconnectLater(n);
    }

    private void reconnectLater(int attempt) {
        if (closed) return;
        try {
            scheduler.schedule(this::connect, options.reconnectDelayMillis(attempt), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            log.debug("peer link {}: not reconnecting, shutting down", peer.address());
        }
    }
}
