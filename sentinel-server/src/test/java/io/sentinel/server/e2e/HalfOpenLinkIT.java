package io.sentinel.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentinel.core.model.Address;
import io.sentinel.server.it.Await;
import io.sentinel.server.it.Fault;
import io.sentinel.server.it.SentinelProcess;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * Issue 16: a link that goes half-open (the peer's packets dropped, no FIN, no RST: the connection stays up and
 * nothing comes back) is noticed by its silence, within down-after, and the sentinel goes on answering clients at
 * once meanwhile: no command waits on a dead link's socket.
 */
class HalfOpenLinkIT extends ClusterUnderFaults {
    static final long DOWN_AFTER = 1000;
    /** down-after, plus one ping period (1 s) since the last reply may be that old, plus 1 s for a loaded machine. */
    static final long DETECTION_BOUND_MILLIS = DOWN_AFTER + 1000 + 1000;

    @Test
    void blackHoledPeerAndReplicaLinksAreDetectedWithinDownAfterWhileTheSentinelKeepsAnswering() {
        FaultyCluster.Options options = new FaultyCluster.Options();
        options.downAfterMillis = DOWN_AFTER;
        cluster = FaultyCluster.start(processes, options);
        SentinelProcess s1 = cluster.sentinel("s1");
        long peerMillis;
        long replicaMillis;
        try (Probe probe = new Probe(s1); EventLog events = EventLog.subscribe(s1, "+sdown", "-sdown")) {
            peerMillis = blackHole("s2", "sentinel", events);
            replicaMillis = blackHole("r2", "slave", events);
            probe.close();
            System.out.printf("HalfOpenLinkIT: s1 -> s2 black-holed, +sdown after %d ms; s1 -> r2, +sdown after %d"
                    + " ms (down-after %d); s1 answered %d PING + get-master-addr-by-name pairs meanwhile, slowest"
                    + " %.1f ms, %d failed%n", peerMillis, replicaMillis, DOWN_AFTER, probe.answered.get(),
                    probe.slowestNanos.get() / 1e6, probe.failed.get());
            assertEquals(0, probe.failed.get(), "every probe answered within 1 s");
            assertTrue(probe.answered.get() > 0);
        }
        assertTrue(peerMillis <= DETECTION_BOUND_MILLIS, "peer link: " + peerMillis + " ms");
        assertTrue(replicaMillis <= DETECTION_BOUND_MILLIS, "replica link: " + replicaMillis + " ms");
        assertEquals("m", cluster.awaitConverged(FaultyCluster.SETTLE), "no failover: nothing but s1's view failed");
    }

    /**
     * Black-holes s1's link to {@code to}; returns the milliseconds until s1 publishes +sdown for it, then lifts
     * the fault and waits for -sdown.
     */
    private long blackHole(String to, String kind, EventLog events) {
        Address front = cluster.front(to);
        String instance = " " + front.host() + " " + front.port() + " @ ";
        long start = System.nanoTime();
        cluster.net.link("s1", to, Fault.BLACKHOLE);
        Await.until(FaultyCluster.SETTLE, "s1: +sdown " + kind + " " + to, () -> has(events, "+sdown " + kind,
                instance), () -> events.received + "\n" + cluster.describe());
        long millis = (System.nanoTime() - start) / 1_000_000;
        cluster.net.link("s1", to, Fault.PASS);
        Await.until(FaultyCluster.SETTLE, "s1: -sdown " + kind + " " + to, () -> has(events, "-sdown " + kind,
                instance), () -> events.received + "\n" + cluster.describe());
        return millis;
    }

    private static boolean has(EventLog events, String prefix, String instance) {
        return events.received.stream().anyMatch(e -> e.startsWith(prefix + " ") && e.contains(instance));
    }

    /** A client asking the sentinel every 20 ms, with a 1 s timeout: the slowest answer and the failures. */
    static final class Probe implements AutoCloseable {
        final AtomicLong answered = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final AtomicLong slowestNanos = new AtomicLong();
        private final SentinelProcess sentinel;
        private final Thread thread;
        private volatile boolean running = true;

        Probe(SentinelProcess sentinel) {
            this.sentinel = sentinel;
            thread = new Thread(this::loop, "probe");
            thread.setDaemon(true);
            thread.start();
        }

        private void loop() {
            while (running) {
                try (Jedis j = new Jedis(sentinel.address().host(), sentinel.address().port(), 1000)) {
                    while (running) {
                        long start = System.nanoTime();
                        j.ping();
                        j.sentinelGetMasterAddrByName(FaultyCluster.MASTER);
                        slowestNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
                        answered.incrementAndGet();
                        PartitionIT.pause(20); // the probe's rate, not synchronisation
                    }
                } catch (RuntimeException e) {
                    if (running) failed.incrementAndGet();
                }
            }
        }

        @Override
        public void close() {
            running = false;
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
