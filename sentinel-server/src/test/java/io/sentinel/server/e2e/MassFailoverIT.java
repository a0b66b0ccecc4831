package io.sentinel.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentinel.server.it.Await;
import io.sentinel.server.it.ProcessScope;
import io.sentinel.server.it.RealSentinelProcess;
import io.sentinel.server.it.RedisProcess;
import io.sentinel.server.it.SentinelConf;
import io.sentinel.server.it.SentinelProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 10: a node outage SIGKILLs many masters at the same instant. Each has one replica; every master must be
 * failed over within 15 s on every sentinel (before the fix only the newest of the simultaneous failovers got a
 * leader, the rest retried in waves for a minute).
 */
class MassFailoverIT {
    static final int MASTERS = 10;
    static final Duration DEADLINE = Duration.ofSeconds(15);

    @RegisterExtension
    final ProcessScope processes = new ProcessScope();

    final List<RedisProcess> masters = new ArrayList<>();
    final List<RedisProcess> replicas = new ArrayList<>();
    final List<SentinelProcess> sentinels = new ArrayList<>();

    static String name(int g) {
        return "m" + g;
    }

    void start(int ours, int real) {
        for (int g = 0; g < MASTERS; g++) {
            RedisProcess master = processes.add(RedisProcess.builder().name("master-" + g).start());
            masters.add(master);
            replicas.add(processes.add(RedisProcess.builder().name("replica-" + g).replicaOf(master.address())
                    .start()));
        }
        SentinelConf conf = new SentinelConf();
        for (int g = 0; g < MASTERS; g++) {
            conf.monitor(name(g), masters.get(g).address(), 2).downAfterMillis(1000).failoverTimeoutMillis(10_000);
        }
        for (int i = 0; i < ours; i++) sentinels.add(processes.add(new SentinelProcess(conf)));
        for (int i = 0; i < real; i++) sentinels.add(processes.add(new RealSentinelProcess(conf)));
        List<String> names = new ArrayList<>();
        for (int g = 0; g < MASTERS; g++) names.add(name(g));
        Topology.awaitDiscovery(sentinels, names, 1, Duration.ofSeconds(30));
    }

    String state() {
        return Topology.state(sentinels);
    }

    /** SIGKILL every master at once; every sentinel must then report every replica as its master's successor. */
    void killAllAndAwaitFailovers() {
        for (RedisProcess m : masters) m.sigkill();
        Await.until(DEADLINE, "every sentinel reports every replica as the new master", () -> {
            for (SentinelProcess s : sentinels) {
                for (int g = 0; g < MASTERS; g++) {
                    if (!replicas.get(g).address().equals(s.masterAddress(name(g)))) return false;
                }
            }
            return true;
        }, this::state);
        for (RedisProcess r : replicas) assertEquals("master", r.replicationField("role"), r.address().toString());
    }

    /**
     * The deadline is the point: before the fix, 10 masters took 20-40 s (elections retried in waves after 10 s
     * timeouts). Split votes are not asserted away: on a loaded 2-core machine a sentinel's own vote can come
     * hundreds of ms late and cross a peer's request; such a split is retried at once. The simulator asserts no
     * aborted election at all for the calm case; the benchmark counts them.
     */
    @Test
    void tenMastersKilledTogetherAreFailedOverInOneRound() {
        start(3, 0);
        List<EventLog> logs = new ArrayList<>();
        try {
            for (SentinelProcess s : sentinels) {
                logs.add(EventLog.subscribe(s, "-failover-abort-not-elected", "+elected-leader"));
            }
            long killedAt = System.nanoTime();
            killAllAndAwaitFailovers();
            long aborted = logs.stream().mapToLong(l -> l.count("-failover-abort-not-elected")).sum();
            System.out.printf("MassFailoverIT: %d masters failed over on every sentinel %d ms after the kill, %d split"
                    + " elections retried%n", MASTERS, (System.nanoTime() - killedAt) / 1_000_000, aborted);
            for (int g = 0; g < MASTERS; g++) {
                String elected = "+elected-leader master " + name(g) + " ";
                assertTrue(logs.stream().anyMatch(l -> l.received.stream().anyMatch(e -> e.startsWith(elected))),
                        name(g) + " had a leader");
            }
        } finally {
            logs.forEach(EventLog::close);
        }
    }

    /** Two of ours and one redis-sentinel: the shared epoch and the elections that follow it interoperate. */
    @Test
    void tenMastersKilledTogetherInAMixedQuorum() {
        start(2, 1);
        killAllAndAwaitFailovers();
    }
}
