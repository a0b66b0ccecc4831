package io.sentinel.server.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sentinel.core.Sentinel;
import io.sentinel.core.action.Action;
import io.sentinel.core.action.Outcome;
import io.sentinel.core.config.SentinelConfig;
import io.sentinel.core.config.Timing;
import io.sentinel.core.input.AdminRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The core thread's order of work, with a real core and a dispatcher that records what reaches the links. */
class CoreLoopTest {
    final AtomicBoolean linksReady = new AtomicBoolean();
    final List<Action> toLinks = Collections.synchronizedList(new ArrayList<>());

    CoreLoop loop() {
        SentinelConfig config = SentinelConfig.defaults("/tmp").withRuntime("a".repeat(40), 0, List.of());
        Sentinel sentinel = new Sentinel(config, Timing.DEFAULTS, new SplittableRandom(1), MonotonicClock.millis());
        ActionDispatcher dispatcher = new ActionDispatcher(c -> { }, a -> {
            if (!linksReady.get()) throw new IllegalStateException("links not made yet");
            toLinks.add(a);
        }, e -> { }, r -> { });
        return new CoreLoop(sentinel, dispatcher, () -> { });
    }

    /** Regression: a SENTINEL MONITOR answered before start-up finished lost its reply (MonitoringIT, flaky). */
    @Test
    void aCommandSentBeforeStartIsAnsweredAfterStart() throws Exception {
        try (CoreLoop loop = loop()) {
            CompletableFuture<Outcome> reply = loop.request(id -> new AdminRequest.Monitor(id, "other", "127.0.0.1",
                    6380, 1)).toCompletableFuture();
            Thread.sleep(50); // give a wrongly eager core thread the chance to run it now
            assertFalse(reply.isDone(), "held until the links exist");
            linksReady.set(true);
            loop.start();
            assertEquals(Outcome.OK, reply.get(5, TimeUnit.SECONDS));
            assertEquals(1, toLinks.stream().filter(a -> a instanceof io.sentinel.core.action.OpenLink).count());
        }
    }

    @Test
    void actionsThatFailStillAnswerTheClient() throws Exception {
        try (CoreLoop loop = loop()) {
            loop.start();
            CompletableFuture<Outcome> reply = loop.request(id -> new AdminRequest.Monitor(id, "other", "127.0.0.1",
                    6380, 1)).toCompletableFuture();
            ExecutionException failed = assertThrows(ExecutionException.class, () -> reply.get(5, TimeUnit.SECONDS));
            assertInstanceOf(RuntimeException.class, failed.getCause());
        }
    }
}
