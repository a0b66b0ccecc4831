package io.sentinel.server.tls;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;
import java.util.Arrays;

/**
 * TLS for our links to Redis and peer sentinels ({@code tls-replication yes}): the client certificate (or the
 * server's, as Redis), the CA, and no host name check, as Redis.
 */
public final class ClientTls {
    private final ReloadingContext context;
    private final HandshakeFailures failures = new HandshakeFailures("to");

    ClientTls(TlsSettings s) throws Exception {
        this.context = new ReloadingContext("links", Arrays.asList(s.linkCertFile(), s.linkKeyFile(),
                s.caCertFile(), s.caCertDir()), s.linkCertFile(),
                () -> TlsContexts.client(s));
    }

    /** Puts the TLS handler first in a new link connection to {@code host:port}. */
    public void addTo(Channel ch, String host, int port) {
        SslHandler tls = context.current().newHandler(ch.alloc(), host, port);
        String peer = host + ":" + port;
        tls.handshakeFuture().addListener(f -> {
            if (f.isSuccess()) failures.succeeded(peer);
            else failures.failed(peer, f.cause());
        });
        ch.pipeline().addFirst("tls", tls);
    }

    public long notAfterEpochSeconds() {
        return context.notAfterEpochSeconds();
    }

    public HandshakeFailures failures() {
        return failures;
    }
}
