package io.sentinel.server.link;

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
import io.sentinel.core.event.Event;
import io.sentinel.core.event.EventType;
import io.sentinel.core.input.CommandFailed;
import io.sentinel.core.input.Input;
import io.sentinel.core.model.Role;
import io.sentinel.core.model.Target;
import io.sentinel.server.transport.NettyResources;
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
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the link actions of the core: keeps one link per target (Redis instances and peer sentinels alike, over our
 * RESP client on Netty) on the links' event loops of {@link NettyResources}, and turns every reply, failure and
 * connection change into an input for {@code sink}. {@link #run} never blocks: connections and commands are
 * asynchronous, and every command is answered by exactly one input, from an I/O thread.
 */
public final class LinkManager implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LinkManager.class);

    private final LinkOptions options;
    private final NettyResources netty;
    /** True when this manager made {@link #netty} itself (standalone, in tests) and so closes it. */
    private final boolean ownsNetty;
    private final InputSink sink;
    private final HostResolver resolver;
    private final FreshAddresses addresses;
    private final LongSupplier clock;
    private final Map<Target, Link> links = new LinkedHashMap<>();
    private boolean closed;

    /** Standalone links with the system resolver and event loops of their own, closed with them: for tests. */
    LinkManager(LinkOptions options, Consumer<Input> sink) {
        this(options, ResolverThreads.system(), sink);
    }

    /**
     * Standalone links with {@code resolver}, for tests: event loops of their own, closed with them, and the JVM's
     * monotonic time.
     */
    LinkManager(LinkOptions options, HostResolver resolver, Consumer<Input> sink) {
        this(options, resolver, NettyResources.forSentinel(), true, () -> System.nanoTime() / 1_000_000, sink);
    }

    /**
     * Links on {@code netty}'s event loops, which its owner closes after this manager, resolving names with
     * {@code resolver}, which this manager closes last.
     *
     * @param clock monotonic milliseconds: how long a lookup has run, when hellos last came
     */
    public LinkManager(LinkOptions options, HostResolver resolver, NettyResources netty, LongSupplier clock,
                       Consumer<Input> sink) {
        this(options, resolver, netty, false, clock, sink);
    }

    private LinkManager(LinkOptions options, HostResolver resolver, NettyResources netty, boolean ownsNetty,
                        LongSupplier clock, Consumer<Input> sink) {
        this.options = options;
        this.resolver = resolver;
        this.netty = netty;
        this.ownsNetty = ownsNetty;
        this.clock = clock;
        this.addresses = new FreshAddresses(resolver, options.resolveTimeoutMillis(), clock);
        // one event loop hands every input over, in order: no thread of its own for that
        this.sink = new InputSink(sink, netty.links().next());
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

    /**
     * Events the links act on: an instance declared SDOWN gets the slow reconnect pace until it answers again
     * ({@link RespSession#backOff}). Event addresses are the announced ones; where announcing changes an address,
     * no link matches and it keeps the fast pace.
     */
    public synchronized void onEvent(Event e) {
        if (e.type() != EventType.SDOWN || e.instance() == null) return;
        Event.Instance i = e.instance();
        Link link = links.get(i.role() == Role.SENTINEL ? Target.sentinel(i.address()) : Target.redis(i.address()));
        if (link != null) link.backOff();
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
                ? new RedisLink(open.target(), open.settings(), netty, options, sink, addresses, clock)
                : new PeerLink(open.target(), open.settings(), netty, options, sink, addresses);
        links.put(open.target(), link);
        link.start();
    }

    /** The open link, or null after answering the command with CommandFailed. */
    private Link linkOr(Target target, CommandFailed.Command command) {
        Link link = links.get(target);
        if (link == null) sink.emit(new CommandFailed(target, command, closed ? "shut down" : "no link"));
        return link;
    }

    /**
     * Closes every link, newest first, then the resolver. The event loops stay up for their owner to close (a
     * standalone manager closes its own, before the resolver).
     */
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
        if (ownsNetty) netty.close();
        resolver.close();
    }
}
