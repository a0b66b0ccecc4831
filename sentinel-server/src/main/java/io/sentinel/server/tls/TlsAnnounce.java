package io.sentinel.server.tls;

import io.sentinel.core.config.SentinelConfig;

/**
 * The port our hellos announce. redis-sentinel announces {@code tls-port} when {@code tls-replication yes} and no
 * {@code sentinel announce-port} is set (sentinelSendHello), so peers reach it over TLS. The core announces its
 * {@code announcePort} or else {@code port}; the shell hands it the TLS port as announce port and takes it out again
 * before the configuration is written, so the file keeps what the user wrote.
 */
public final class TlsAnnounce {
    private final int injectedPort;

    private TlsAnnounce(int injectedPort) {
        this.injectedPort = injectedPort;
    }

    /** For the configuration as loaded: announces the TLS port when Redis would. */
    public static TlsAnnounce of(SentinelConfig loaded, TlsSettings s) {
        boolean inject = s.replication() && s.tlsPort() > 0 && loaded.announcePort() == 0;
        return new TlsAnnounce(inject ? s.tlsPort() : 0);
    }

    /** The configuration the core starts from. */
    public SentinelConfig forCore(SentinelConfig c) {
        return injectedPort == 0 || c.announcePort() != 0 ? c : withAnnouncePort(c, injectedPort);
    }

    /** The configuration as written to disk and shown by SENTINEL CONFIG GET: without the injected port. */
    public SentinelConfig forDisk(SentinelConfig c) {
        return injectedPort == 0 || c.announcePort() != injectedPort ? c : withAnnouncePort(c, 0);
    }

    private static SentinelConfig withAnnouncePort(SentinelConfig c, int port) {
        return new SentinelConfig(c.port(), c.bind(), c.dir(), c.logfile(), c.protectedMode(), c.requirePass(),
                c.users(), c.myid(), c.currentEpoch(), c.announceIp(), port, c.resolveHostnames(),
                c.announceHostnames(), c.denyScriptsReconfig(), c.sentinelUser(), c.sentinelPass(), c.masters(),
                c.forgetUnresolvedAfterMillis());
    }
}
