package io.sentinel.server.it;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.sentinel.core.model.Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The network between a test's processes: a {@link FaultProxy} in front of each one, and the names of the links'
 * sources. A data node is named by the source address it binds ({@code --bind-source-addr}, one of 127.0.0.0/8 per
 * node: {@link #sourceIp}); a sentinel by its client name ({@code sentinel-<first 8 of myid>-cmd|pubsub}:
 * {@link #nameSentinel}); anything else (applications, Jedis pools) is {@link #CLIENTS}.
 * <pre>
 * net.link("s1", "m", Fault.BLACKHOLE);                  // one link
 * net.partition(List.of("m", FaultyNetwork.CLIENTS));    // m and the clients against everyone else
 * net.heal();
 * </pre>
 */
public final class FaultyNetwork implements AutoCloseable, FaultProxy.Naming {
    public static final String CLIENTS = "clients";
    /** Source addresses of data nodes: 127.0.0.(FIRST_SOURCE + n), away from the few fixed ones other tests use. */
    private static final int FIRST_SOURCE = 160;

    private final EventLoopGroup group = new NioEventLoopGroup(2, new DefaultThreadFactory("fault-proxy", true));
    // Concurrent maps, no lock: the proxies' event loops name connections while a test thread may be waiting on
    // one of those loops (binding a new proxy), so the names must be readable without a lock the test holds.
    private final Map<String, FaultProxy> fronts = new ConcurrentHashMap<>();
    private final List<String> frontOrder = new CopyOnWriteArrayList<>();
    private final Map<InetAddress, String> byAddress = new ConcurrentHashMap<>();
    private final Map<String, String> byClientName = new ConcurrentHashMap<>();
    private final Set<String> sources = new CopyOnWriteArraySet<>(List.of(CLIENTS));

    /** A proxy named {@code name} in front of {@code target}; every link to it passes until told otherwise. */
    public Address front(String name, Address target) {
        FaultProxy proxy = FaultProxy.start(name, group, target, this);
        if (fronts.putIfAbsent(name, proxy) != null) {
            proxy.close();
            throw new IllegalArgumentException("two fronts named " + name);
        }
        frontOrder.add(name);
        sources.add(name);
        return proxy.address();
    }

    public FaultProxy proxy(String name) {
        FaultProxy p = fronts.get(name);
        if (p == null) throw new IllegalArgumentException("no front named " + name + " in " + fronts.keySet());
        return p;
    }

    /** The source address {@code name} binds, from which its connections are known as its own. */
    public synchronized String sourceIp(String name) {
        for (Map.Entry<InetAddress, String> e : byAddress.entrySet()) {
            if (e.getValue().equals(name)) return e.getKey().getHostAddress();
        }
        String ip = "127.0.0." + (FIRST_SOURCE + byAddress.size());
        try {
            byAddress.put(InetAddress.getByName(ip), name);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
        sources.add(name);
        return ip;
    }

    /** Connections whose first request is CLIENT SETNAME {@code sentinel-<myid prefix>-...} are {@code name}'s. */
    public void nameSentinel(String myId, String name) {
        byClientName.put("sentinel-" + myId.substring(0, 8) + "-", name);
        sources.add(name);
    }

    @Override
    public String byAddress(InetAddress remote) {
        return byAddress.get(remote);
    }

    @Override
    public String byCommand(List<String> firstCommand) {
        String clientName = FirstCommand.clientName(firstCommand);
        if (clientName != null) {
            for (Map.Entry<String, String> e : byClientName.entrySet()) {
                if (clientName.startsWith(e.getKey())) return e.getValue();
            }
        }
        return CLIENTS;
    }

    /** The link from {@code from} to {@code to} (whoever connects, both directions of its connections). */
    public void link(String from, String to, Fault fault) {
        proxy(to).set(from, fault);
    }

    /** Both links between {@code a} and {@code b}. */
    public void between(String a, String b, Fault fault) {
        if (fronts.containsKey(b)) link(a, b, fault);
        if (fronts.containsKey(a)) link(b, a, fault);
    }

    /** Black-holes every link between {@code side} and the rest (every other source and front); the rest passes. */
    public void partition(Collection<String> side) {
        for (String to : fronts()) {
            for (String from : sources()) {
                if (from.equals(to)) continue;
                link(from, to, side.contains(from) == side.contains(to) ? Fault.PASS : Fault.BLACKHOLE);
            }
        }
    }

    /** Every link passes again; what was held arrives. */
    public void heal() {
        for (String to : fronts()) proxy(to).setAll(Fault.PASS);
    }

    private List<String> fronts() {
        return List.copyOf(frontOrder);
    }

    private List<String> sources() {
        return List.copyOf(sources);
    }

    /** Every proxy, its faults and open connections: for failure messages. */
    public String describe() {
        return fronts().stream().map(n -> fronts.get(n).toString()).collect(Collectors.joining("\n"));
    }

    @Override
    public void close() {
        for (String name : fronts()) proxy(name).close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
