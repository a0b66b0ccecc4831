package io.sentinel.server.demo;

/**
 * What {@code bin/sentinel demo} runs.
 *
 * @param durationSeconds        stop after this long; 0 runs until Ctrl-C
 * @param killMasterAfterSeconds SIGKILL the master this long after start; 0 never
 * @param downAfterMillis        the sentinels' {@code down-after-milliseconds}
 * @param redisSentinels         run Debian's redis-sentinel instead of ours, to compare
 */
public record DemoOptions(long durationSeconds, long killMasterAfterSeconds, long downAfterMillis,
                          boolean redisSentinels) {
    public static final long DEFAULT_DOWN_AFTER_MILLIS = 5000;

    public DemoOptions {
        if (durationSeconds < 0 || killMasterAfterSeconds < 0) throw new IllegalArgumentException("negative time");
        if (downAfterMillis <= 0) throw new IllegalArgumentException("down-after must be positive");
    }

    /** Runs until Ctrl-C with our sentinels and a 5 s down-after. */
    public static DemoOptions defaults() {
        return new DemoOptions(0, 0, DEFAULT_DOWN_AFTER_MILLIS, false);
    }
}
