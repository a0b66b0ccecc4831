package io.sentinel.core.config;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Every internal period of the sentinel in one place, in milliseconds, with Redis's defaults. {@code SENTINEL DEBUG}
 * lists and changes them by these names, so tests can shorten them.
 */
public record Timing(
        long pingPeriod,
        long askPeriod,
        long infoPeriod,
        long publishPeriod,
        long defaultDownAfter,
        long tiltTrigger,
        long tiltPeriod,
        long slaveReconfTimeout,
        long minLinkReconnectPeriod,
        long electionTimeout,
        long scriptMaxRuntime,
        long scriptRetryDelay) {

    public static final Timing DEFAULTS = new Timing(1000, 1000, 10_000, 2000, 30_000, 2000, 30_000, 10_000, 15_000,
            10_000, 60_000, 30_000);

    /** The names {@code SENTINEL DEBUG} uses, in Redis's order, with their values. */
    public Map<String, Long> asMap() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("info-period", infoPeriod);
        m.put("ping-period", pingPeriod);
        m.put("ask-period", askPeriod);
        m.put("publish-period", publishPeriod);
        m.put("default-down-after", defaultDownAfter);
        m.put("tilt-trigger", tiltTrigger);
        m.put("tilt-period", tiltPeriod);
        m.put("slave-reconf-timeout", slaveReconfTimeout);
        m.put("min-link-reconnect-period", minLinkReconnectPeriod);
        m.put("election-timeout", electionTimeout);
        m.put("script-max-runtime", scriptMaxRuntime);
        m.put("script-retry-delay", scriptRetryDelay);
        return m;
    }

    /** A copy with one period changed; null when {@code name} is not a period. Values must be positive. */
    public Timing with(String name, long value) {
        if (value <= 0) throw new IllegalArgumentException("period must be positive");
        Map<String, Long> m = asMap();
        String key = name.toLowerCase(Locale.ROOT);
        if (!m.containsKey(key)) return null;
        m.put(key, value);
        return new Timing(m.get("ping-period"), m.get("ask-period"), m.get("info-period"), m.get("publish-period"),
                m.get("default-down-after"), m.get("tilt-trigger"), m.get("tilt-period"),
                m.get("slave-reconf-timeout"), m.get("min-link-reconnect-period"), m.get("election-timeout"),
                m.get("script-max-runtime"), m.get("script-retry-delay"));
    }
}
