package io.sentinel.server.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The timeline from events as our sentinels and redis-sentinel publish them (texts copied from real runs). */
class DemoTimelineTest {
    private static final String OLD = "127.0.0.1:7001";
    private static final String NEW = "127.0.0.1:7003";
    private static final long MS = 1_000_000L;
    private static final long KILL = 5_000 * MS;

    private final DemoTimeline timeline = new DemoTimeline(
            Map.of(OLD, "redis-1", "127.0.0.1:7002", "redis-2", NEW, "redis-3"), 3);

    @Test
    void aWholeFailoverReadsAsStepsInMillisSinceTheKill() {
        killAndFailOver();

        String summary = timeline.summary();
        assertTrue(timeline.completed(), summary);
        assertTrue(summary.contains("+203 ms  +sdown            first: sentinel-2"), summary);
        assertTrue(summary.contains("+369 ms  +odown            first: sentinel-3, #quorum 2/2"), summary);
        assertTrue(summary.contains("+455 ms  +elected-leader   sentinel-3 won the vote, epoch 7"), summary);
        assertTrue(summary.contains("+561 ms  +selected-slave   redis-3 127.0.0.1:7003"), summary);
        assertTrue(summary.contains("+773 ms  +switch-master    first: sentinel-3, new master redis-3"), summary);
        assertTrue(summary.contains("+880 ms  +switch-master    all 3 sentinels, last: sentinel-1"), summary);
        assertTrue(summary.contains("+878 ms  writer            first successful write on the new master redis-3"
                + " 127.0.0.1:7003 (writes failed for 871 ms)"), summary);
        assertTrue(summary.endsWith("Failover completed: new master redis-3 127.0.0.1:7003, writes resumed after"
                + " 878 ms.\nAcknowledged writes lost: 0 (the counter went on where it was)\n"), summary);
        assertEquals(NEW, timeline.newMaster());
    }

    @Test
    void stepsAreListedInTimeOrderAndMissingOnesAreNamed() {
        killAndFailOver();

        List<String> lines = timeline.summary().lines().toList();
        assertTrue(lines.get(1).contains("writer"), lines.get(1));
        assertTrue(lines.get(2).contains("+sdown"), lines.get(2));
        assertTrue(lines.get(lines.size() - 4).contains("+failover-end"), lines.get(lines.size() - 4));
        assertTrue(lines.get(lines.size() - 3).endsWith("replicas linked   not seen"), lines.get(lines.size() - 3));
        assertFalse(lines.stream().anyMatch(l -> l.contains("+failover-end     not seen")), String.join("\n", lines));
    }

    @Test
    void withoutAWriteOnTheNewMasterTheFailoverIsNotComplete() {
        fault();
        timeline.writeFailed("Connection refused", KILL + 2 * MS);
        timeline.event("sentinel-1", "+switch-master", "mymaster 127.0.0.1 7001 127.0.0.1 7003", KILL + 900 * MS);

        assertFalse(timeline.completed());
        assertTrue(timeline.summary().endsWith("Failover NOT completed: no successful write on the new master.\n"));
    }

    @Test
    void eventsBeforeTheFaultAndAboutReplicasDoNotCount() {
        timeline.event("sentinel-1", "+sdown", "master mymaster 127.0.0.1 7001", KILL - MS);
        fault();
        timeline.event("sentinel-1", "+sdown", "slave 127.0.0.1:7002 127.0.0.1 7002 @ mymaster 127.0.0.1 7001",
                KILL + MS);
        timeline.writeSucceeded(OLD, 1, KILL + 2 * MS); // a write that was already on its way

        assertFalse(timeline.reached(Milestone.SDOWN));
        assertFalse(timeline.reached(Milestone.NEW_MASTER_WRITE));
        assertTrue(timeline.drainNew().isEmpty());
    }

    @Test
    void aResumedOldMasterIsNotANewOne() {
        fault();
        timeline.writeFailed("Command timed out after 250 millisecond(s)", KILL + 250 * MS);
        timeline.writeSucceeded(OLD, 1, KILL + 800 * MS);

        assertTrue(timeline.reached(Milestone.OLD_MASTER_WRITE));
        assertFalse(timeline.completed());
        List<String> panel = timeline.panel(KILL + 900 * MS, "");
        assertEquals("      ...  the old master answers again: the sentinels may not fail over",
                panel.get(panel.size() - 2));
    }

