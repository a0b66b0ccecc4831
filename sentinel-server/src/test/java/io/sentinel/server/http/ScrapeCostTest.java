package io.sentinel.server.http;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentinel.core.view.SentinelView;
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

    /**
     * A failover of every master at once (a node outage): each scrape sees all 100 masters at new addresses, so all
     * their rows go and new ones come. Micrometer 1.14.2 removed each meter by walking every meter of the registry
     * (micrometer #5466): 100-170 ms per scrape in a mass-failover profile, on the sentinel's busiest second.
     */
    @Test
    void scrapeAfterEveryMasterMoved() {
        int rounds = Integer.getInteger("scrape.rounds", 1000) / 20;
        long now = 1_000_000;
        var views = new SentinelView[] {MetricsFixtures.healthy(100, now, 7000),
            MetricsFixtures.healthy(100, now, 17000)};
        int[] which = {0};
        try (SentinelMetrics metrics = new SentinelMetrics(() -> views[which[0]], () -> now, () -> 10, () -> 3)) {
            int size = 0;
            for (int i = 0; i < rounds; i++, which[0] ^= 1) size = metrics.scrape(null).length();
            long t0 = System.nanoTime();
            for (int i = 0; i < rounds; i++, which[0] ^= 1) size = metrics.scrape(null).length();
            long nanos = System.nanoTime() - t0;
            System.out.printf(Locale.ROOT, "scrape of 100 masters x (2 replicas, 2 sentinels), all moved since the last"
                    + " scrape: %d chars, mean %.1f us (%d rounds after %d warm-up)%n", size, nanos / 1e3 / rounds,
                    rounds, rounds);
            assertTrue(size > 0);
        }
    }
}
