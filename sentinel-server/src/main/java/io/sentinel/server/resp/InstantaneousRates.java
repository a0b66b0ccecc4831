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

    /** Called every {@link #SAMPLE_PERIOD_MILLIS} on one thread. */
    synchronized void sample(long nowMillis) {
        long value = counter.getAsLong();
        long elapsed = nowMillis - lastAtMillis;
        samples[next] = elapsed > 0 ? (value - lastValue) * 1000.0 / elapsed : 0;
        next = (next + 1) % SAMPLES;
        lastValue = value;
        lastAtMillis = nowMillis;
    }

    /** Mean of the last 16 rates, per second. */
    synchronized double perSecond() {
        double sum = 0;
        for (double s : samples) sum += s;
        return sum / SAMPLES;
    }
}
