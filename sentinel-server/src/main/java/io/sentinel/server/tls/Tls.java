package io.sentinel.server.tls;

import javax.net.ssl.SSLException;

/**
 * The TLS contexts of one sentinel, made once at startup from the {@code tls-*} settings: the server side when
 * {@code tls-port} is set, the link side when {@code tls-replication yes}. Either may be null.
 */
public final class Tls {
    private final ServerTls server;
    private final ClientTls client;

    private Tls(ServerTls server, ClientTls client) {
        this.server = server;
        this.client = client;
    }

    /** The contexts the settings ask for, or null when TLS is off; a file that cannot be used throws. */
    public static Tls start(TlsSettings s) throws SSLException {
        if (!s.enabled()) return null;
        try {
            return new Tls(s.tlsPort() > 0 ? new ServerTls(s) : null, s.replication() ? new ClientTls(s) : null);
        } catch (Exception e) {
            throw new SSLException("Failed to configure TLS: " + e.getMessage(), e);
        }
    }

    public ServerTls server() {
        return server;
    }

    public ClientTls client() {
        return client;
    }
}
