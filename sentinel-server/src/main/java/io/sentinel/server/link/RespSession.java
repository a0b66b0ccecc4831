package io.sentinel.server.link;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.redis.RedisArrayAggregator;
import io.netty.handler.codec.redis.RedisBulkStringAggregator;
import io.netty.handler.codec.redis.RedisDecoder;
import io.netty.resolver.NoopAddressResolverGroup;
import io.sentinel.core.model.Address;
import io.sentinel.server.transport.NettyResources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * One RESP connection kept open until {@link #close()}: connect, prepare (AUTH, CLIENT SETNAME, SUBSCRIBE), use,
 * and on loss connect a fresh one after a backoff. Commands in flight are never replayed on the new connection (half
 * a MULTI, a stale PING). Runs on the links' event loops; reconnects are scheduled on them, not on timer threads.
 */
final class RespSession {
    private static final Logger log = LoggerFactory.getLogger(RespSession.class);

    /** What a session does at each stage; {@code up}/{@code down} come in pairs. */
    interface Steps {
        /** The handshake on a fresh connection; its failure fails the attempt. Runs on the event loop. */
        CompletableFuture<?> prepare(RespCommandHandler connection);

        void up(Channel channel);

        void down(String reason);

        /** A connection attempt failed; another follows after the back-off. Runs on the event loop. */
        default void attemptFailed(Throwable cause) {
        }
    }

    private final String name;
    private final Address address;
    private final FreshAddresses addresses;
    private final Steps steps;
    private final LinkOptions options;
    private final Bootstrap bootstrap;
    private final EventLoop scheduler;
    private final AtomicReference<Channel> current = new AtomicReference<>();
    private volatile boolean closed;
    private volatile String lastFailure = "not connected yet";
    /** Set by {@link #backOff}: reconnect at the longest delay until the next connection is up. */
    private volatile boolean slow;
    /** Set by {@link #patient}: always reconnect at the longest delay. */
    private volatile boolean patient;
    private volatile int failures;

    /** @param pushes pub/sub messages, for a connection that subscribes; null for a command connection */
    RespSession(String name, Address address, FreshAddresses addresses, Steps steps, Consumer<List<Object>> pushes,
                NettyResources netty, LinkOptions options) {
        this.name = name;
        this.address = address;
        this.addresses = addresses;
        this.steps = steps;
        this.options = options;
        EventLoopGroup group = netty.links();
        this.scheduler = group.next();
        // addresses come resolved (FreshAddresses): Netty's default resolver would block an event loop
        this.bootstrap = new Bootstrap().group(group).channel(netty.socketChannelType())
                .resolver(NoopAddressResolverGroup.INSTANCE)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) options.commandTimeoutMillis())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (options.tls() != null) options.tls().addTo(ch, address.host(), address.port());
                        ch.pipeline().addLast(new RedisDecoder(), new RespReplyLimits(),
                                new RedisBulkStringAggregator(), new RedisArrayAggregator(),
                                new RespCommandHandler(options.commandTimeoutMillis(), options.maxPendingCommands(),
                                        pushes));
                    }
                });
    }

    void start() {
        connect();
    }

    /** The reply to one command; fails at once with the reason while the session is down. Any thread. */
    CompletableFuture<Object> call(String... args) {
        return callAll(Collections.singletonList(args));
    }

    /** Sends the commands in one write and answers with the reply to the last one (EXEC). Any thread. */
    CompletableFuture<Object> callAll(List<String[]> commands) {
        return callEach(commands).thenApply(replies -> replies.get(replies.size() - 1));
    }

    /**
     * Sends the commands in one write and answers with every reply, in order, once the last one came (the replies
     * to the commands queued in a MULTI tell which one a server refused). Any thread.
     */
    CompletableFuture<List<Object>> callEach(List<String[]> commands) {
        Channel ch = current.get();
        if (ch == null) return CompletableFuture.failedFuture(new IllegalStateException("link down: " + lastFailure));
        CompletableFuture<List<Object>> all = new CompletableFuture<>();
        try {
            ch.eventLoop().execute(() -> {
                List<CompletableFuture<Object>> replies = handler(ch).callAll(commands);
                replies.get(replies.size() - 1).whenComplete((reply, err) -> {
                    if (err != null) {
                        all.completeExceptionally(err);
                        return;
                    }
                    // replies come in order: every earlier one is complete, a reply or failed on its timeout (null)
                    List<Object> out = new ArrayList<>(replies.size());
                    for (CompletableFuture<Object> r : replies) out.add(r.isCompletedExceptionally() ? null : r.join());
                    all.complete(out);
                });
            });
        } catch (RejectedExecutionException e) {
            all.completeExceptionally(new IllegalStateException("shut down"));
        }
        return all;
    }

    /** Drops the current connection as if it were lost, and connects a fresh one. */
    void recycle(String reason) {
        Channel ch = current.get();
        if (ch != null) lost(ch, reason);
    }

    /** Closes the connection; completes when it is closed. */
    CompletableFuture<Void> close() {
        closed = true;
        Channel ch = current.getAndSet(null);
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (ch == null) done.complete(null);
        else ch.close().addListener(f -> done.complete(null));
        return done;
    }

    private static RespCommandHandler handler(Channel ch) {
        return ch.pipeline().get(RespCommandHandler.class);
    }

    /** Every attempt resolves the name again; the answer comes back to this session's event loop. */
    private void connect() {
        if (closed) return;
        try {
            addresses.lookup(address).whenCompleteAsync((resolved, err) -> {
                if (err != null) failed(err);
                else connectTo(resolved);
            }, scheduler);
        } catch (RejectedExecutionException e) {
            log.debug("{}: not connecting, shutting down", name);
        }
    }

    private void connectTo(InetSocketAddress resolved) {
        if (closed) return;
        try {
            // bind-source-addr: bound before connecting, port 0 (any), as hiredis's redisConnectBindNonBlock
            ChannelFuture connecting = options.sourceAddress() == null ? bootstrap.connect(resolved)
                    : bootstrap.connect(resolved, new InetSocketAddress(options.sourceAddress(), 0));
            connecting.addListener((ChannelFuture f) -> {
                if (f.isSuccess()) prepare(f.channel());
                else failed(f.cause());
            });
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    private void prepare(Channel ch) {
        ch.closeFuture().addListener(f -> lost(ch, "connection closed"));
        if (closed) {
            ch.close();
            return;
        }
        CompletableFuture<?> handshake;
        try {
            handshake = steps.prepare(handler(ch));
        } catch (RuntimeException e) {
            handshake = CompletableFuture.failedFuture(e);
        }
        handshake.whenComplete((ok, err) -> {
            if (err != null) {
                ch.close();
                failed(err);
            } else {
                established(ch);
            }
        });
    }

    private void established(Channel ch) {
        if (closed) {
            ch.close();
            return;
        }
        if (failures > 0) log.info("{}: connected after {} failed attempts", name, failures);
        failures = 0;
        slow = false;
        current.set(ch);
        steps.up(ch);
        if (!ch.isActive()) lost(ch, "connection closed");
    }

    private void lost(Channel ch, String reason) {
        if (!current.compareAndSet(ch, null)) return; // not yet up, already lost, or closed on purpose
        lastFailure = reason;
        log.info("{}: {}", name, reason);
        ch.close();
        steps.down(reason);
        reconnectLater(1);
    }

    private void failed(Throwable cause) {
        if (closed) return;
        String reason = LinkErrors.reason(cause);
        lastFailure = reason;
        steps.attemptFailed(cause);
        int n = ++failures;
        if (n == 1) log.warn("{}: cannot connect: {} (retrying)", name, reason);
        else log.debug("{}: attempt {} failed: {}", name, n, reason);
        reconnectLater(n);
    }

    /**
     * The instance is SDOWN: its fast retries (there to see it back before down-after runs out) are late now, so
     * retry once a second, as redis-sentinel does, until a connection is up again. With 100 masters killed at once
     * the 100 ms retries were 6,000 failed connects a second among three sentinels, in the very second they had to
     * elect and promote (a third of their CPU in a profile of that window).
     */
    void backOff() {
        slow = true;
    }

    /**
     * A session that need not be back within down-after (a link's pub/sub connection: the command connection's
     * PINGs see the instance back) reconnects once a second from the first failure, as redis-sentinel's links do.
     */
    void patient() {
        patient = true;
    }

    private void reconnectLater(int attempt) {
        if (closed) return;
        try {
            long delay = slow || patient ? options.reconnectMaxMillis() : options.reconnectDelayMillis(attempt);
            scheduler.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            log.debug("{}: not reconnecting, shutting down", name);
        }
    }
}
