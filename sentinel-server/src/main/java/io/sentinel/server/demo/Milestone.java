package io.sentinel.server.demo;

/**
 * The steps of a failover the demo watches for, in the order they usually come. Expected ones are listed as
 * "waiting" until they happen; the others only show when they do.
 */
enum Milestone {
    WRITES_FAILING("writer", true),
    SDOWN("+sdown", true),
    ODOWN("+odown", true),
    TRY("+try-failover", true),
    ABORT("-failover-abort", false),
    ELECTED("+elected-leader", true),
    SELECTED("+selected-slave", true),
    PROMOTED("+promoted-slave", true),
    SWITCH_FIRST("+switch-master", true),
    NEW_MASTER_WRITE("writer", true),
    OLD_MASTER_WRITE("writer", false),
    SWITCH_ALL("+switch-master", true),
    LINKED("replicas linked", true),
    FAILOVER_END("+failover-end", true),
    RESTARTED("demo", false),
    CONVERTED("+convert-to-slave", false);

    final String label;
    final boolean expected;

    Milestone(String label, boolean expected) {
        this.label = label;
        this.expected = expected;
    }
}
