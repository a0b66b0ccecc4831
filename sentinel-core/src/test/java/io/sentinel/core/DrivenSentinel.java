package io.sentinel.core;

import io.sentinel.core.action.Action;
import io.sentinel.core.action.Publish;
import io.sentinel.core.config.Timing;
import io.sentinel.core.input.Input;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A test driving one {@link Sentinel} as the shell does, input by input at given times: a sentinel monitoring
 * {@link Fixtures#MASTER} (quorum 2) created at 1000 ms.
 */
abstract class DrivenSentinel {
    protected Sentinel sentinel;

    /** A fresh sentinel with this down-after and random seed; call it from the test's {@code @BeforeEach}. */
    protected void start(long downAfterMillis, long seed) {
        sentinel = new Sentinel(Fixtures.config(Fixtures.master(2, downAfterMillis)), Timing.DEFAULTS,
                new SplittableRandom(seed), 1000);
    }

    protected List<Action> at(long now, Input input) {
        return sentinel.handle(input, now);
    }

    /** The events of a batch as redis-sentinel logs them. */
    static List<String> events(List<Action> batch) {
        return batch.stream().filter(a -> a instanceof Publish).map(a -> ((Publish) a).event().logLine()).toList();
    }
}
