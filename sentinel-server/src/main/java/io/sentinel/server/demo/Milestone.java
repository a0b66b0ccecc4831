package io.sentinel.server.demo;

/**
 * The steps of a failover the demo watches for, in the order they usually come. Expected ones are listed as
 * "waiting" until they happen; the others only show when they do. A crash (SIGKILL, SIGSTOP) and a planned
 * switchover ({@code SENTINEL FAILOVER ... COORDINATED}) expect different steps: no +sdown before a planned one,
 * and no +writes-paused after a crash.
 */
enum Milestone {
    WRITES_FAILING("writer", true, false),
    SDOWN("+sdown", true, false),
    ODOWN("+odown", true, false),
    TRY("+try-failover", true, true),
    ABORT("-failover-abort", false, false),
    ELECTED("+elected-leader", true, true),
    SELECTED("+selected-slave", true, true),
    PAUSED("+writes-paused", false, true),
    PROMOTED("+promoted-slave", true, true),
    SWITCH_FIRST("+switch-master", true, true),
    NEW_MASTER_WRITE("writer", true, true),
    OLD_MASTER_WRITE("writer", false, false),
    SWITCH_ALL("+switch-master", true, true),
    LINKED("replicas linked", true, true),
    FAILOVER_END("+failover-end", true, true),
    RESTARTED("demo", false, false),
    CONVERTED("+convert-to-slave", false, false);

    final String label;
    /** Expected after a crash. */
    final boolean expected;
    /** Expected after a planned switchover. */
    final boolean planned;

    Milestone(String label, boolean expected, boolean planned) {
        this.label = label;
        this.expected = expected;
        this.planned = planned;
    }

    boolean expectedAfter(DemoTimeline.Fault fault) {
        return fault.planned() ? planned : expected;
    }
}
