package io.sentinel.server.command;

import io.sentinel.core.admin.Glob;
import io.sentinel.core.config.SentinelConfig;
import io.sentinel.server.reply.Resp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code SENTINEL CONFIG GET <pattern>}: the global parameters redis-sentinel 7.0 exposes, in its order, those whose
 * name matches the glob (case-insensitive). Unset strings read as empty, as in Redis.
 */
final class ConfigGet {
    private ConfigGet() {
    }

    /**
     * Redis 7.2's several patterns at once: per pattern, the parameters it matches in the fixed order, each parameter
     * once however many patterns match it. {@code logLevel} is the current {@code loglevel}.
     */
    static Resp reply(SentinelConfig c, String logLevel, List<String> patterns) {
        List<String> all = List.of(
                "resolve-hostnames", yesNo(c.resolveHostnames()),
                "announce-hostnames", yesNo(c.announceHostnames()),
                "announce-ip", orEmpty(c.announceIp()),
                "announce-port", Integer.toString(c.announcePort()),
                "sentinel-user", orEmpty(c.sentinelUser()),
                "sentinel-pass", orEmpty(c.sentinelPass()));
        Map<String, String> shown = new LinkedHashMap<>();
        for (String pattern : patterns) {
            for (int i = 0; i < all.size(); i += 2) {
                if (Glob.matchesIgnoreCase(pattern, all.get(i))) shown.putIfAbsent(all.get(i), all.get(i + 1));
            }
            // loglevel (7.2) and ours, named exactly only: SENTINEL CONFIG GET * stays redis-sentinel 7.0's
            if ("loglevel".equalsIgnoreCase(pattern)) shown.putIfAbsent("loglevel", logLevel);
            if ("forget-unresolved-after".equalsIgnoreCase(pattern)) {
                shown.putIfAbsent("forget-unresolved-after", Long.toString(c.forgetUnresolvedAfterMillis()));
            }
        }
        List<String> kv = new ArrayList<>();
        shown.forEach((k, v) -> {
            kv.add(k);
            kv.add(v);
        });
        return Resp.bulkMap(kv);
    }

    private static String yesNo(boolean b) {
        return b ? "yes" : "no";
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
