package io.sentinel.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentinel.core.model.Address;
import io.sentinel.server.command.Errors;
import io.sentinel.server.it.Await;
import io.sentinel.server.it.ProcessScope;
import io.sentinel.server.it.RedisProcess;
import io.sentinel.server.it.SentinelConf;
import io.sentinel.server.it.SentinelProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/**
 * Issue 16: hostile input during a failover. Against one sentinel, s1 (a child JVM, so /proc shows its memory):
 * {@code -Dfaults.idleConnections} (2,500) idle connections, {@code -Dfaults.garbageClients} (4) clients writing
 * seeded garbage, a client announcing a 1 GB bulk and trickling bytes, a client sending a 1 GB request of arguments
 * each within the cap (which ran the sentinel out of memory before requests were capped as a whole), a subscriber
 * that never reads
 * ({@link HostileLoad}); beside them a normal client asks s1 for the master every 10 ms ({@link LatencyProbe}).
 * Then the master is SIGKILLed: every sentinel names the replica within {@link #FAILOVER_BOUND}, the normal client
 * got an answer to every request, none slower than {@link #REQUEST_BOUND_MILLIS}, and s1's peak RSS under the load
 * stays below {@link #PEAK_RSS_BOUND_MIB}. A calm failover first, in the same cluster, is the baseline. The
 * latencies, times and memory are reported; only gross failures are bounds.
 */
class HostileInputIT {
    static final String MASTER = "mymaster";
    static final long SEED = Long.getLong("faults.seed", System.currentTimeMillis());
    static final int IDLE_CONNECTIONS = Integer.getInteger("faults.idleConnections", 2500);
    static final int GARBAGE_CLIENTS = Integer.getInteger("faults.garbageClients", 4);
    /** Clients each holding about 1 MiB of an unfinished request: 300 MiB together, more than s1's heap. */
    static final int HOARDERS = Integer.getInteger("faults.hoarders", 300);
    static final Duration FAILOVER_BOUND = Duration.ofSeconds(15);
    static final int REQUEST_BOUND_MILLIS = 5000;
    /** The sentinel runs with -Xmx256m: a peak over this means the heap filled, or memory grew outside it. */
    static final long PEAK_RSS_BOUND_MIB = 300;
    /** How long the load runs before the kill, so the failover starts under a steady load: a length, not a wait. */
    static final long LOAD_BEFORE_KILL_MILLIS = 2000;

    @RegisterExtension
    final ProcessScope processes = new ProcessScope();
    final Map<String, RedisProcess> nodes = new LinkedHashMap<>();
    final List<SentinelProcess> sentinels = new ArrayList<>();

    @Test
    void aFailoverUnderHostileClientsCompletesWhileANormalClientIsAnsweredAndMemoryStaysBounded() {
        int idle = idleConnections();
        System.out.printf("HostileInputIT: seed %d (replay with -Dfaults.seed=%d), %d idle connections%n", SEED,
                SEED, idle);
        startCluster();
        SentinelProcess s1 = sentinels.get(0);
        Failover calm = calmFailoverAndRejoin(s1);
        long rssBeforeKib = ProcMemory.rssKib(s1.pid());
        long peakBeforeKib = ProcMemory.peakKib(s1.pid());
        boolean peakReset = ProcMemory.resetPeak(s1.pid());
        UnderLoad run = failoverUnderLoad(s1, idle);
        long peakDuringKib = ProcMemory.peakKib(s1.pid());
        System.out.printf("HostileInputIT: %s; s1 RSS %.1f MiB before the load (peak since start %.1f), peak during"
                + " %.1f MiB%s, %.1f after; calm baseline: kill -> +switch-master %d ms, every sentinel %d ms, s1 %s;"
                + " seed %d%n", run.summary(), rssBeforeKib / 1024.0, peakBeforeKib / 1024.0, peakDuringKib / 1024.0,
                peakReset ? "" : " (counted from the start)", ProcMemory.rssKib(s1.pid()) / 1024.0,
                calm.switchedMillis, calm.agreedMillis, calm.led(), SEED);

        assertTrue(s1.ping(Duration.ofSeconds(2)), "s1 answers PING after the load");
        List<String> failures = logged(s1, "Exception", "closed after an error");
        assertEquals(List.of(), failures.subList(0, Math.min(5, failures.size())),
                "garbage gets Redis's protocol errors, never an exception in s1's log");
        List<String> errors = run.probe.errors();
        assertEquals(List.of(), errors.subList(0, Math.min(10, errors.size())), "the normal client's failures");
        assertEquals(run.probe.sent.get(), run.probe.answered(), "every request answered");
        assertTrue(run.probe.percentileMillis(100) < REQUEST_BOUND_MILLIS, "worst " + run.probe.percentileMillis(100));
        assertNotNull(run.probe.firstNamedAtNanos(nodes.get("m").address()), "the normal client was told the new"
                + " master");
        assertTrue(peakDuringKib < PEAK_RSS_BOUND_MIB * 1024, "s1's peak RSS " + peakDuringKib + " KiB");
        assertEquals("-" + Errors.PROTO_BULK_LENGTH, run.load.bigBulkReply, "the 1 GB bulk refused");
        // refused by its own cap, or by the input budget when the hoarders hold it all
        assertTrue(List.of("-" + Errors.PROTO_REQUEST_TOO_BIG, "-" + Errors.PROTO_CLIENTS_INPUT_OVER_BUDGET)
                .contains(run.load.bigRequestReply), "the 1 GB request refused: " + run.load.bigRequestReply);
        assertEquals("-" + Errors.PROTO_CLIENTS_INPUT_OVER_BUDGET, run.load.hoarderReply, "hoarders cut");
    }

