package io.sentinel.server.resp;

import java.util.function.LongSupplier;

/**
 * Redis's trackInstantaneousMetric: every 100 ms, the rate per second since the previous sample goes into a ring
 * of 16; the instantaneous value is their mean. One per metric (ops, input bytes, output bytes).
 */
final class InstantaneousRates {
    static final long SAMPLE_PERIOD_MILLIS = 100;
    private static final int SAMPLES = 16;

    private final LongSupplier counter;
    private final double[] samples = new double[SAMPLES];
    private int next;
    private long lastValue;
    private long lastAtMillis;

    InstantaneousRates(LongSupplier counter, long nowMillis) {
        this.counter = counter;
        this.lastValue = counter.getAsLong();
        this.lastAtMillis = nowMillis;
    }

    /**
     * Called every {@link #SAMPLE_PERIOD_MILLIS} on one thread; true when the whole window is zero (nothing counted
     * for 16 samples), so sampling may stop until the counter moves again.
     */
    synchronized boolean sample(long nowMillis) {
        long value = counter.getAsLong();
        long elapsed = nowMillis - lastAtMillis;
        samples[next] = elapsed > 0 ? (value - lastValue) * 1000.0 / elapsed : 0;
        next = (next + 1) % SAMPLES;
        lastValue = value;
        lastAtMillis = nowMillis;
        for (double s : samples) {
            if (s != 0) return false;
        }
        return true;
    }

    /** Sampling starts again after a pause: what was counted since the last sample goes into the next one. */
    synchronized void restart(long nowMillis) {
        lastAtMillis = nowMillis;
    }

    synchronized boolean changedSinceSample() {
        return counter.getAsLong() != lastValue;
    }

    /** Mean of the last 16 rates, per second. */
    synchronized double perSecond() {
        double sum = 0;
        for (double s : samples) sum += s;
        return sum / SAMPLES;
    }
}
