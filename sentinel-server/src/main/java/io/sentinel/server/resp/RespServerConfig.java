package io.sentinel.server.resp;

import io.sentinel.core.config.SentinelConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the RESP server needs to know.
 *
 * @param bind        addresses to listen on; empty = every address of the host, like redis-sentinel without bind
 * @param port        TCP port (26379 by default); 0 picks a free one, see {@link RespServer#port()}
 * @param requirePass password of the {@code default} user; null or empty = no password
 * @param userLines   sentinel.conf {@code user} lines without the word {@code user}: a name, then ACL rules
 * @param limits      request and output caps
 * @param clients     idle timeout, keepalive, ACL LOG length, command renames, pubsub soft limit
 * @param listen      listen backlog and the Unix socket listener
 * @param aclFile     the {@code aclfile} (users at start, ACL LOAD and SAVE), or null
 */
public record RespServerConfig(
        List<String> bind,
        int port,
        String requirePass,
        List<String> userLines,
        RespLimits limits,
        ClientSettings clients,
        ListenSettings listen,
        AclFile aclFile) {

    public RespServerConfig {
        bind = List.copyOf(bind);
        userLines = List.copyOf(userLines);
        if (port < 0 || port > 65535) throw new IllegalArgumentException("bad port " + port);
        Objects.requireNonNull(clients);
        Objects.requireNonNull(listen);
    }

    public RespServerConfig(List<String> bind, int port, String requirePass, List<String> userLines,
            RespLimits limits, ClientSettings clients) {
        this(bind, port, requirePass, userLines, limits, clients, ListenSettings.DEFAULTS, null);
    }

    public RespServerConfig(List<String> bind, int port, String requirePass, List<String> userLines,
            RespLimits limits) {
        this(bind, port, requirePass, userLines, limits, ClientSettings.DEFAULTS);
    }

    /** Loopback only, no password, default limits: for tests. */
    public static RespServerConfig loopback(int port) {
        return new RespServerConfig(List.of("127.0.0.1"), port, null, List.of(), RespLimits.defaults());
    }

    public static RespServerConfig from(SentinelConfig cfg) {
        return from(cfg, Map.of());
    }

    /** With the client directives the config reader checked ({@code LoadedConfig.serverSettings()}). */
    public static RespServerConfig from(SentinelConfig cfg, Map<String, String> serverSettings) {
        Path dir = cfg.dir() == null ? Path.of("") : Path.of(cfg.dir());
        return new RespServerConfig(cfg.bind(), cfg.port(), cfg.requirePass(), cfg.users(),
                ClientSettings.limits(RespLimits.defaults(), serverSettings), ClientSettings.from(serverSettings),
                ListenSettings.from(serverSettings, dir), aclFile(serverSettings.get("aclfile"), dir));
    }

    /** {@code aclfile ""} is none, as in Redis; a relative path is opened in {@code dir}, as Redis after its chdir. */
    private static AclFile aclFile(String name, Path dir) {
        if (name == null || name.isEmpty()) return null;
        return new AclFile(name, dir.resolve(name).toAbsolutePath().normalize());
    }

    public RespServerConfig withRequirePass(String password) {
        return new RespServerConfig(bind, port, password, userLines, limits, clients, listen, aclFile);
    }

    public RespServerConfig withLimits(RespLimits newLimits) {
        return new RespServerConfig(bind, port, requirePass, userLines, newLimits, clients, listen, aclFile);
    }

    public RespServerConfig withClients(ClientSettings settings) {
        return new RespServerConfig(bind, port, requirePass, userLines, limits, settings, listen, aclFile);
    }

    public RespServerConfig withListen(ListenSettings settings) {
        return new RespServerConfig(bind, port, requirePass, userLines, limits, clients, settings, aclFile);
    }
}
