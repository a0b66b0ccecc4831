package io.sentinel.server.transport;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Future;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Netty event loops of one sentinel and their transport (epoll where the kernel has it, else NIO), made and
 * closed in one place, as Lettuce's {@code ClientResources} are. The RESP server, the links and the HTTP server
 * borrow their loops and never shut them down; whoever made this closes it, after all of them.
 * <p>
 * Each role keeps loops of its own, so a slow scraper or a storm of reconnecting clients never delays a link's
 * PING. A group is made when first asked for: with metrics off there is no HTTP loop, and a server built but never
 * started (tests on an {@code EmbeddedChannel}) costs nothing.
 */
public final class NettyResources implements AutoCloseable {
    /** A group's threads: name prefix, and whether they keep the JVM alive (the RESP server's do, as before). */
    private enum Role {
        RESP_ACCEPT("resp-accept", false),
        RESP_CLIENTS("resp-io", false),
        LINKS("sentinel-link", true),
        HTTP("sentinel-http", true);

        final String threadName;
        final boolean daemon;

        Role(String threadName, boolean daemon) {
            this.threadName = threadName;
            this.daemon = daemon;
        }
    }

    private final boolean epoll;
    private final int respClientThreads;
    private final int linkThreads;
    private final Map<Role, EventLoopGroup> groups = new EnumMap<>(Role.class);
    /** In the order they were made: closed in reverse. */
    private final List<EventLoopGroup> made = new ArrayList<>();
    private boolean closed;

    /**
     * @param respClientThreads event loops serving RESP clients (1 or 2 is plenty for a sentinel)
     * @param linkThreads       event loops shared by every link to instances and peers
     */
    public NettyResources(int respClientThreads, int linkThreads) {
        this(respClientThreads, linkThreads, true);
    }

    /** @param nativeTransport false: NIO even where epoll is available (tests of the fallback) */
    public NettyResources(int respClientThreads, int linkThreads, boolean nativeTransport) {
        if (respClientThreads < 1 || linkThreads < 1) throw new IllegalArgumentException("need >= 1 thread each");
        this.respClientThreads = respClientThreads;
        this.linkThreads = linkThreads;
        this.epoll = nativeTransport && Epoll.isAvailable();
    }

    /**
     * A sentinel's: one loop for clients ({@code -Dsentinel.clientLoops=N} for more), two for links, one acceptor,
     * one for HTTP. One client loop, as redis-sentinel's one thread: with two, a client load that keeps both busy
     * next to redis-benchmark on 2 CPUs made the kernel time-slice them, and p99 was 3.9-4.5 ms against 1.2-2.2 ms
     * with one, throughput 0.85x and CPU per request 1.1x (get-master-addr-by-name, -c 50, bench/throughput.py).
     */
    public static NettyResources forSentinel() {
        return new NettyResources(Integer.getInteger("sentinel.clientLoops", 1), 2);
    }

    /** The RESP server's acceptor: one thread, also running its once-a-100-ms rate sampling. */
    public EventLoopGroup respAcceptor() {
        return group(Role.RESP_ACCEPT, 1);
    }

    /** The loops RESP clients are served on. */
    public EventLoopGroup respClients() {
        return group(Role.RESP_CLIENTS, respClientThreads);
    }

    /** The loops every link (Redis instances and peer sentinels) runs on. */
    public EventLoopGroup links() {
        return group(Role.LINKS, linkThreads);
    }

    /** The HTTP server's one loop (accepts and serves). */
    public EventLoopGroup http() {
        return group(Role.HTTP, 1);
    }

    /** The listening socket type of this transport. */
    public Class<? extends ServerChannel> serverChannelType() {
        return epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    /**
     * The listening Unix domain socket type: epoll's. NIO has none in Netty 4.1, so without epoll (not Linux, or the
     * native library not loadable) this says why, for a start-up error.
     */
    public Class<? extends ServerChannel> serverDomainChannelType() {
        if (epoll) return EpollServerDomainSocketChannel.class;
        Throwable cause = Epoll.unavailabilityCause();
        throw new IllegalStateException("a Unix socket needs Netty's native epoll transport (Linux), which is not in use"
                + (cause == null ? "" : ": " + cause.getMessage()));
    }

    /** The connecting socket type of this transport. */
    public Class<? extends SocketChannel> socketChannelType() {
        return epoll ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    private synchronized EventLoopGroup group(Role role, int threads) {
        if (closed) throw new IllegalStateException("Netty resources closed");
        return groups.computeIfAbsent(role, r -> {
            DefaultThreadFactory factory = new DefaultThreadFactory(r.threadName, r.daemon);
            EventLoopGroup g = epoll ? new EpollEventLoopGroup(threads, factory)
                    : new NioEventLoopGroup(threads, factory);
            made.add(g);
            return g;
        });
    }

    /**
     * Shuts the groups down, newest first, and waits (briefly) for their threads to end. Quiet period 0: a task
     * handed over before this point (a link's last input for the core) still runs, a reconnect scheduled later
     * does not.
     */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        List<Future<?>> ends = new ArrayList<>();
        for (int i = made.size() - 1; i >= 0; i--) ends.add(made.get(i).shutdownGracefully(0, 2, TimeUnit.SECONDS));
        for (Future<?> end : ends) end.awaitUninterruptibly(3, TimeUnit.SECONDS);
    }
}
