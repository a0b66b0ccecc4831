package io.sentinel.core.info;

/**
 * What a Redis server's {@code INFO replication} says of its own {@code FAILOVER} command ({@code
 * master_failover_state}, Redis 6.2 and later): a server whose INFO has no such line cannot hand over with {@code
 * FAILOVER TO}.
 */
public enum ServerFailover {
    /** No {@code master_failover_state} line: too old for {@code FAILOVER}, or no INFO yet. */
    UNREPORTED,
    /** {@code no-failover}. */
    NONE,
    /** {@code waiting-for-sync}: writes paused, waiting for the target replica to catch up. */
    WAITING_FOR_SYNC,
    /** {@code failover-in-progress}: demoted itself, handing over to the target with {@code PSYNC FAILOVER}. */
    IN_PROGRESS;

    /** The value of a {@code master_failover_state} line; an unknown word counts as a failover going on. */
    public static ServerFailover parse(String value) {
        switch (value) {
            case "no-failover": return NONE;
            case "waiting-for-sync": return WAITING_FOR_SYNC;
            default: return IN_PROGRESS;
        }
    }

    /** A {@code FAILOVER} is going on (sentinel.c's SENTINEL_MONITORED_INSTANCE_FAILOVER). */
    public boolean ongoing() {
        return this == WAITING_FOR_SYNC || this == IN_PROGRESS;
    }
}
