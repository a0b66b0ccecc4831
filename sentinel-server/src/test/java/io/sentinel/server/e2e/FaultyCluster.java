package io.sentinel.server.e2e;

import io.sentinel.core.model.Address;
import io.sentinel.server.it.ChildProcess;
import io.sentinel.server.it.FaultyNetwork;
import io.sentinel.server.it.Ports;
import io.sentinel.server.it.ProcessScope;
import io.sentinel.server.it.RedisProcess;
import io.sentinel.server.it.SentinelConf;
import io.sentinel.server.it.SentinelProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * A master {@code m}, replicas {@code r1..} and our sentinels {@code s1..} that reach each other only through a
 * {@link FaultyNetwork}, so that any one link can fail: each process has a proxy in front of it and announces the
 * proxy's address (data nodes with {@code replica-announce-ip/port}, sentinels with {@code sentinel
 * announce-ip/port}), so what the sentinels discover through INFO and hellos is the proxy. Data nodes bind a source
 * address of their own, sentinels have a fixed {@code myid}, so the proxies know whose each connection is. Tests
 * reach every process directly, past the proxies.
 */
final class FaultyCluster implements AutoCloseable {
    static final String MASTER = "mymaster";
    static final Duration SETTLE = Duration.ofSeconds(30);

    final FaultyNetwork net = new FaultyNetwork();
    /** Data nodes by name, {@code m} first. */
    final Map<String, RedisProcess> nodes = new LinkedHashMap<>();
    final List<SentinelProcess> sentinels = new ArrayList<>();
    private final Map<String, Address> fronts = new LinkedHashMap<>();
    private final ProcessScope processes;
    private final Options options;

    /** What a test may change before {@link #start}. */
    static final class Options {
        int replicas = 2;
        int sentinels = 3;
        int quorum = 2;
        long downAfterMillis = 1000;
        long failoverTimeoutMillis = 6000;
        /** Extra redis-server arguments for every data node, e.g. min-replicas-to-write. */
        List<String> redisArgs = new ArrayList<>();
    }

    private FaultyCluster(ProcessScope processes, Options options) {
        this.processes = processes;
        this.options = options;
    }

    /** Starts the data nodes and sentinels, and waits until every sentinel knows its peers and the replicas. */
    static FaultyCluster start(ProcessScope processes, Options options) {
        FaultyCluster c = new FaultyCluster(processes, options);
        long start = System.nanoTime();
        try {
            c.startNode("m", null);
            for (int i = 1; i <= options.replicas; i++) c.startNode("r" + i, c.front("m"));
            c.startSentinels();
            Topology.awaitDiscovery(c.sentinels, List.of(MASTER), options.replicas, SETTLE);
            System.out.printf("FaultyCluster: %d data nodes and %d sentinels up and discovered in %d ms%n",
                    c.nodes.size(), c.sentinels.size(), (System.nanoTime() - start) / 1_000_000);
        } catch (RuntimeException | Error e) {
            c.close();
            throw e;
        }
        return c;
    }

    private void startNode(String name, Address replicaOf) {
        int port = Ports.free();
        Address front = net.front(name, new Address(ChildProcess.HOST, port));
        fronts.put(name, front);
        RedisProcess.Builder b = RedisProcess.builder().name(name).port(port)
                .args("--bind-source-addr", net.sourceIp(name), "--replica-announce-ip", front.host(),
                        "--replica-announce-port", Integer.toString(front.port()))
                .args(options.redisArgs.toArray(new String[0]));
        if (replicaOf != null) b.replicaOf(replicaOf);
        nodes.put(name, processes.add(b.start()));
    }

