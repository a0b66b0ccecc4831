package io.sentinel.core.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.sentinel.core.event.EventType;
import org.junit.jupiter.api.Test;

/**
 * Many seeded runs of the simulator (see {@link SimScenario}): safety checked on every step, convergence after the
 * faults stop. {@code -Dsim.seeds=N} runs more seeds, {@code -Dsim.seed=N} replays one.
 */
class FailoverSimTest {

    private static void check(String test, SimRunner.Summary s) {
        System.out.printf("%s: %d seeds, %d steps, %d ms; runs with a promotion %d, +tilt %d, +sdown %d, "
                + "-failover-abort-not-elected %d%n", test, s.seeds(), s.steps(), s.wallMillis(),
                s.runsWith(EventType.PROMOTED_SLAVE), s.runsWith(EventType.TILT), s.runsWith(EventType.SDOWN),
                s.runsWith(EventType.FAILOVER_ABORT_NOT_ELECTED));
        if (s.failures().isEmpty()) return;
        if (s.seeds() == 1) s.failures().get(0).trace().forEach(System.out::println);
        fail(SimRunner.report(test, s));
    }

    @Test
    void threeSentinelsFailOverUnderFaults() {
        check("FailoverSimTest#threeSentinelsFailOverUnderFaults",
                SimRunner.run(600, seed -> SimScenario.run(seed, 3, SimRunner.traceLines())));
    }

    @Test
    void fiveSentinelsFailOverUnderFaults() {
        check("FailoverSimTest#fiveSentinelsFailOverUnderFaults",
                SimRunner.run(400, seed -> SimScenario.run(seed, 5, SimRunner.traceLines())));
    }

    /** Three virtual minutes without faults: no suspicion at all, and the links keep working for a final failover. */
    @Test
    void calmClusterStaysQuietThenFailsOver() {
        check("FailoverSimTest#calmClusterStaysQuietThenFailsOver",
                SimRunner.run(6, seed -> SimScenario.runCalm(seed, 3 + 2 * (int) (seed % 2), 180_000,
                        SimRunner.traceLines())));
    }

    /** The faults must really bite: most runs fail over, some stall into TILT, some elections split. */
    @Test
    void theFaultsAreExercised() {
        SimRunner.Summary s = SimRunner.run(100, seed -> SimScenario.run(seed, 3, 0));
        assertTrue(s.runsWith(EventType.PROMOTED_SLAVE) > s.seeds() / 2, "failovers: " + s.events());
        assertTrue(s.runsWith(EventType.TILT) > 0, "TILT: " + s.events());
        assertTrue(s.runsWith(EventType.REBOOT) > 0, "Redis restarts: " + s.events());
        assertTrue(s.runsWith(EventType.CONVERT_TO_SLAVE) > 0, "old master converted: " + s.events());
    }

    @Test
    void aSeedReplaysIdentically() {
        SimScenario.Result a = SimScenario.run(12345, 3, 500);
        SimScenario.Result b = SimScenario.run(12345, 3, 500);
        assertEquals(a.steps(), b.steps());
        assertEquals(a.virtualMillis(), b.virtualMillis());
        assertEquals(a.failure(), b.failure());
        assertTrue(a.steps() > 1000, "the run did something: " + a.steps());
    }
}
