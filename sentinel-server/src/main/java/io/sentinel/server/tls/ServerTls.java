package io.sentinel.server.tls;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Arrays;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/** The TLS side of the RESP server: {@code tls-port}, and an {@link SslHandler} first in each TLS client's pipeline. */
public final class ServerTls {
    private static final TlsErrors TLS_ERRORS = new TlsErrors();
    private final TlsSettings settings;
    private final ReloadingContext context;
    private final HandshakeFailures failures = new HandshakeFailures("from");

    ServerTls(TlsSettings settings) throws Exception {
        this.settings = settings;
        this.context = new ReloadingContext("server", Arrays.asList(settings.certFile(), settings.keyFile(),
                settings.caCertFile(), settings.caCertDir()), settings.certFile(),
                () -> TlsContexts.server(settings));
    }

    public int port() {
        return settings.tlsPort();
    }

    /** Puts the TLS handler in front of whatever the pipeline holds; the handshake starts on the first bytes. */
    public void addTo(Channel ch) {
        SslHandler tls = context.current().newHandler(ch.alloc());
        if (settings.preferServerCiphers()) {
            SSLEngine engine = tls.engine();
            SSLParameters p = engine.getSSLParameters();
            p.setUseCipherSuitesOrder(true);
            engine.setSSLParameters(p);
        }
        String peer = host(ch.remoteAddress());
        tls.handshakeFuture().addListener(f -> {
            if (f.isSuccess()) failures.succeeded(peer);
            else failures.failed(peer, f.cause());
        });
        ch.pipeline().addFirst("tls", tls);
        ch.pipeline().addAfter("tls", "tls-errors", TLS_ERRORS);
    }

    public long notAfterEpochSeconds() {
        return context.notAfterEpochSeconds();
    }

    public HandshakeFailures failures() {
        return failures;
    }

    /** A client's IP address: its source port changes with every attempt. */
    private static String host(SocketAddress a) {
        if (a instanceof InetSocketAddress i && i.getAddress() != null) return i.getAddress().getHostAddress();
        return String.valueOf(a);
    }

    /**
     * Closes a connection whose TLS failed without passing the error on: the handshake listener has counted it
     * and logged it once for the address; the command handler would log each attempt with a stack trace.
     */
    @ChannelHandler.Sharable
    static final class TlsErrors extends ChannelInboundHandlerAdapter {
        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof SSLException) {
                    ctx.close();
                    return;
                }
            }
            ctx.fireExceptionCaught(cause);
        }
    }

    @Override
    public String toString() {
        return "ServerTls" + Arrays.asList(settings.tlsPort(), settings.authClients());
    }
}