    /** In parallel: a sentinel's JVM takes a second or two to start, more on a loaded machine. */
    private void startSentinels() {
        List<CompletableFuture<SentinelProcess>> starting = new ArrayList<>();
        Executor threadEach = task -> {
            Thread t = new Thread(task, "start-sentinel");
            t.setDaemon(true);
            t.start();
        };
        for (int i = 1; i <= options.sentinels; i++) {
            SentinelConf conf = sentinelConf("s" + i, i);
            starting.add(CompletableFuture.supplyAsync(() -> processes.add(new SentinelProcess(conf)), threadEach));
        }
        RuntimeException failed = null;
        for (CompletableFuture<SentinelProcess> f : starting) {
            try {
                sentinels.add(f.join());
            } catch (CompletionException e) {
                if (failed == null) failed = e;
            }
        }
        if (failed != null) throw failed;
    }

    private SentinelConf sentinelConf(String name, int index) {
        int port = Ports.free();
        Address front = net.front(name, new Address(ChildProcess.HOST, port));
        fronts.put(name, front);
        String myId = String.format("%08x", 0x5e000000 + index).repeat(5);
        net.nameSentinel(myId, name);
        return new SentinelConf().listen(ChildProcess.HOST, port).line("sentinel myid " + myId)
                .line("sentinel announce-ip " + front.host()).line("sentinel announce-port " + front.port())
                .monitor(MASTER, front("m"), options.quorum).downAfterMillis(options.downAfterMillis)
                .failoverTimeoutMillis(options.failoverTimeoutMillis);
    }

    /** The address everybody but the test reaches {@code name} at: its proxy. */
    Address front(String name) {
        Address a = fronts.get(name);
        if (a == null) throw new IllegalArgumentException("no process named " + name);
        return a;
    }

    SentinelProcess sentinel(String name) {
        return sentinels.get(Integer.parseInt(name.substring(1)) - 1);
    }

    RedisProcess node(String name) {
        return nodes.get(name);
    }

    /** The data node at a front address, by name. */
    String nodeAt(Address front) {
        for (String n : nodes.keySet()) if (fronts.get(n).equals(front)) return n;
        throw new AssertionError("no data node at " + front + " in " + fronts);
    }

    /** The sentinels' proxies, for clients that must be cut off from the sentinels with the rest. */
    List<Address> sentinelFronts() {
        List<Address> out = new ArrayList<>();
        for (int i = 1; i <= sentinels.size(); i++) out.add(front("s" + i));
        return out;
    }

    /** Topology.awaitConverged over every live data node; returns the master's name. */
    String awaitConverged(Duration timeout) {
        return nodeAt(Topology.awaitConverged(sentinels, MASTER, byFront(), timeout, this::describe));
    }

    /** Why the cluster has not converged yet (Topology.notConverged), or null when it has. */
    String notConverged() {
        return Topology.notConverged(sentinels, MASTER, byFront());
    }

    private Map<Address, RedisProcess> byFront() {
        Map<Address, RedisProcess> byFront = new LinkedHashMap<>();
        nodes.forEach((n, p) -> byFront.put(fronts.get(n), p));
        return byFront;
    }

    /**
     * Starts the dead (or frozen) node {@code name} again and makes it a replica of {@code master} at once, as an
     * orchestrator brings a failed node back (a node restarted as a master waits 8 s for the sentinels' demotion).
     */
    void rejoinAsReplica(String name, String master) {
        RedisProcess node = node(name);
        node.restart();
        try (var j = node.jedis()) {
            j.replicaof(front(master).host(), front(master).port());
        }
    }

    /** The counter {@code key} on the data node {@code name}, read directly. */
    long counter(String name, String key) {
        try (var j = node(name).jedis()) {
            String v = j.get(key);
            return v == null ? 0 : Long.parseLong(v);
        }
    }

    String describe() {
        StringBuilder sb = new StringBuilder(net.describe());
        nodes.forEach((n, p) -> sb.append("\n").append(n).append(" ").append(p).append(" role=")
                .append(p.isAlive() ? p.replicationField("role") : "(dead)"));
        return sb.toString();
    }

    /** Closes the proxies; the processes are the ProcessScope's. */
    @Override
    public void close() {
        net.close();
    }
}
