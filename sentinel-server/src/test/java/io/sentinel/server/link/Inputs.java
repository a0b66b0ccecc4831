package io.sentinel.server.link;

import io.sentinel.core.input.Input;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.fail;

/** The sink of a LinkManager under test: a queue read with deadlines; a timeout prints what did arrive. */
final class Inputs implements Consumer<Input> {
    private final BlockingQueue<Input> queue = new LinkedBlockingQueue<>();
    private final List<Input> seen = new ArrayList<>();

    @Override
    public void accept(Input input) {
        queue.add(input);
    }

    /** The next input of {@code type} matching {@code test}, skipping others; fails after {@code timeout}. */
    <T extends Input> T await(Class<T> type, Predicate<T> test, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Input in = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
            if (in == null) fail("no " + type.getSimpleName() + " within " + timeout + "; seen: " + tail());
            seen.add(in);
            if (type.isInstance(in) && test.test(type.cast(in))) return type.cast(in);
        }
    }

    <T extends Input> T await(Class<T> type, Duration timeout) throws InterruptedException {
        return await(type, x -> true, timeout);
    }

    /** Every input up to and including the first one matching {@code last}. */
    List<Input> until(Predicate<Input> last, Duration timeout) throws InterruptedException {
        int from = seen.size();
        await(Input.class, last, timeout);
        return List.copyOf(seen.subList(from, seen.size()));
    }

    private List<Input> tail() {
        return seen.subList(Math.max(0, seen.size() - 20), seen.size());
    }
}