    /** The baseline: m SIGKILLed, r promoted; then m started again as r's replica, and the cluster converged. */
    private Failover calmFailoverAndRejoin(SentinelProcess s1) {
        Failover calm;
        try (EventLog events = EventLog.subscribe(s1, "+switch-master", "+elected-leader")) {
            calm = failover("m", "r", events);
        }
        nodes.get("m").restart();
        try (Jedis j = nodes.get("m").jedis()) {
            j.replicaof(nodes.get("r").address().host(), nodes.get("r").address().port());
        }
        awaitConverged();
        return calm;
    }

    /** What the hostile phase measured; the probe and the load are closed, their counts final. */
    record UnderLoad(Failover failover, LatencyProbe probe, HostileLoad load, String subscriber) {
        String summary() {
            return String.format("under load, kill -> +switch-master on s1 %d ms, every sentinel %d ms, s1 %s; normal"
                    + " client %d requests, %d answered, worst %.1f ms, p99 %.1f ms, p50 %.1f ms, %d errors; %s;"
                    + " subscriber: %s", failover.switchedMillis, failover.agreedMillis, failover.led(),
                    probe.sent.get(), probe.answered(), probe.percentileMillis(100), probe.percentileMillis(99),
                    probe.percentileMillis(50), probe.errors().size(), load.summary(), subscriber);
        }
    }

    /**
     * The normal client and the hostile load on s1; once s1 counts the idle connections and the load has run
     * LOAD_BEFORE_KILL_MILLIS, the master (r) is SIGKILLed; the cluster converges before the load stops.
     */
    private UnderLoad failoverUnderLoad(SentinelProcess s1, int idle) {
        try (EventLog events = EventLog.subscribe(s1, "+switch-master", "+elected-leader");
             LatencyProbe probe = new LatencyProbe(s1.address(), MASTER, REQUEST_BOUND_MILLIS);
             HostileLoad load = HostileLoad.start(s1.address(), SEED, idle, GARBAGE_CLIENTS, HOARDERS)) {
            assertNull(load.idleFailure, "every idle connection opened");
            Await.until(Duration.ofSeconds(10), "s1 counts the " + idle + " idle connections",
                    () -> connectedClients(s1) >= idle, () -> "connected_clients " + connectedClients(s1));
            PartitionIT.pause(LOAD_BEFORE_KILL_MILLIS);
            Failover failover = failover("r", "m", events);
            awaitConverged();
            return new UnderLoad(failover, probe, load, subscriberState(s1, load));
        }
    }

