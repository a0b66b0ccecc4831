package io.sentinel.server.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.sentinel.server.transport.NettyResources;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side: {@code GET /metrics} (Prometheus text or OpenMetrics), {@code /healthz} (liveness) and
 * {@code /readyz} (readiness), on the one HTTP event loop of {@link NettyResources}, so a slow scraper never
 * touches the RESP port or the core loop. Binds to loopback by default: metrics name every instance, expose them
 * on purpose.
 */
public final class HttpServer implements AutoCloseable {
    public static final String DEFAULT_BIND = "127.0.0.1";
    public static final int DEFAULT_PORT = 9479;
    /** A request must arrive whole within this; probes and scrapers are quick or gone. */
    static final int READ_TIMEOUT_SECONDS = 30;
    /** Bodies are ignored; this only caps what a client can make us buffer. */
    static final int MAX_REQUEST_BYTES = 16 * 1024;
    private static final Logger log = LoggerFactory.getLogger(HttpServer.class);

    private final String bind;
    private final int port;
    private final SentinelMetrics metrics;
    private final Health health;
    private final NettyResources netty;
    /** True when this server made {@link #netty} itself (standalone, in tests) and so closes it. */
    private final boolean ownsNetty;
    /** Scrapers' open connections, closed with the server. */
    private final Set<Channel> clients = ConcurrentHashMap.newKeySet();
    private Channel channel;

    /** A standalone server with an event loop of its own, closed with it: for tests. */
    HttpServer(String bind, int port, SentinelMetrics metrics, Health health) {
        this(bind, port, metrics, health, NettyResources.forSentinel(), true);
    }

    /**
     * On {@code netty}'s HTTP event loop, which its owner closes after this server. {@code port} 0 picks a free
     * port; {@link #port()} tells which.
     */
    public HttpServer(String bind, int port, SentinelMetrics metrics, Health health, NettyResources netty) {
        this(bind, port, metrics, health, netty, false);
    }

    private HttpServer(String bind, int port, SentinelMetrics metrics, Health health, NettyResources netty,
                       boolean ownsNetty) {
        this.bind = bind;
        this.port = port;
        this.metrics = metrics;
        this.health = health;
        this.netty = netty;
        this.ownsNetty = ownsNetty;
    }

    /** Binds and starts serving; throws (having cleaned up) if the address cannot be bound. */
    public void start() throws IOException, InterruptedException {
        ServerBootstrap b = new ServerBootstrap()
                .group(netty.http())
                .channel(netty.serverChannelType())
                .option(ChannelOption.SO_REUSEADDR, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        clients.add(ch);
                        ch.closeFuture().addListener(f -> clients.remove(ch));
                        ch.pipeline().addLast(new ReadTimeoutHandler(READ_TIMEOUT_SECONDS, TimeUnit.SECONDS),
                                new HttpServerCodec(), new HttpObjectAggregator(MAX_REQUEST_BYTES),
                                new HttpHandler(metrics, health));
                    }
                });
        try {
            channel = b.bind(new InetSocketAddress(bind, port)).sync().channel();
        } catch (Exception e) {
            // Netty rethrows a bind failure (a checked BindException) undeclared: catch all, clean up, say where
            close();
            if (e instanceof InterruptedException) throw (InterruptedException) e;
            throw new IOException("cannot listen on " + bind + ":" + port + ": " + e.getMessage(), e);
        }
        log.info("Metrics and probes on http://{}:{}/metrics, /healthz, /readyz", bind, port());
    }

    /** The bound port, or -1 before {@link #start()}. */
    public int port() {
        return channel == null ? -1 : ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** Stops listening and closes the scrapers' connections; a standalone server also ends its event loop. */
    @Override
    public void close() {
        if (channel != null) channel.close().awaitUninterruptibly();
        for (Channel ch : clients) ch.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        if (ownsNetty) netty.close();
    }
}