    @Test
    void aRestartedMasterRejoinsAsAReplicaAndTheTimelineSaysWhen() {
        killAndFailOver();
        timeline.restarted("restarted redis-1, pid 43, as an empty master", KILL + 5_000 * MS);
        timeline.event("sentinel-2", "+convert-to-slave", "slave 127.0.0.1:7001 127.0.0.1 7001 @ mymaster"
                + " 127.0.0.1 7003", KILL + 15_250 * MS);

        String summary = timeline.summary();
        assertTrue(summary.contains(" +5000 ms  demo              restarted redis-1, pid 43, as an empty master\n"
                + "+15250 ms  +convert-to-slave redis-1 127.0.0.1:7001 rejoins as a replica, 10250 ms after the"
                + " restart\n"), summary);
    }

    @Test
    void aSplitVoteShowsEveryCandidateAndTheAbort() {
        fault();
        timeline.event("sentinel-1", "+new-epoch", "3", KILL + 300 * MS);
        timeline.event("sentinel-1", "+try-failover", "master mymaster 127.0.0.1 7001", KILL + 300 * MS);
        timeline.event("sentinel-2", "+new-epoch", "3", KILL + 301 * MS);
        timeline.event("sentinel-2", "+try-failover", "master mymaster 127.0.0.1 7001", KILL + 301 * MS);
        timeline.event("sentinel-2", "-failover-abort-not-elected", "master mymaster 127.0.0.1 7001",
                KILL + 9000 * MS);

        String summary = timeline.summary();
        assertTrue(summary.contains("+300 ms  +try-failover     sentinel-1 (epoch 3), sentinel-2 (epoch 3)"),
                summary);
        assertTrue(summary.contains("-failover-abort   -failover-abort-not-elected sentinel-2"), summary);
    }

    @Test
    void aNewFaultStartsAFreshTimelineAndDrainGivesEachStepOnce() {
        killAndFailOver();
        assertEquals(11, timeline.drainNew().size());
        assertTrue(timeline.drainNew().isEmpty());

        timeline.faultInjected(new DemoTimeline.Fault("SIGSTOP", NEW, "redis-3", KILL + 60_000 * MS, false));

        assertNull(timeline.newMaster());
        assertFalse(timeline.completed());
        List<String> panel = timeline.panel(KILL + 61_000 * MS, "unused");
        assertTrue(panel.get(0).startsWith("Failover after SIGSTOP of redis-3, 1.0 s ago"), panel.get(0));
        assertTrue(panel.contains("      ...  +sdown            waiting"), String.join("\n", panel));
    }

    @Test
    void thePanelSaysWhatWillHappenBeforeAnyFault() {
        List<String> panel = timeline.panel(KILL, "press k");

        assertEquals("Failover: no fault yet (press k).", panel.get(0));
        assertTrue(panel.get(1).endsWith("0 ok, 0 failed, 0 acknowledged lost; starting"), panel.get(1));
    }

    @Test
    void theWriterLineSaysHowLongWritesHaveBeenFailing() {
        fault();
        timeline.writeSucceeded(OLD, 1, KILL - MS);
        timeline.writeFailed("Connection refused", KILL + 10 * MS);
        timeline.writeFailed("Connection refused", KILL + 20 * MS);

        List<String> panel = timeline.panel(KILL + 510 * MS, "");
        String writer = panel.get(panel.size() - 1);
        assertTrue(writer.endsWith("1 ok, 2 failed, 0 acknowledged lost; writes failing for 500 ms (Connection refused)"),
                writer);
    }

