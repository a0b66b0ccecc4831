package io.sentinel.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentinel.server.it.Await;
import io.sentinel.server.it.ProcessScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 14: planned switchovers under a writer that INCRs one counter as fast as it can through the sentinels
 * ({@link CounterWriter}): {@code SENTINEL FAILOVER mymaster COORDINATED} loses no acknowledged write; the plain
 * {@code SENTINEL FAILOVER} reports what it loses (no bound). A master, two replicas, three of our sentinels, each
 * asked in turn. {@code -Dswitchover.runs=20} for the long run (5 by default, about 20 s per test here).
 */
class SwitchoverIT {
    static final int RUNS = Integer.getInteger("switchover.runs", 5);

    @RegisterExtension
    final ProcessScope processes = new ProcessScope();

    @Test
    void coordinatedSwitchoversLoseNoAcknowledgedWrite() {
        SwitchoverCluster c = new SwitchoverCluster(processes).start(3, 0, 100, 100);
        SwitchoverCluster.Series s = c.switchovers(RUNS, true);
        System.out.println(s.report("coordinated"));
        CounterWriter w = s.writer();
        assertEquals(0, s.lost(), w.summary(s.finalValue()));
        // and every write that ran is one we sent: acknowledged, or its reply lost with a dropped connection
        assertTrue(s.finalValue() >= w.acknowledged.get()
                && s.finalValue() <= w.acknowledged.get() + w.uncertain.get(), w.summary(s.finalValue()));
        // the leaders' metrics saw each one through (+failover-end may follow the last replica's resync), and timed
        // each pause
        assertEquals(RUNS, c.metricSum("sentinel_switchovers_started_total"));
        assertEquals(RUNS, c.metricSum("sentinel_switchover_write_pause_seconds_count"));
        Await.until(SwitchoverCluster.DEADLINE, "every switchover succeeded in the metrics",
                () -> c.metricSum("sentinel_switchovers_succeeded_total") == RUNS, c::state);
        System.out.printf("SWITCHOVER coordinated: write pause as the leaders timed it (hand-over to release): mean %d"
                + " ms%n", Math.round(1000 * c.metricSum("sentinel_switchover_write_pause_seconds_sum") / RUNS));
    }

    /** For comparison: the plain failover promotes while the old master still takes writes. */
    @Test
    void plainFailoversReportWhatTheyLose() {
        SwitchoverCluster c = new SwitchoverCluster(processes).start(3, 0, 100, 100);
        SwitchoverCluster.Series s = c.switchovers(RUNS, false);
        System.out.println(s.report("plain"));
        // the old master is demoted behind the state write of the new config epoch: its share of the loss window
        System.out.printf("SWITCHOVER plain: state writes (temp file, fsync, rename) took %.1f ms on average%n",
                1000 * c.metricSum("sentinel_state_write_seconds_sum")
                        / c.metricSum("sentinel_state_write_seconds_count"));
        assertTrue(s.finalValue() > 0, s.writer().summary(s.finalValue()));
    }
}
