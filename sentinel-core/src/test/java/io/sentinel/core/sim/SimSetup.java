package io.sentinel.core.sim;

import io.sentinel.core.config.Timing;
import java.util.SplittableRandom;

/**
 * The shape of one simulated cluster, drawn from the seed: sizes, the master's settings, replica priorities, whether
 * the sentinels start knowing each other (else they discover through hellos).
 */
record SimSetup(int sentinels, int quorum, long downAfterMillis, long failoverTimeoutMillis, int parallelSyncs,
        int[] priorities, boolean preloadKnown, Timing timing, int masters) {

    /** Redis's periods, shortened so a failover fits in seconds of virtual time. */
    static final Timing SIM_TIMING = new Timing(1000, 1000, 2000, 1000, 30_000, 2000, 5000, 5000, 1000, 5000,
            60_000, 30_000);

    static SimSetup draw(SplittableRandom random, int sentinels) {
        int majority = sentinels / 2 + 1;
        int quorum = random.nextInt(5) == 0 ? Math.min(sentinels, majority + 1) : majority;
        int[] priorities = {100, 100, 100};
        int[] choices = {100, 100, 50, 10, 0};
        priorities[1] = choices[random.nextInt(choices.length)];
        priorities[2] = choices[random.nextInt(priorities[1] == 0 ? choices.length - 1 : choices.length)];
        return new SimSetup(sentinels, quorum, 1000 + random.nextLong(2001), 6000 + random.nextLong(4001),
                1 + random.nextInt(2), priorities, random.nextBoolean(), SIM_TIMING, 1);
    }

    /**
     * A node outage's shape: {@code masters} masters with one replica each (priority 100), quorum 2 of 3 or 3 of 5,
     * down-after 1 s, failover-timeout 10 s, as in the mass-failover benchmark.
     */
    static SimSetup many(SplittableRandom random, int sentinels, int masters) {
        return new SimSetup(sentinels, sentinels / 2 + 1, 1000, 10_000, 1, new int[] {100, 100},
                random.nextBoolean(), SIM_TIMING, masters);
    }

    /** Redis instances per master group: the master and its replicas. */
    int groupSize() {
        return priorities.length;
    }
}
