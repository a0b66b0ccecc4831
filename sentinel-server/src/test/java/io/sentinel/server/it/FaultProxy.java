package io.sentinel.server.it;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.Future;
import io.sentinel.core.model.Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A TCP proxy in front of one process (a redis-server or a sentinel), that everybody else reaches it through, so
 * that each link to it can fail on its own. A link is named by its source: every accepted connection is given a
 * name by {@link Naming} (a data node by the source address it binds, a sentinel by its {@code CLIENT SETNAME}),
 * and the fault set for that name ({@link #set}) applies to all its connections, open or new, both directions.
 * <pre>
 * FaultProxy front = FaultProxy.start("m", group, master.address(), naming);
 * front.set("s1", Fault.BLACKHOLE);   // s1 -> m is half-open from now on
 * front.set("s1", Fault.PASS);        // what s1 sent meanwhile arrives now
 * </pre>
 */
public final class FaultProxy implements AutoCloseable {
    /** How a connection is named. */
    public interface Naming {
        /** The source of a connection from {@code remote}, or null to name it by its first request instead. */
        String byAddress(InetAddress remote);

        /** The source of a connection whose first request is {@code firstCommand} (empty if unreadable). */
        String byCommand(List<String> firstCommand);
    }

    private static final int AWAIT_SECONDS = 10;

    private final String name;
    private final InetSocketAddress target;
    private final Naming naming;
    private final Channel listener;
    private final Map<String, Fault> faults = new HashMap<>();
    private final Set<ProxyConnection> connections = new LinkedHashSet<>();
    private Fault otherwise = Fault.PASS;

    private FaultProxy(String name, EventLoopGroup group, Address target, Naming naming) {
        this.name = name;
        this.target = new InetSocketAddress(target.host(), target.port());
        this.naming = naming;
        this.listener = await(new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new ProxyConnection(FaultProxy.this, ch).clientHandler());
                    }
                }).bind(ChildProcess.HOST, 0), "bind " + name).channel();
    }

    /** A proxy on a free port of 127.0.0.1 to {@code target} (which need not be up yet), all links passing. */
    public static FaultProxy start(String name, EventLoopGroup group, Address target, Naming naming) {
        return new FaultProxy(name, group, target, naming);
    }

    /** Where the others reach the target: the address it announces. */
    public Address address() {
        return new Address(ChildProcess.HOST, ((InetSocketAddress) listener.localAddress()).getPort());
    }

    public String name() {
        return name;
    }

    /** Sets the fault of the link from {@code source}; in effect for its open connections when this returns. */
    public void set(String source, Fault fault) {
        List<ProxyConnection> affected = new ArrayList<>();
        synchronized (this) {
            faults.put(source, fault);
            for (ProxyConnection c : connections) if (source.equals(c.source())) affected.add(c);
        }
        onEachLoop(affected, c -> c.apply(fault));
    }

    /** Sets the fault of every link, named or not yet seen. */
    public void setAll(Fault fault) {
        List<ProxyConnection> affected;
        synchronized (this) {
            faults.clear();
            otherwise = fault;
            affected = new ArrayList<>(connections);
        }
        onEachLoop(affected, c -> c.apply(fault));
    }

    /** Resets (RST) the open connections of the link from {@code source}; new ones pass as its fault says. */
    public void reset(String source) {
        List<ProxyConnection> affected = new ArrayList<>();
        synchronized (this) {
            for (ProxyConnection c : connections) if (source.equals(c.source())) affected.add(c);
        }
        onEachLoop(affected, ProxyConnection::reset);
    }

    public synchronized Fault fault(String source) {
        return faults.getOrDefault(source, otherwise);
    }

    /** Open connections by source ("?" while unnamed), for failure messages and tests. */
    public synchronized Map<String, Integer> connections() {
        Map<String, Integer> bySource = new TreeMap<>();
        for (ProxyConnection c : connections) {
            bySource.merge(c.source() == null ? "?" : c.source(), 1, Integer::sum);
        }
        return bySource;
    }

    @Override
    public String toString() {
        Map<String, Fault> set;
        synchronized (this) {
            set = new TreeMap<>(faults);
        }
        return "proxy " + name + " " + address() + " -> " + target.getPort() + " faults=" + set + " otherwise="
                + otherwise + " connections=" + connections();
    }

    /** Stops accepting and closes every connection. */
    @Override
    public void close() {
        await(listener.close(), "close " + name);
        List<ProxyConnection> open;
        synchronized (this) {
            open = new ArrayList<>(connections);
        }
        onEachLoop(open, ProxyConnection::reset);
    }

    Naming naming() {
        return naming;
    }

    InetSocketAddress target() {
        return target;
    }

    synchronized void accepted(ProxyConnection c) {
        connections.add(c);
    }

    /** Names a connection; returns its link's fault (under the lock that {@link #set} takes). */
    synchronized Fault register(ProxyConnection c, String source) {
        c.source(source);
        return fault(source);
    }

    synchronized void unregister(ProxyConnection c) {
        connections.remove(c);
    }

    private static void onEachLoop(List<ProxyConnection> affected, java.util.function.Consumer<ProxyConnection> op) {
        for (ProxyConnection c : affected) await(c.client.eventLoop().submit(() -> op.accept(c)), "a fault applied");
    }

    /** Waits for {@code f}, or fails: a test must not hang on an event loop that is stuck. */
    private static <F extends Future<?>> F await(F f, String what) {
        if (!f.awaitUninterruptibly(AWAIT_SECONDS, TimeUnit.SECONDS)) {
            throw new IllegalStateException(what + ": not done after " + AWAIT_SECONDS + " s (an event loop stuck?)");
        }
        if (!f.isSuccess()) throw new IllegalStateException(what + " failed", f.cause());
        return f;
    }
}
