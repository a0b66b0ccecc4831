package io.sentinel.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The scrape parser MetricsIT relies on: a wrong parse would make its assertions vacuous. */
class PromTextTest {
    static final String TEXT = String.join("\n",
            "# HELP redis_sentinel_masters The number of masters",
            "# TYPE redis_sentinel_masters gauge",
            "redis_sentinel_masters 1.0",
            "redis_sentinel_master_ckquorum_status{master_name=\"m\",message=\"NOQUORUM 1 usable. \\\"x\\\" \\\\ y\"} 0.0",
            "sentinel_failover_phase_seconds_bucket{phase=\"promotion\",le=\"+Inf\"} 3",
            "sentinel_failover_phase_seconds_max{phase=\"promotion\"} NaN",
            "sentinel_events_total{type=\"+sdown\"} 2.0 1712345678901",
            "# EOF", "");

    @Test
    void readsNamesLabelsAndValues() {
        PromText p = PromText.parse(TEXT);
        assertEquals(5, p.samples.size());
        assertEquals(1.0, p.value("redis_sentinel_masters"));
        assertEquals(Map.of(), p.one("redis_sentinel_masters").labels());
        assertEquals("NOQUORUM 1 usable. \"x\" \\ y",
                p.one("redis_sentinel_master_ckquorum_status").label("message"));
        assertEquals(3, p.value("sentinel_failover_phase_seconds_bucket", "phase", "promotion", "le", "+Inf"));
        assertTrue(Double.isNaN(p.value("sentinel_failover_phase_seconds_max")));
        assertEquals(2, p.value("sentinel_events_total", "type", "+sdown"), "timestamp ignored");
    }

    @Test
    void oneFailsWhenAbsentOrAmbiguous() {
        PromText p = PromText.parse("a{x=\"1\"} 1\na{x=\"2\"} 2\n");
        assertThrows(AssertionError.class, () -> p.one("a"));
        assertThrows(AssertionError.class, () -> p.one("b"));
        assertEquals(2, p.value("a", "x", "2"));
    }

    @Test
    void rejectsAnUnparseableValue() {
        assertThrows(AssertionError.class, () -> PromText.parse("a 1,5\n"));
    }
}
