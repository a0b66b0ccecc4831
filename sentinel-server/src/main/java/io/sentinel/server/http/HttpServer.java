package io.sentinel.server.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side: {@code GET /metrics} (Prometheus text or OpenMetrics), {@code /healthz} (liveness) and
 * {@code /readyz} (readiness), on one Netty event loop of its own, so a slow scraper never touches the RESP port
 * or the core loop. Binds to loopback by default: metrics name every instance, expose them on purpose.
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
    private EventLoopGroup group;
    private Channel channel;

    /** {@code port} 0 picks a free port; {@link #port()} tells which. */
    public HttpServer(String bind, int port, SentinelMetrics metrics, Health health) {
        this.bind = bind;
        this.port = port;
        this.metrics = metrics;
        this.health = health;
    }

    /** Binds and starts serving; throws (having cleaned up) if the address cannot be bound. */
    public void start() throws IOException, InterruptedException {
        group = new NioEventLoopGroup(1, new DefaultThreadFactory("sentinel-http", true));
        ServerBootstrap b = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
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

    @Override
    public void close() {
        if (channel != null) channel.close().awaitUninterruptibly();
        if (group != null) group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
