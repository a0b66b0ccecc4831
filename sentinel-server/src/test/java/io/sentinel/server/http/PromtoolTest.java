package io.sentinel.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sentinel.core.event.Event;
import io.sentinel.core.event.EventType;
import io.sentinel.core.model.Address;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Prometheus's own checks, when {@code promtool} is installed (Debian package {@code prometheus}); skipped
 * otherwise. promtool must flag nothing (redis_exporter's {@code ..._down_after_milliseconds} is exposed in
 * seconds, as {@code ..._down_after_seconds}, for that reason).
 */
class PromtoolTest {
    private static Path promtool;
    private static Path alerts;

    @BeforeAll
    static void find() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, "promtool");
            if (Files.isExecutable(p)) promtool = p;
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("docs/alerts"))) dir = dir.getParent();
        if (dir != null) alerts = dir.resolve("docs/alerts");
    }

    record Result(int exit, String output) {
    }

    private static Result run(String stdin, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(promtool.toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            try (OutputStream in = p.getOutputStream()) {
                if (stdin != null) in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "promtool did not finish");
            return new Result(p.exitValue(), out);
        } finally {
            p.destroyForcibly();
        }
    }

    /** A scrape with every kind of meter present: view gauges, counters with labels, histograms. */
    private static String fullScrape() {
        long now = 100_000;
        try (SentinelMetrics m = new SentinelMetrics(() -> MetricsFixtures.healthy(2, now), () -> now, () -> 1,
                () -> 1)) {
            Event.Instance master = Event.Instance.master("m0", new Address("127.0.0.1", 7000));
            for (EventType t : EventType.values()) m.onEvent(new Event(t, "m0", master, ""));
            m.recordStateWrite(2_000_000);
            return m.scrape(null);
        }
    }

    @Test
    void everyMetricPassesPromtoolLint() throws Exception {
        assumeTrue(promtool != null, "promtool not installed");
        Result r = run(fullScrape(), "check", "metrics");
        assertEquals(0, r.exit(), "promtool check metrics:\n" + r.output());
        assertEquals("", r.output().strip(), "lint problems");
    }

    @Test
    void alertRulesAreValid() throws Exception {
        assumeTrue(promtool != null, "promtool not installed");
        Result r = run(null, "check", "rules", alerts.resolve("sentinel-rules.yml").toString());
        assertEquals(0, r.exit(), r.output());
    }

    @Test
    void alertRulesFireAsTheirUnitTestsExpect() throws Exception {
        assumeTrue(promtool != null, "promtool not installed");
        Result r = run(null, "test", "rules", alerts.resolve("sentinel-rules.test.yml").toString());
        assertEquals(0, r.exit(), r.output());
    }
}
