package io.sentinel.server.e2e;

import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.sentinel.server.it.Await;
import io.sentinel.server.it.RedisProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Issue 16: many failovers in a row under a continuous write load, each ending with exactly one master, every
 * replica following it and every sentinel agreeing; no state drifts from one to the next (epochs, links, the
 * replica tables). {@code -Dfaults.failovers=N} (default 20; the {@code robustness} profile runs more) sets the
 * count; the seed ({@code -Dfaults.seed=S} replays it) picks each round's fault, SIGKILL or SIGSTOP, and when in
 * the sentinels' ping period it strikes.
 */
class RepeatedFailoverIT extends ClusterUnderFaults {
    static final int FAILOVERS = Integer.getInteger("faults.failovers", 20);
    static final long SEED = Long.getLong("faults.seed", System.nanoTime());

    @Test
    void failoversInARowUnderWritesEachEndWithOneMaster() {
        System.out.printf("RepeatedFailoverIT: %d failovers, seed %d (replay with -Dfaults.seed=%d)%n", FAILOVERS,
                SEED, SEED);
        Random random = new Random(SEED);
        FaultyCluster.Options options = new FaultyCluster.Options();
        // a sentinel does not start another failover of a master for 2 x failover-timeout after the last one
        options.failoverTimeoutMillis = 1500;
        cluster = FaultyCluster.start(processes, options);
        List<Long> roundMillis = new ArrayList<>();
        try (IncrWriter writer = new IncrWriter(addresses())) {
            writer.start();
            awaitWrites(writer);
            String master = "m";
            for (int round = 1; round <= FAILOVERS; round++) {
                long start = System.nanoTime();
                String next = failOver(master, random, round);
                assertNotEquals(master, next, "round " + round + " promoted another node");
                awaitWrites(writer);
                roundMillis.add((System.nanoTime() - start) / 1_000_000);
                master = next;
            }
            System.out.printf("RepeatedFailoverIT: %d failovers, seed %d, per round ms %s; %d writes acknowledged,"
                    + " %d failed%n", FAILOVERS, SEED, roundMillis, writer.acknowledged(), writer.failures.get());
        }
    }

    /** One round: the fault, the failover, the old master back as a replica, the cluster converged. */
    private String failOver(String master, Random random, int round) {
        RedisProcess old = cluster.node(master);
        boolean stop = random.nextBoolean();
        PartitionIT.pause(random.nextInt(1000)); // where in the ping period the fault strikes
        if (stop) old.sigstop(); else old.sigkill();
        String promoted = awaitNewMaster(master, round);
        cluster.rejoinAsReplica(master, promoted);
        String converged = cluster.awaitConverged(FaultyCluster.SETTLE);
        System.out.printf("RepeatedFailoverIT round %d: %s %s, %s promoted%n", round, stop ? "SIGSTOP" : "SIGKILL",
                master, converged);
        return converged;
    }

    /** Waits until every sentinel names a master other than {@code old} (the old one cannot answer). */
    private String awaitNewMaster(String old, int round) {
        String[] agreed = new String[1];
        Await.until(FaultyCluster.SETTLE, "round " + round + ": every sentinel names a master other than " + old,
                () -> {
                    var first = cluster.sentinels.get(0).masterAddress(FaultyCluster.MASTER);
                    for (var s : cluster.sentinels) {
                        if (!first.equals(s.masterAddress(FaultyCluster.MASTER))) return false;
                    }
                    agreed[0] = cluster.nodeAt(first);
                    return !agreed[0].equals(old);
                }, () -> "seed " + SEED + "\n" + cluster.describe() + "\n" + Topology.state(cluster.sentinels));
        return agreed[0];
    }

    private void awaitWrites(IncrWriter writer) {
        long from = writer.acknowledged();
        Await.until(FaultyCluster.SETTLE, "the application writes again", () -> writer.acknowledged() > from + 20,
                () -> "seed " + SEED + "\n" + cluster.describe());
    }

    private List<io.sentinel.core.model.Address> addresses() {
        List<io.sentinel.core.model.Address> out = new ArrayList<>();
        for (var s : cluster.sentinels) out.add(s.address());
        return out;
    }
}
