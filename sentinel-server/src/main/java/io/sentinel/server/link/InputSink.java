package io.sentinel.server.link;

import io.sentinel.core.input.Input;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * Hands inputs to the core's sink from one I/O thread, in the order they were emitted: never straight back into the
 * core thread that sent a rejected command, never out of order between a LinkLost and the failures it causes. A
 * failing sink is logged, never thrown into an I/O thread.
 */
final class InputSink {
    private static final Logger log = LoggerFactory.getLogger(InputSink.class);

    private final Consumer<Input> sink;
    private final Executor serialExecutor;

    InputSink(Consumer<Input> sink, Executor serialExecutor) {
        this.sink = sink;
        this.serialExecutor = serialExecutor;
    }

    void emit(Input input) {
        try {
            serialExecutor.execute(() -> deliver(input));
        } catch (RejectedExecutionException e) {
            deliver(input); // shutting down: still exactly one answer per command
        }
    }

    private void deliver(Input input) {
        try {
            sink.accept(input);
        } catch (RuntimeException e) {
            log.error("input sink failed on {}", input, e);
        }
    }
}
