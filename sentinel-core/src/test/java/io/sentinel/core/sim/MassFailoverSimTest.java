package io.sentinel.core.sim;

import static org.junit.jupiter.api.Assertions.fail;

import io.sentinel.core.event.EventType;
import org.junit.jupiter.api.Test;

/**
 * Issue 10: a node outage kills many masters at once; every one must be failed over in the first round (within a
 * bound after the kill, see {@link SimMassScenario}), with the safety invariants checked on every step.
 * {@code -Dsim.seeds=N} runs more seeds, {@code -Dsim.seed=N} replays one.
 */
class MassFailoverSimTest {

    private static void check(String test, SimRunner.Summary s) {
        System.out.printf("%s: %d seeds, %d steps, %d ms; -failover-abort-not-elected in %d runs, +try-failover in %d"
                + "%n", test, s.seeds(), s.steps(), s.wallMillis(), s.runsWith(EventType.FAILOVER_ABORT_NOT_ELECTED),
                s.runsWith(EventType.TRY_FAILOVER));
        if (s.failures().isEmpty()) return;
        if (s.seeds() == 1) s.failures().get(0).trace().forEach(System.out::println);
        fail(SimRunner.report(test, s));
    }

    /** {@code seeds} runs of {@code masters} masters under {@code sentinels} sentinels, all masters killed at once. */
    private static void run(String test, int seeds, int sentinels, int masters, SimMassScenario.Fault fault) {
        check("MassFailoverSimTest#" + test, SimRunner.run(seeds,
                seed -> SimMassScenario.run(seed, sentinels, masters, fault, SimRunner.traceLines())));
    }

    @Test
    void fiftyMastersKilledTogetherFailOverInOneRound() {
        run("fiftyMastersKilledTogetherFailOverInOneRound", 12, 3, 50, SimMassScenario.Fault.NONE);
    }

    @Test
    void hundredMastersUnderFiveSentinels() {
        run("hundredMastersUnderFiveSentinels", 2, 5, 100, SimMassScenario.Fault.NONE);
    }

    @Test
    void fiftyMastersUnderMessageLoss() {
        run("fiftyMastersUnderMessageLoss", 12, 3, 50, SimMassScenario.Fault.MESSAGE_LOSS);
    }

    @Test
    void fiftyMastersWithASentinelCrashed() {
        run("fiftyMastersWithASentinelCrashed", 12, 3, 50, SimMassScenario.Fault.SENTINEL_CRASHED);
    }

    @Test
    void fiftyMastersWithTheFirstRankedSentinelLagging() {
        run("fiftyMastersWithTheFirstRankedSentinelLagging", 12, 3, 50, SimMassScenario.Fault.FIRST_RANK_LAGGING);
    }

    @Test
    void hundredMastersWithTheFirstRankedSentinelLagging() {
        run("hundredMastersWithTheFirstRankedSentinelLagging", 4, 3, 100, SimMassScenario.Fault.FIRST_RANK_LAGGING);
    }
}
