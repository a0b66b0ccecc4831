package io.sentinel.server.link;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.sentinel.core.action.Action;
import io.sentinel.core.action.AskPeer;
import io.sentinel.core.action.CancelHandOver;
import io.sentinel.core.action.CloseLink;
import io.sentinel.core.action.HandOver;
import io.sentinel.core.action.OpenLink;
import io.sentinel.core.action.PromoteReplica;
import io.sentinel.core.action.PublishHello;
import io.sentinel.core.action.ReleaseClients;
import io.sentinel.core.action.RepointReplica;
import io.sentinel.core.action.RequestInfo;
import io.sentinel.core.action.SaveConfig;
import io.sentinel.core.action.SendPing;
import io.sentinel.core.input.CommandFailed;
import io.sentinel.core.input.Input;
import io.sentinel.core.model.Target;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Runs the link actions of the core: keeps one link per target (Redis instances and peer sentinels alike, over our
 * RESP client on Netty) on one small shared set of event loops, and turns every reply, failure and connection change into an
 * input for {@code sink}. {@link #run} never blocks: connections and commands are asynchronous, and every command
 * is answered by exactly one input, from an I/O thread.
 */
public final class LinkManager implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LinkManager.class);

    private final LinkOptions options;
    private final EventLoopGroup group;
    private final InputSink sink;
    private final HostResolver resolver;
    private final FreshAddresses addresses;
    private final Map<Target, Link> links = new LinkedHashMap<>();
    private boolean closed;

    /** Links that resolve names with the system resolver (see {@link ResolverThreads#system()}). */
    public LinkManager(LinkOptions options, Consumer<Input> sink) {
        this(options, ResolverThreads.system(), sink);
    }

    /** Links that resolve names with {@code resolver}, which they own and close last. */
    public LinkManager(LinkOptions options, HostResolver resolver, Consumer<Input> sink) {
        this.options = options;
        this.resolver = resolver;
        this.addresses = new FreshAddresses(resolver, options.resolveTimeoutMillis());
        DefaultThreadFactory threads = new DefaultThreadFactory("sentinel-link", true);
        this.group = Epoll.isAvailable() ? new EpollEventLoopGroup(options.ioThreads(), threads)
                : new NioEventLoopGroup(options.ioThreads(), threads);
        // one event loop hands every input over, in order: no thread of its own for that
        this.sink = new InputSink(sink, group.next());
    }

    /** The socket channel type that goes with {@code group}'s transport. */
    static Class<? extends SocketChannel> channelType(EventLoopGroup group) {
        return group instanceof EpollEventLoopGroup ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    /** Runs one link action; any other action is a programmer error. */
    public synchronized void run(Action action) {
        if (action instanceof OpenLink open) {
            open(open);
        } else if (action instanceof CloseLink close) {
            Link link = links.remove(close.target());
            if (link != null) link.close();
        } else if (action instanceof SendPing ping) {
            Link link = linkOr(ping.target(), CommandFailed.Command.PING);
            if (link != null) link.ping();
        } else if (action instanceof RequestInfo info) {
            Link link = linkOr(info.target(), CommandFailed.Command.INFO);
            if (link != null) link.info();
        } else if (action instanceof PublishHello hello) {
            Link link = linkOr(hello.target(), CommandFailed.Command.PUBLISH_HELLO);
            if (link != null) link.publishHello(hello.payload());
        } else if (action instanceof AskPeer ask) {
            Link link = linkOr(ask.peer(), CommandFailed.Command.ASK_PEER);
            if (link != null) link.askPeer(ask);
        } else if (action instanceof PromoteReplica promote) {
            Link link = linkOr(promote.target(), CommandFailed.Command.PROMOTE);
            if (link != null) link.promote(promote.abortFailover());
        } else if (action instanceof RepointReplica repoint) {
            Link link = linkOr(repoint.target(), CommandFailed.Command.REPOINT);
            if (link != null) link.repoint(repoint.master(), repoint.abortFailover());
        } else {
            runHandOver(action);
        }
    }

    /** The coordinated failover's commands to the old master and the promoted replica. */
    private void runHandOver(Action action) {
        if (action instanceof HandOver h) {
            Link link = linkOr(h.master(), CommandFailed.Command.HAND_OVER);
            if (link != null) link.handOver(h.replica(), h.timeoutMillis());
        } else if (action instanceof CancelHandOver c) {
            Link link = linkOr(c.master(), CommandFailed.Command.CANCEL_HAND_OVER);
            if (link != null) link.cancelHandOver();
        } else if (action instanceof ReleaseClients r) {
            Link link = linkOr(r.target(), CommandFailed.Command.RELEASE_CLIENTS);
            if (link != null) link.releaseClients();
        } else if (action instanceof SaveConfig c) {
            Link link = linkOr(c.target(), CommandFailed.Command.SAVE_CONFIG);
            if (link != null) link.saveConfig();
        } else {
            throw new IllegalArgumentException("not a link action: " + action);
        }
    }

    private void open(OpenLink open) {
        if (closed) return;
        Link existing = links.get(open.target());
        if (existing != null && existing.settings().equals(open.settings())) return;
        if (existing != null) {
            // new credentials or renames (SENTINEL SET): reconnect with them
            links.remove(open.target());
            existing.close();
        }
        Link link = open.target().kind() == Target.Kind.REDIS
                ? new RedisLink(open.target(), open.settings(), group, options, sink, addresses)
                : new PeerLink(open.target(), open.settings(), group, options, sink, addresses);
        links.put(open.target(), link);
        link.start();
    }

    /** The open link, or null after answering the command with CommandFailed. */
    private Link linkOr(Target target, CommandFailed.Command command) {
        Link link = links.get(target);
        if (link == null) sink.emit(new CommandFailed(target, command, closed ? "shut down" : "no link"));
        return link;
    }

    /** Closes every link, newest first, then the shared event loops, then the resolver. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        List<Link> open = new ArrayList<>(links.values());
        links.clear();
        Collections.reverse(open);
        try {
            CompletableFuture.allOf(open.stream().map(Link::close).toArray(CompletableFuture[]::new))
                    .get(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("interrupted while closing links");
        } catch (ExecutionException | TimeoutException e) {
            log.warn("closing links: {}", LinkErrors.reason(e));
        }
        // quiet period 0: an input handed over before this point is delivered, a reconnect scheduled later is not
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
        resolver.close();
    }
}
