package io.sentinel.core.sim;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The network between sim nodes (named "S0".., "R0"..): every message gets a random delay (a few take much longer,
 * so messages overtake each other), may be dropped, and does not cross a partition.
 */
final class SimNetwork {
    static final long MAX_DELAY_MILLIS = 20;
    static final long SLOW_DELAY_MILLIS = 700;
    /** A calm network's slowest message: a round trip stays under the smallest down-after (1 s). */
    static final long CALM_SLOW_DELAY_MILLIS = 400;

    private final SplittableRandom random;
    private final Map<String, Integer> side = new HashMap<>();
    private double dropRate;
    private long slowDelayMillis = SLOW_DELAY_MILLIS;

    SimNetwork(SplittableRandom random) {
        this.random = random;
    }

    boolean canTalk(String a, String b) {
        return side.getOrDefault(a, 0).equals(side.getOrDefault(b, 0));
    }

    /** Cuts {@code island} off from every other node. */
    void partition(Collection<String> island) {
        side.clear();
        for (String n : island) side.put(n, 1);
    }

    void heal() {
        side.clear();
    }

    boolean partitioned() {
        return !side.isEmpty();
    }

    void dropRate(double rate) {
        dropRate = rate;
    }

    double dropRate() {
        return dropRate;
    }

    boolean dropped() {
        return dropRate > 0 && random.nextDouble() < dropRate;
    }

    void slowDelayMillis(long millis) {
        slowDelayMillis = millis;
    }

    long delay() {
        if (random.nextInt(50) == 0) return 1 + random.nextLong(slowDelayMillis);
        return 1 + random.nextLong(MAX_DELAY_MILLIS);
    }
}
