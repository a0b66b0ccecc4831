package io.sentinel.server.resp;

import io.sentinel.core.config.SentinelConfig;
import java.util.List;
import java.util.Map;

/**
 * What the RESP server needs to know.
 *
 * @param bind        addresses to listen on; empty = every address of the host, like redis-sentinel without bind
 * @param port        TCP port (26379 by default); 0 picks a free one, see {@link RespServer#port()}
 * @param requirePass password of the {@code default} user; null or empty = no password
 * @param userLines   sentinel.conf {@code user} lines without the word {@code user}: a name, then ACL rules
 * @param limits      request and output caps
 * @param ioThreads   event loop threads serving clients (1 or 2 is plenty for a sentinel)
 * @param clients     idle timeout, keepalive, ACL LOG length, command renames, pubsub soft limit
 */
public record RespServerConfig(
        List<String> bind,
        int port,
        String requirePass,
        List<String> userLines,
        RespLimits limits,
        int ioThreads,
        ClientSettings clients) {

    public RespServerConfig {
        bind = List.copyOf(bind);
        userLines = List.copyOf(userLines);
        if (port < 0 || port > 65535) throw new IllegalArgumentException("bad port " + port);
        if (ioThreads < 1) throw new IllegalArgumentException("ioThreads must be >= 1");
        java.util.Objects.requireNonNull(clients);
    }

    public RespServerConfig(List<String> bind, int port, String requirePass, List<String> userLines,
            RespLimits limits, int ioThreads) {
        this(bind, port, requirePass, userLines, limits, ioThreads, ClientSettings.DEFAULTS);
    }

    /** Loopback only, no password, default limits: for tests. */
    public static RespServerConfig loopback(int port) {
        return new RespServerConfig(List.of("127.0.0.1"), port, null, List.of(), RespLimits.defaults(), 1);
    }

    public static RespServerConfig from(SentinelConfig cfg) {
        return from(cfg, Map.of());
    }

    /** With the client directives the config reader checked ({@code LoadedConfig.serverSettings()}). */
    public static RespServerConfig from(SentinelConfig cfg, Map<String, String> serverSettings) {
        return new RespServerConfig(cfg.bind(), cfg.port(), cfg.requirePass(), cfg.users(),
                ClientSettings.limits(RespLimits.defaults(), serverSettings), 2, ClientSettings.from(serverSettings));
    }

    public RespServerConfig withRequirePass(String password) {
        return new RespServerConfig(bind, port, password, userLines, limits, ioThreads, clients);
    }

    public RespServerConfig withLimits(RespLimits newLimits) {
        return new RespServerConfig(bind, port, requirePass, userLines, newLimits, ioThreads, clients);
    }

    public RespServerConfig withClients(ClientSettings settings) {
        return new RespServerConfig(bind, port, requirePass, userLines, limits, ioThreads, settings);
    }
}
