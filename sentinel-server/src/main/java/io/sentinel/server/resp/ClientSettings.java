package io.sentinel.server.resp;

import io.sentinel.server.config.ConfTokens;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * redis-server 7.0's client directives as a sentinel obeys them (checked when the config is read).
 *
 * @param idleTimeoutSeconds   {@code timeout}: close a client idle this long; 0 never (subscribers and clients held
 *                             by CLIENT PAUSE are exempt, as in Redis)
 * @param tcpKeepAliveSeconds  {@code tcp-keepalive}: the clients' TCP keepalive idle time; 0 turns keepalive off
 * @param aclLogMaxLen         {@code acllog-max-len}: ACL LOG entries kept
 * @param renames              top-level {@code rename-command}: original command (lower case) to its new name,
 *                             {@code ""} when removed
 * @param pubsubSoftLimitBytes {@code client-output-buffer-limit pubsub}'s soft limit (0: none)
 * @param pubsubSoftLimitSeconds how long a subscriber may stay above the soft limit
 */
public record ClientSettings(
        int idleTimeoutSeconds,
        int tcpKeepAliveSeconds,
        int aclLogMaxLen,
        Map<String, String> renames,
        long pubsubSoftLimitBytes,
        long pubsubSoftLimitSeconds) {

    /** Redis 7.0's defaults: no idle timeout, keepalive 300 s, 128 ACL LOG entries, pubsub soft limit 8mb for 60 s. */
    public static final ClientSettings DEFAULTS = new ClientSettings(0, 300, 128, Map.of(), 8L * 1024 * 1024, 60);

    public ClientSettings {
        renames = Map.copyOf(renames);
        if (idleTimeoutSeconds < 0 || tcpKeepAliveSeconds < 0 || aclLogMaxLen < 0 || pubsubSoftLimitBytes < 0
                || pubsubSoftLimitSeconds < 0) {
            throw new IllegalArgumentException("negative client setting");
        }
    }

    /** From the server settings the config reader checked ({@code maxclients} and the hard limit: see RespLimits). */
    public static ClientSettings from(Map<String, String> s) {
        Map<String, String> renames = new LinkedHashMap<>();
        if (s.containsKey("rename-command")) {
            List<String> pairs = ConfTokens.split(s.get("rename-command"));
            for (int i = 0; i + 1 < pairs.size(); i += 2) renames.put(pairs.get(i), pairs.get(i + 1));
        }
        long[] pubsub = pubsubLimit(s);
        return new ClientSettings(intOf(s, "timeout", DEFAULTS.idleTimeoutSeconds),
                intOf(s, "tcp-keepalive", DEFAULTS.tcpKeepAliveSeconds),
                intOf(s, "acllog-max-len", DEFAULTS.aclLogMaxLen), renames,
                pubsub == null ? DEFAULTS.pubsubSoftLimitBytes : pubsub[1],
                pubsub == null ? DEFAULTS.pubsubSoftLimitSeconds : pubsub[2]);
    }

    /** RespLimits with {@code maxclients} and the pubsub hard limit of the settings applied. */
    public static RespLimits limits(RespLimits base, Map<String, String> s) {
        RespLimits out = base;
        if (s.containsKey("maxclients")) out = out.withMaxClients(intOf(s, "maxclients", base.maxClients()));
        long[] pubsub = pubsubLimit(s);
        // hard 0: no hard limit, as Redis
        if (pubsub != null) out = out.withPubsubOutputLimitBytes(pubsub[0] == 0 ? Long.MAX_VALUE : pubsub[0]);
        return out;
    }

    /** {@code hard soft seconds}, or null when not configured. */
    private static long[] pubsubLimit(Map<String, String> s) {
        String v = s.get("client-output-buffer-limit pubsub");
        if (v == null) return null;
        String[] parts = v.split(" ");
        return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2])};
    }

    /** Values above an int's range (maxclients allows 2^32-1, acllog-max-len a long) mean "no limit" here. */
    private static int intOf(Map<String, String> s, String key, int fallback) {
        String v = s.get(key);
        return v == null ? fallback : (int) Math.min(Integer.MAX_VALUE, Long.parseLong(v));
    }
}