    /** A planned switchover: no +sdown expected, no failed write needed, and a counter that went on. */
    @Test
    void aCoordinatedSwitchoverExpectsNoSdownAndTellsTheWritesLost() {
        timeline.writeSucceeded(OLD, 500, KILL - MS);
        timeline.faultInjected(new DemoTimeline.Fault("COORDINATED switchover", OLD, "redis-1", KILL, true));
        assertTrue(timeline.panel(KILL + MS, "").contains("      ...  +elected-leader   waiting"));
        assertFalse(timeline.panel(KILL + MS, "").contains("      ...  +sdown            waiting"));
        timeline.event("sentinel-1", "+writes-paused", "master mymaster 127.0.0.1 7001", KILL + 300 * MS);
        timeline.writeSucceeded(OLD, 501, KILL + 301 * MS);
        timeline.event("sentinel-1", "+switch-master", "mymaster 127.0.0.1 7001 127.0.0.1 7003", KILL + 400 * MS);
        timeline.writeSucceeded(NEW, 502, KILL + 410 * MS);

        String summary = timeline.summary();
        assertTrue(timeline.completed(), summary);
        assertTrue(summary.contains("+300 ms  +writes-paused    sentinel-1: the master pauses writes"), summary);
        assertTrue(summary.contains("first successful write on the new master redis-3 127.0.0.1:7003 (no write"
                + " failed)"), summary);
        assertTrue(summary.endsWith("Acknowledged writes lost: 0 (the counter went on where it was)\n"), summary);
        assertFalse(summary.contains("+sdown            not seen"), summary);
    }

    /** A crash that loses the last acknowledged increments: the new master's first reply is behind. */
    @Test
    void aCounterThatWentBackCountsTheWritesLost() {
        timeline.writeSucceeded(OLD, 1000, KILL - 2 * MS);
        fault();
        timeline.writeSucceeded(OLD, 1001, KILL - MS + MS);
        timeline.writeFailed("Connection reset by peer", KILL + 7 * MS);
        timeline.event("sentinel-3", "+switch-master", "mymaster 127.0.0.1 7001 127.0.0.1 7003", KILL + 773 * MS);
        timeline.writeSucceeded(NEW, 998, KILL + 878 * MS);

        assertTrue(timeline.summary().contains("Acknowledged writes lost: 4 (the new master's counter was behind"),
                timeline.summary());
        List<String> panel = timeline.panel(KILL + 900 * MS, "");
        assertTrue(panel.get(panel.size() - 1).contains("3 ok, 1 failed, 4 acknowledged lost"), panel.toString());
    }

    private void fault() {
        timeline.faultInjected(new DemoTimeline.Fault("SIGKILL", OLD, "redis-1 " + OLD + " pid 42", KILL, false));
    }

    /** Our sentinels' events of a real run, sentinel-3 leading. */
    private void killAndFailOver() {
        fault();
        timeline.writeFailed("Connection reset by peer", KILL + 7 * MS);
        timeline.event("sentinel-2", "+sdown", "master mymaster 127.0.0.1 7001", KILL + 203 * MS);
        timeline.event("sentinel-3", "+odown", "master mymaster 127.0.0.1 7001 #quorum 2/2", KILL + 369 * MS);
        timeline.event("sentinel-3", "+new-epoch", "7", KILL + 370 * MS);
        timeline.event("sentinel-3", "+try-failover", "master mymaster 127.0.0.1 7001", KILL + 371 * MS);
        timeline.event("sentinel-3", "+elected-leader", "master mymaster 127.0.0.1 7001", KILL + 455 * MS);
        timeline.event("sentinel-3", "+selected-slave", "slave 127.0.0.1:7003 127.0.0.1 7003 @ mymaster 127.0.0.1"
                + " 7001", KILL + 561 * MS);
        timeline.event("sentinel-3", "+promoted-slave", "slave 127.0.0.1:7003 127.0.0.1 7003 @ mymaster 127.0.0.1"
                + " 7001", KILL + 773 * MS);
        for (String s : List.of("sentinel-3", "sentinel-2", "sentinel-1")) {
            long at = KILL + (s.equals("sentinel-3") ? 773 : s.equals("sentinel-2") ? 800 : 880) * MS;
            timeline.event(s, "+switch-master", "mymaster 127.0.0.1 7001 127.0.0.1 7003", at);
        }
        timeline.writeFailed("Connection refused", KILL + 500 * MS);
        timeline.writeSucceeded(NEW, 1, KILL + 878 * MS);
        timeline.event("sentinel-3", "+failover-end", "master mymaster 127.0.0.1 7001", KILL + 1559 * MS);
    }
}
