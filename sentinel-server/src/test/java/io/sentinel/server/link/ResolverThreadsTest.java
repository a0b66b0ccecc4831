package io.sentinel.server.link;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResolverThreadsTest {
    @Test
    void theSystemResolverAnswersLocalhostOffTheCallingThread() throws Exception {
        try (ResolverThreads system = ResolverThreads.system()) {
            InetAddress localhost = system.resolve("localhost").get(5, TimeUnit.SECONDS);
            assertTrue(localhost.isLoopbackAddress(), localhost.toString());
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> system.resolve("no-such-name.invalid").get(30, TimeUnit.SECONDS));
            assertTrue(e.getCause() instanceof UnknownHostException, e.toString());
        }
    }

    @Test
    void hangingLookupsHoldOnlyTheResolverThreadsAndAFullQueueFailsAtOnce() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (ResolverThreads hung = new ResolverThreads(host -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new UnknownHostException(host + ": released");
        })) {
            List<CompletableFuture<InetAddress>> waiting = new ArrayList<>();
            for (int i = 0; i < ResolverThreads.THREADS + ResolverThreads.QUEUE; i++) waiting.add(hung.resolve("n" + i));
            CompletableFuture<InetAddress> rejected = hung.resolve("one-too-many");
            assertTrue(rejected.isCompletedExceptionally(), "a full queue answers at once");
            ExecutionException e = assertThrows(ExecutionException.class, rejected::get);
            assertEquals("one-too-many: resolver busy", e.getCause().getMessage());
            assertFalse(waiting.get(0).isDone());
            release.countDown();
            for (CompletableFuture<InetAddress> w : waiting) {
                assertThrows(ExecutionException.class, () -> w.get(5, TimeUnit.SECONDS));
            }
        }
    }
}
