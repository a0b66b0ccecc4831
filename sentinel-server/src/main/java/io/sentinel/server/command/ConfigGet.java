package io.sentinel.server.command;

import io.sentinel.core.admin.Glob;
import io.sentinel.core.config.SentinelConfig;
import io.sentinel.server.reply.Resp;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code SENTINEL CONFIG GET <pattern>}: the global parameters redis-sentinel 7.0 exposes, in its order, those whose
 * name matches the glob (case-insensitive). Unset strings read as empty, as in Redis.
 */
final class ConfigGet {
    private ConfigGet() {
    }

    static Resp reply(SentinelConfig c, String pattern) {
        List<String> all = List.of(
                "resolve-hostnames", yesNo(c.resolveHostnames()),
                "announce-hostnames", yesNo(c.announceHostnames()),
                "announce-ip", orEmpty(c.announceIp()),
                "announce-port", Integer.toString(c.announcePort()),
                "sentinel-user", orEmpty(c.sentinelUser()),
                "sentinel-pass", orEmpty(c.sentinelPass()));
        List<String> kv = new ArrayList<>();
        for (int i = 0; i < all.size(); i += 2) {
            if (Glob.matchesIgnoreCase(pattern, all.get(i))) {
                kv.add(all.get(i));
                kv.add(all.get(i + 1));
            }
        }
        // ours, named exactly only: SENTINEL CONFIG GET * stays field for field redis-sentinel's
        if ("forget-unresolved-after".equalsIgnoreCase(pattern)) {
            kv.add("forget-unresolved-after");
            kv.add(Long.toString(c.forgetUnresolvedAfterMillis()));
        }
        return Resp.bulkMap(kv);
    }

    private static String yesNo(boolean b) {
        return b ? "yes" : "no";
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
