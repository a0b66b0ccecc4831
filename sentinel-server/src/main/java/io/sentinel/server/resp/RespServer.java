package io.sentinel.server.resp;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.sentinel.server.command.SentinelCommandHandler;
import io.sentinel.server.command.NetStats;
import io.sentinel.server.command.ServerStats;
import io.sentinel.server.runtime.MonotonicClock;
import io.sentinel.server.tls.ServerTls;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client-facing RESP server on port 26379: Netty, epoll when available, one acceptor thread and a few event
 * loops. Commands answered locally run on the client's event loop; only SENTINEL replies may come later from the
 * core loop.
 */
public final class RespServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RespServer.class);
    private static final byte[] MAX_CLIENTS = "-ERR max number of clients reached\r\n".getBytes(StandardCharsets.US_ASCII);

    private final RespServerConfig cfg;
    private final ClientRegistry registry = new ClientRegistry();
    private final ClientPause pause = new ClientPause(MonotonicClock::millis);
    private final PubSub pubSub;
    private final Users users;
    private final CommandDispatcher dispatcher;
    private final List<Channel> listeners = new ArrayList<>();
    private final NetCounters net = new NetCounters();
    private final InstantaneousRates opsRate;
    private final InstantaneousRates inputRate;
    private final InstantaneousRates outputRate;
    private final long startedAtMillis = MonotonicClock.millis();
    private EventLoopGroup boss;
    private EventLoopGroup workers;
    private volatile int boundPort;
    private ServerTls tls; // null: no TLS listener, and no per-connection cost

    public RespServer(RespServerConfig cfg, SentinelCommandHandler handler, Consumer<String> helloListener,
            Runnable shutdownHook) {
        this.cfg = cfg;
        this.boundPort = cfg.port();
        ClientSettings clients = cfg.clients();
        this.pubSub = new PubSub(cfg.limits().pubsubOutputLimitBytes(), clients.pubsubSoftLimitBytes(),
                clients.pubsubSoftLimitSeconds(), MonotonicClock::millis);
        CommandTable table = CommandTable.load();
        this.users = new Users(table, cfg.requirePass(), cfg.userLines());
        HelpTexts help = HelpTexts.load();
        AclLog aclLog = new AclLog(ClientCommands::describe, clients.aclLogMaxLen());
        this.dispatcher = new CommandDispatcher(table, users.commands(), aclLog, pause, clients.renames());
        new ConnectionCommands(users, aclLog, shutdownHook).register(dispatcher);
        new ClientCommands(registry, users, help).register(dispatcher);
        pause.register(dispatcher);
        new AclCommands(users, table, help, registry, aclLog).register(dispatcher);
        new PubSubCommands(pubSub, helloListener).register(dispatcher);
        new IntrospectionCommands(table.renamed(clients.renames()), help).register(dispatcher);
        new SentinelRouting(handler, this::stats).register(dispatcher);
        long now = MonotonicClock.millis();
        this.opsRate = new InstantaneousRates(registry::commandsProcessed, now);
        this.inputRate = new InstantaneousRates(net.inputBytes::sum, now);
        this.outputRate = new InstantaneousRates(net.outputBytes::sum, now);
    }

    /**
     * Called with every {@code user} line (without the word {@code user}) after an ACL SETUSER or DELUSER, so they
     * can be written back with the rest of the state.
     */
    public void onUsersChanged(Consumer<List<String>> listener) {
        users.onChange(lines -> listener.accept(lines.stream().map(l -> l.substring("user ".length())).toList()));
    }

    /**
     * Also listens on {@code tls-port} with TLS; call before {@link #start}. With {@code port 0} only the TLS
     * port is opened, as Redis does.
     */
    public synchronized void useTls(ServerTls serverTls) {
        this.tls = serverTls;
    }

    /** Binds every configured address; returns once listening, or throws with Redis's message. */
    public synchronized void start() {
        boolean epoll = Epoll.isAvailable();
        boss = epoll ? new EpollEventLoopGroup(1, new DefaultThreadFactory("resp-accept"))
                : new NioEventLoopGroup(1, new DefaultThreadFactory("resp-accept"));
        workers = epoll ? new EpollEventLoopGroup(cfg.ioThreads(), new DefaultThreadFactory("resp-io"))
                : new NioEventLoopGroup(cfg.ioThreads(), new DefaultThreadFactory("resp-io"));
        Class<? extends ServerChannel> type = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        ServerBootstrap b = new ServerBootstrap().group(boss, workers).channel(type)
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.SO_BACKLOG, ACCEPT_BACKLOG)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(
                        cfg.limits().writeLowWaterBytes(), cfg.limits().writeHighWaterBytes()))
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        initClient(ch);
                    }
                });
        // serverCron's instantaneous metrics: a 100 ms sample on the acceptor thread, which is idle otherwise
        boss.next().scheduleAtFixedRate(this::sampleRates, InstantaneousRates.SAMPLE_PERIOD_MILLIS,
                InstantaneousRates.SAMPLE_PERIOD_MILLIS, TimeUnit.MILLISECONDS);
        try {
            for (BindAddress a : BindAddress.parse(cfg.bind())) {
                if (tls == null || cfg.port() != 0) bind(b, a);
                if (tls != null) bindTls(b, a);
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void bind(ServerBootstrap b, BindAddress a) {
        int port = boundPort;
        try {
            Channel ch = b.bind(a.socketAddress(port)).syncUninterruptibly().channel();
            listeners.add(ch);
            boundPort = ((java.net.InetSocketAddress) ch.localAddress()).getPort();
            LOG.info("RESP server listening on {}:{}", a.display(), boundPort);
        } catch (Exception e) {
            if (a.optional()) {
                LOG.warn("Skipping optional bind address {}: {}", a.display(), e.getMessage());
                return;
            }
            throw new IllegalStateException("Could not create server TCP listening socket " + a.display() + ":"
                    + port + ": bind: " + BindAddress.reason(e), e);
        }
    }

    private void bindTls(ServerBootstrap b, BindAddress a) {
        try {
            listeners.add(b.bind(a.socketAddress(tls.port())).syncUninterruptibly().channel());
            LOG.info("RESP server listening with TLS on {}:{}", a.display(), tls.port());
        } catch (Exception e) {
            if (a.optional()) {
                LOG.warn("Skipping optional bind address {}: {}", a.display(), e.getMessage());
                return;
            }
            throw new IllegalStateException("Could not create server TLS listening socket " + a.display() + ":"
                    + tls.port() + ": bind: " + BindAddress.reason(e), e);
        }
    }

    /**
     * The listen backlog. redis-sentinel's tcp-backlog default is 511; after +switch-master every application
     * reconnects at once, and the reconnect-storm benchmark (1,000 clients) overflowed a 511 queue in 30 of 68
     * storms, each overflow a SYN retried after 1 s. The kernel caps it at net.core.somaxconn (4096 on Linux 5.4+).
     */
    static final int ACCEPT_BACKLOG = 4096;

    /** Sets up one client's pipeline; package-private so tests can run it on an EmbeddedChannel. */
    void initClient(Channel ch) {
        // first, so even the max-clients error goes out over TLS
        if (tls != null && ch.localAddress() instanceof java.net.InetSocketAddress local
                && local.getPort() == tls.port()) {
            tls.addTo(ch);
        }
        if (registry.size() >= cfg.limits().maxClients()) {
            registry.rejected();
            ch.writeAndFlush(Unpooled.wrappedBuffer(MAX_CLIENTS)).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ClientSocket.keepAlive(ch, cfg.clients().tcpKeepAliveSeconds());
        ch.pipeline().addLast("net-counters", net);
        int timeout = cfg.clients().idleTimeoutSeconds();
        if (timeout > 0) ch.pipeline().addLast("idle", new IdleStateHandler(0, 0, timeout, TimeUnit.SECONDS));
        ClientConnection client = registry.register(ch, users.defaultUser(), users.defaultIsOpen());
        CommandHandler commands = new CommandHandler(client, dispatcher, registry, pubSub, pause);
        ch.pipeline().addLast("resp-decoder", new RespDecoder(cfg.limits(), () -> !client.authenticated(), commands));
        ch.pipeline().addLast("resp-commands", commands);
    }

    /** The port actually bound (useful when configured with 0). */
    public int port() {
        return boundPort;
    }

    public PubSub pubSub() {
        return pubSub;
    }

    public ServerStats stats() {
        return new ServerStats(boundPort, MonotonicClock.millis() - startedAtMillis, registry.size(),
                registry.pubsubClients(), registry.totalConnections(), registry.commandsProcessed(),
                registry.rejectedConnections(), pubSub.channelCount(), pubSub.patternCount(),
                cfg.limits().maxClients(), netStats(), registry.flagCounts());
    }

    private NetStats netStats() {
        return new NetStats(net.inputBytes.sum(), net.outputBytes.sum(), net.reads.sum(), net.writes.sum(),
                net.errorReplies.sum(), Math.round(opsRate.perSecond()), inputRate.perSecond() / 1024,
                outputRate.perSecond() / 1024);
    }

    private void sampleRates() {
        long now = MonotonicClock.millis();
        opsRate.sample(now);
        inputRate.sample(now);
        outputRate.sample(now);
    }

    /** Stops listening, closes every client and waits (briefly) for the event loops to end. */
    @Override
    public synchronized void close() {
        for (Channel ch : listeners) ch.close().syncUninterruptibly();
        listeners.clear();
        for (ClientConnection c : registry.all()) c.channel().close();
        if (workers != null) workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        if (boss != null) boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workers = null;
        boss = null;
    }
}
