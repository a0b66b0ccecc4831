package io.sentinel.server.http;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Measures, does not judge: mean time and bytes allocated per scrape of a view with 10 masters (2 replicas, 2 peer
 * sentinels each), after warm-up. Prints one line; the numbers go in docs/metrics.md. More rounds with
 * {@code -Dscrape.rounds=N}.
 */
class ScrapeCostTest {
    @Test
    void scrapeTimeAndAllocation() {
        int rounds = Integer.getInteger("scrape.rounds", 1000);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long now = 1_000_000;
        var view = MetricsFixtures.healthy(10, now);
        try (SentinelMetrics metrics = new SentinelMetrics(() -> view, () -> now, () -> 10, () -> 3)) {
            int size = 0;
            for (int i = 0; i < rounds; i++) size = metrics.scrape(null).length();
            long id = Thread.currentThread().getId();
            long bytes0 = threads.getThreadAllocatedBytes(id);
            long t0 = System.nanoTime();
            for (int i = 0; i < rounds; i++) size = metrics.scrape(null).length();
            long nanos = System.nanoTime() - t0;
            long bytes = threads.getThreadAllocatedBytes(id) - bytes0;
            System.out.printf(Locale.ROOT, "scrape of 10 masters x (2 replicas, 2 sentinels): %d chars, mean %.1f us,"
                    + " %d bytes allocated per scrape (%d rounds after %d warm-up)%n", size, nanos / 1e3 / rounds,
                    bytes / rounds, rounds, rounds);
            assertTrue(size > 0);
        }
    }
}
