package io.sentinel.core.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.sentinel.core.event.EventType;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: manual failovers asked while the master is up ({@link SimScenario#runManual}), coordinated and plain
 * (forced), under every fault (partitions, message loss, sentinel crashes and restarts, stalls), three or five
 * sentinels, seeded: the safety invariants on every step (one elected leader per epoch, one vote per sentinel and
 * epoch, persisted before it leaves, a forced leader's own vote included; one replica promoted or handed to per
 * leader and epoch, by the epoch's elected leader or a sentinel that forced a failover in it), then convergence.
 * A forced failover's epoch may be another failover's too; the runs where that happened are printed, and the split
 * it can leave (redis-sentinel's too) is the one divergence exempted. {@code -Dsim.seeds=N}, {@code -Dsim.seed=N}.
 */
class ManualFailoverSimTest {

    private static SimRunner.Summary check(String test, SimRunner.Summary s) {
        System.out.printf("%s: %d seeds, %d steps, %d ms; runs with a promotion %d, +writes-paused %d,"
                + " -failover-abort-slave-timeout %d, -failover-abort-master-error %d,"
                + " -failover-abort-not-elected %d%n",
                test, s.seeds(), s.steps(), s.wallMillis(), s.runsWith(EventType.PROMOTED_SLAVE),
                s.runsWith(EventType.WRITES_PAUSED), s.runsWith(EventType.FAILOVER_ABORT_SLAVE_TIMEOUT),
                s.runsWith(EventType.FAILOVER_ABORT_MASTER_ERROR), s.runsWith(EventType.FAILOVER_ABORT_NOT_ELECTED));
        List<SimScenario.Result> split = s.sharedEpochs().stream().filter(r -> r.split() != null).toList();
        System.out.printf("%s: runs where a forced failover's epoch was another's too %d, seeds %s; left split"
                + " (exempted from convergence) %d:%n", test, s.sharedEpochs().size(),
                s.sharedEpochs().stream().map(SimScenario.Result::seed).toList(), split.size());
        split.forEach(r -> System.out.printf("  seed %d (%d sentinels): %s%n", r.seed(), r.sentinels(), r.split()));
        if (!s.failures().isEmpty()) {
            if (s.seeds() == 1) s.failures().get(0).trace().forEach(System.out::println);
            fail(SimRunner.report(test, s));
        }
        return s;
    }

    @Test
    void coordinatedFailoversUnderFaults() {
        SimRunner.Summary s = check("ManualFailoverSimTest#coordinatedFailoversUnderFaults", SimRunner.run(200,
                seed -> SimScenario.runManual(seed, 3 + 2 * (int) (seed % 2), true, SimRunner.traceLines())));
        assertTrue(s.runsWith(EventType.WRITES_PAUSED) > s.seeds() / 2, "hand-overs: " + s.events());
        assertTrue(s.runsWith(EventType.PROMOTED_SLAVE) > s.seeds() / 2, "switchovers: " + s.events());
    }

    @Test
    void forcedFailoversUnderFaults() {
        SimRunner.Summary s = check("ManualFailoverSimTest#forcedFailoversUnderFaults", SimRunner.run(400,
                seed -> SimScenario.runManual(seed, 3 + 2 * (int) (seed % 2), false, SimRunner.traceLines())));
        assertTrue(s.runsWith(EventType.CONVERT_TO_SLAVE) > s.seeds() / 2, "old masters demoted: " + s.events());
        // the exempted split is redis-sentinel's rare limitation, not a way out for a regression that splits often
        long split = s.sharedEpochs().stream().filter(r -> r.split() != null).count();
        assertTrue(s.seeds() == 1 || split <= s.seeds() / 100, split + " runs left split in a shared epoch");
    }
}
