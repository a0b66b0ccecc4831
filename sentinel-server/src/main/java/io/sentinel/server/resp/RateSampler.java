package io.sentinel.server.resp;

import io.netty.channel.EventLoop;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * serverCron's instantaneous metrics (INFO's {@code instantaneous_ops_per_sec}, {@code _input_kbps},
 * {@code _output_kbps}): a sample every 100 ms while clients talk to us. Redis samples on every cron tick; we stop
 * once a whole window (1.6 s) of samples is zero, and the next byte read or written by any client starts it
 * again ({@link #traffic}, called by {@link NetCounters}). An idle sentinel then does not wake a thread ten times
 * a second to add zeros: that was about a sixth of its idle CPU.
 */
final class RateSampler {
    final InstantaneousRates ops;
    final InstantaneousRates input;
    final InstantaneousRates output;
    private final LongSupplier clock;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile EventLoop loop;
    private volatile ScheduledFuture<?> task;
    private volatile boolean closed;

    RateSampler(LongSupplier ops, LongSupplier inputBytes, LongSupplier outputBytes, LongSupplier clock) {
        long now = clock.getAsLong();
        this.ops = new InstantaneousRates(ops, now);
        this.input = new InstantaneousRates(inputBytes, now);
        this.output = new InstantaneousRates(outputBytes, now);
        this.clock = clock;
    }

    /** Samples on {@code loop} from now on, whenever there is traffic. */
    void start(EventLoop loop) {
        this.loop = loop;
        traffic();
    }

    /** A client read or wrote something: sample again if we had stopped. Cheap when running (one volatile read). */
    void traffic() {
        if (running.get() || closed || loop == null || !running.compareAndSet(false, true)) return;
        try {
            loop.execute(this::resume);
        } catch (RejectedExecutionException e) {
            running.set(false);  // the loops are shutting down: nothing left to sample for
        }
    }

    private void resume() {
        if (closed) return;
        long now = clock.getAsLong();
        ops.restart(now);
        input.restart(now);
        output.restart(now);
        long period = InstantaneousRates.SAMPLE_PERIOD_MILLIS;
        task = loop.scheduleAtFixedRate(this::sample, period, period, TimeUnit.MILLISECONDS);
    }

    private void sample() {
        long now = clock.getAsLong();
        boolean idle = ops.sample(now) & input.sample(now) & output.sample(now);
        if (!idle) return;
        task.cancel(false);
        running.set(false);
        // a client that wrote between the last sample and the flag above found us running: look once more
        if (ops.changedSinceSample() || input.changedSinceSample() || output.changedSinceSample()) traffic();
    }

    /** True while a sample is scheduled. */
    boolean sampling() {
        return running.get();
    }

    void close() {
        closed = true;
        ScheduledFuture<?> t = task;
        if (t != null) t.cancel(false);
    }
}
