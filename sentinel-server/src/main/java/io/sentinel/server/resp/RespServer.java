package io.sentinel.server.resp;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.timeout.IdleStateHandler;
import io.sentinel.server.command.SentinelCommandHandler;
import io.sentinel.server.command.NetStats;
import io.sentinel.server.command.ServerStats;
import io.sentinel.server.tls.ServerTls;
import io.sentinel.server.transport.NettyResources;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client-facing RESP server on port 26379, on the acceptor and client event loops it borrows from
 * {@link NettyResources}. Commands answered locally run on the client's event loop; only SENTINEL replies may come
 * later from the core loop.
 */
public final class RespServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RespServer.class);
    private static final byte[] MAX_CLIENTS = "-ERR max number of clients reached\r\n".getBytes(StandardCharsets.US_ASCII);

    private final RespServerConfig cfg;
    private final LongSupplier clock;
    private final ClientRegistry registry;
    /** All clients' unfinished input together (per-client caps are in the config's RespLimits). */
    private final InputBudget inputBudget = InputBudget.forThisHeap();
    private final ClientPause pause;
    private final PubSub pubSub;
    private final Users users;
    private final CommandDispatcher dispatcher;
    private final List<Channel> listeners = new ArrayList<>();
    private final NetCounters net = new NetCounters();
    private final RateSampler rates;
    private final long startedAtMillis;
    private final NettyResources netty;
    /** True when this server made {@link #netty} itself (standalone, in tests) and so closes it. */
    private final boolean ownsNetty;
    private volatile int boundPort;
    private ServerTls tls; // null: no TLS listener, and no per-connection cost
    private UnixListener unix; // null: no unixsocket

    /**
     * A standalone server, for tests: event loops of its own (one for clients), closed with it, and the JVM's
     * monotonic time.
     */
    RespServer(RespServerConfig cfg, SentinelCommandHandler handler, Consumer<String> helloListener,
            Runnable shutdownHook) {
        this(cfg, new NettyResources(1, 1), true, () -> System.nanoTime() / 1_000_000, handler, helloListener,
                shutdownHook);
    }

    /**
     * A server on {@code netty}'s event loops, which its owner closes after this server.
     *
     * @param clock monotonic milliseconds: uptime, rates, client age and idle, ACL LOG ages
     */
    public RespServer(RespServerConfig cfg, NettyResources netty, LongSupplier clock, SentinelCommandHandler handler,
            Consumer<String> helloListener, Runnable shutdownHook) {
        this(cfg, netty, false, clock, handler, helloListener, shutdownHook);
    }

    private RespServer(RespServerConfig cfg, NettyResources netty, boolean ownsNetty, LongSupplier clock,
            SentinelCommandHandler handler, Consumer<String> helloListener, Runnable shutdownHook) {
        this.cfg = cfg;
        this.netty = netty;
        this.ownsNetty = ownsNetty;
        this.clock = clock;
        this.registry = new ClientRegistry(clock);
        this.pause = new ClientPause(clock);
        this.startedAtMillis = clock.getAsLong();
        this.boundPort = cfg.port();
        ClientSettings clients = cfg.clients();
        this.pubSub = new PubSub(cfg.limits().pubsubOutputLimitBytes(), clients.pubsubSoftLimitBytes(),
                clients.pubsubSoftLimitSeconds(), clock);
        CommandTable table = CommandTable.load();
        this.users = new Users(table, cfg.requirePass(), cfg.userLines(), cfg.aclFile());
        HelpTexts help = HelpTexts.load();
        AclLog aclLog = new AclLog(ClientCommands::describe, clients.aclLogMaxLen(), clock);
        this.dispatcher = new CommandDispatcher(table, users.commands(), aclLog, pause, clients.renames());
        new ConnectionCommands(users, aclLog, shutdownHook).register(dispatcher);
        new ClientCommands(registry, users, help).register(dispatcher);
        pause.register(dispatcher);
        new AclCommands(users, table, help, registry, aclLog).register(dispatcher);
        new PubSubCommands(pubSub, helloListener).register(dispatcher);
        new IntrospectionCommands(table.renamed(clients.renames()), help).register(dispatcher);
        new SentinelRouting(handler, this::stats).register(dispatcher);
        this.rates = new RateSampler(registry::commandsProcessed, net.inputBytes::sum, net.outputBytes::sum, clock);
        net.onTraffic(rates::traffic);
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
        EventLoopGroup acceptor = netty.respAcceptor();
        ServerBootstrap b = new ServerBootstrap().group(acceptor, netty.respClients())
                .channel(netty.serverChannelType())
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.SO_BACKLOG, cfg.listen().backlog())
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(
                        cfg.limits().writeLowWaterBytes(), cfg.limits().writeHighWaterBytes()))
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        initClient(ch, null);
                    }
                });
        // serverCron's instantaneous metrics: sampled on the acceptor thread, which is idle otherwise
        rates.start(acceptor.next());
        ListenSettings listen = cfg.listen();
        // port 0 with tls-port or unixsocket: only those, as in Redis; port 0 alone: a free port (ours)
        boolean tcp = cfg.port() != 0 || (tls == null && listen.unixSocket() == null);
        try {
            for (BindAddress a : BindAddress.parse(cfg.bind())) {
                if (tcp) bind(b, a);
                if (tls != null) bindTls(b, a);
            }
            if (listen.unixSocket() != null) {
                unix = UnixListener.open(netty, listen, cfg.limits(), new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        initClient(ch, listen.unixSocketName());
                    }
                });
            }
            Somaxconn.warnIfBelow(listen.backlog());
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
            boundPort = ((InetSocketAddress) ch.localAddress()).getPort();
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

    /** Sets up one TCP client's pipeline; package-private so tests can run it on an EmbeddedChannel. */
    void initClient(Channel ch) {
        initClient(ch, null);
    }

    /** @param unixSocket the {@code unixsocket} a Unix socket client came through; null for TCP */
    private void initClient(Channel ch, String unixSocket) {
        // first, so even the max-clients error goes out over TLS
        if (tls != null && ch.localAddress() instanceof InetSocketAddress local
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
        ClientConnection client = registry.register(ch, users.defaultUser(), users.defaultIsOpen(), unixSocket);
        CommandHandler commands = new CommandHandler(client, dispatcher, registry, pubSub, pause);
        ch.pipeline().addLast("resp-decoder", new RespDecoder(cfg.limits(), () -> !client.authenticated(), commands,
                inputBudget));
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
        return new ServerStats(boundPort, clock.getAsLong() - startedAtMillis, registry.size(),
                registry.pubsubClients(), registry.totalConnections(), registry.commandsProcessed(),
                registry.rejectedConnections(), pubSub.channelCount(), pubSub.patternCount(),
                cfg.limits().maxClients(), netStats(), registry.flagCounts());
    }

    private NetStats netStats() {
        return new NetStats(net.inputBytes.sum(), net.outputBytes.sum(), net.reads.sum(), net.writes.sum(),
                net.errorReplies.sum(), Math.round(rates.ops.perSecond()), rates.input.perSecond() / 1024,
                rates.output.perSecond() / 1024);
    }

    /**
     * Stops listening, closes every client and waits (briefly) until they are closed: after this no command of
     * theirs reaches the core. The event loops stay up for their owner to close (a standalone server closes its
     * own).
     */
    @Override
    public synchronized void close() {
        rates.close();
        for (Channel ch : listeners) ch.close().syncUninterruptibly();
        listeners.clear();
        if (unix != null) unix.close();
        unix = null;
        List<ChannelFuture> closing = new ArrayList<>();
        for (ClientConnection c : registry.all()) closing.add(c.channel().close());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CLOSE_WAIT_SECONDS);
        for (ChannelFuture f : closing) {
            f.awaitUninterruptibly(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        if (ownsNetty) netty.close();
    }

    /** How long {@link #close} waits for its clients' connections to close. */
    private static final int CLOSE_WAIT_SECONDS = 2;
}