    /** The master and one replica, then three of our sentinels started at once (a JVM takes seconds to start). */
    private void startCluster() {
        RedisProcess m = processes.add(RedisProcess.builder().name("m").start());
        nodes.put("m", m);
        nodes.put("r", processes.add(RedisProcess.builder().name("r").replicaOf(m.address()).start()));
        SentinelConf conf = new SentinelConf().monitor(MASTER, m.address(), 2).downAfterMillis(1000)
                .failoverTimeoutMillis(6000);
        List<CompletableFuture<SentinelProcess>> starting = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            CompletableFuture<SentinelProcess> f = new CompletableFuture<>();
            Thread t = new Thread(() -> {
                try {
                    f.complete(processes.add(new SentinelProcess(conf)));
                } catch (RuntimeException | Error e) {
                    f.completeExceptionally(e);
                }
            }, "start-sentinel");
            t.setDaemon(true);
            t.start();
            starting.add(f);
        }
        for (CompletableFuture<SentinelProcess> f : starting) sentinels.add(f.join());
        Topology.awaitDiscovery(sentinels, List.of(MASTER), 1, Duration.ofSeconds(30));
    }

    /** ms from the kill to s1's +switch-master and to every sentinel naming the new master; whether s1 led. */
    record Failover(long switchedMillis, long agreedMillis, boolean s1Led) {
        String led() {
            return s1Led ? "led it" : "did not lead it";
        }
    }

    /**
     * SIGKILLs {@code victim}; every sentinel must name {@code heir} within FAILOVER_BOUND of the kill. s1's
     * +switch-master is polled every 50 ms.
     */
    private Failover failover(String victim, String heir, EventLog events) {
        long before = events.count("+switch-master");
        long ledBefore = events.count("+elected-leader");
        long start = System.nanoTime();
        nodes.get(victim).sigkill();
        Await.until(FAILOVER_BOUND, "+switch-master on s1", () -> events.count("+switch-master") > before,
                () -> events.received + "\n" + Topology.state(sentinels));
        long switched = (System.nanoTime() - start) / 1_000_000;
        Address agreed = Topology.awaitNewMaster(sentinels, MASTER, nodes.get(victim).address(),
                FAILOVER_BOUND.minusMillis(switched));
        assertEquals(nodes.get(heir).address(), agreed, "every sentinel names " + heir);
        return new Failover(switched, (System.nanoTime() - start) / 1_000_000,
                events.count("+elected-leader") > ledBefore);
    }

    private void awaitConverged() {
        Map<Address, RedisProcess> byAddress = new LinkedHashMap<>();
        nodes.values().forEach(n -> byAddress.put(n.address(), n));
        Topology.awaitConverged(sentinels, MASTER, byAddress, Duration.ofSeconds(30), () -> "");
    }

    /** The lines of the sentinel's log that contain any of {@code words}. */
    private static List<String> logged(SentinelProcess s, String... words) {
        try {
            return Files.readAllLines(s.logFile(), java.nio.charset.StandardCharsets.ISO_8859_1).stream()
                    .filter(l -> List.of(words).stream().anyMatch(l::contains)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long connectedClients(SentinelProcess s) {
        try (Jedis j = s.jedis()) {
            for (String line : j.info("clients").split("\r\n")) {
                if (line.startsWith("connected_clients:")) return Long.parseLong(line.substring(18));
            }
        }
        return -1;
    }

    /** Whether s1 still has the subscriber that never reads, and its output backlog (CLIENT LIST's omem). */
    private static String subscriberState(SentinelProcess s, HostileLoad load) {
        String line;
        try (Jedis j = s.jedis()) {
            line = j.clientList().lines().filter(l -> l.contains(" name=" + HostileLoad.SUBSCRIBER_NAME + " "))
                    .findFirst().orElse(null);
        }
        String sent = load.subscriberBytes.get() + " bytes of PINGs written before its socket blocked";
        if (line == null) return "disconnected (" + load.subscriberEnd + "), " + sent;
        String omem = line.replaceAll(".* omem=(\\d+) .*", "$1");
        return "still connected, omem " + omem + " bytes, " + sent;
    }

    /**
     * The wanted idle connections, fewer if the open-files limit (the test JVM's, which the sentinels inherit)
     * cannot hold them with room for everything else: the scenario runs scaled down, and says so.
     */
    private static int idleConnections() {
        long limit = openFilesLimit();
        int fit = (int) Math.max(100, Math.min(Integer.MAX_VALUE, limit - 1000));
        if (fit >= IDLE_CONNECTIONS) return IDLE_CONNECTIONS;
        System.out.printf("HostileInputIT: open files limit %d: %d idle connections instead of %d%n", limit, fit,
                IDLE_CONNECTIONS);
        return fit;
    }

    private static long openFilesLimit() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (line.startsWith("Max open files")) {
                    String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
                    return soft.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(soft);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Long.MAX_VALUE;
    }
}
