package io.sentinel.server.tls;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.IdentityCipherSuiteFilter;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.SSLException;

/**
 * Builds Netty TLS contexts from the {@code tls-*} settings, on the JDK's engine ({@link SslProvider#JDK}: no
 * native library, the same behaviour on every platform; see docs/security.md for the measured cost). As Redis:
 * the server verifies client certificates per {@code tls-auth-clients}; links verify the peer's chain against the
 * CA and do not check its host name.
 */
final class TlsContexts {
    private TlsContexts() {
    }

    static SslContext server(TlsSettings s) throws SSLException {
        PrivateKey key = traditionalKey(s.keyFile());
        SslContextBuilder b = key != null
                ? SslContextBuilder.forServer(key, read(s.certFile()).toArray(new X509Certificate[0]))
                : SslContextBuilder.forServer(s.certFile().toFile(), s.keyFile().toFile(), s.keyFilePass());
        b.sslProvider(SslProvider.JDK).clientAuth(clientAuth(s.authClients()));
        if (s.authClients() != TlsSettings.ClientAuth.NO) b.trustManager(trusted(s));
        // Redis turns the cache off with no session id context; the JDK's 0 means unlimited, so 1 entry, 1 s
        b.sessionCacheSize(s.sessionCaching() ? s.sessionCacheSize() : 1);
        b.sessionTimeout(s.sessionCaching() ? s.sessionCacheTimeoutSeconds() : 1);
        return common(b, s).build();
    }

    static SslContext client(TlsSettings s) throws SSLException {
        SslContextBuilder b = SslContextBuilder.forClient().sslProvider(SslProvider.JDK);
        PrivateKey key = traditionalKey(s.linkKeyFile());
        if (key != null) b.keyManager(key, read(s.linkCertFile()).toArray(new X509Certificate[0]));
        else b.keyManager(s.linkCertFile().toFile(), s.linkKeyFile().toFile(), s.linkKeyFilePass());
        b.trustManager(trusted(s))
                .endpointIdentificationAlgorithm(null); // Redis verifies the chain, not the host name
        return common(b, s).build();
    }

    private static SslContextBuilder common(SslContextBuilder b, TlsSettings s) {
        b.protocols(s.protocols());
        List<String> suites = CipherSuites.forJdk(s.ciphers(), s.ciphersuites());
        if (suites != null) b.ciphers(suites, IdentityCipherSuiteFilter.INSTANCE);
        return b;
    }

    /** A PKCS#1 or SEC1 key, which the JDK cannot read; null for the formats Netty reads itself. */
    private static PrivateKey traditionalKey(Path keyFile) throws SSLException {
        try {
            return PemKeys.readTraditional(keyFile);
        } catch (IOException | GeneralSecurityException e) {
            throw new SSLException("cannot read the key in " + keyFile + ": " + e.getMessage(), e);
        }
    }

    private static ClientAuth clientAuth(TlsSettings.ClientAuth mode) {
        switch (mode) {
            case YES: return ClientAuth.REQUIRE;
            case OPTIONAL: return ClientAuth.OPTIONAL;
            default: return ClientAuth.NONE;
        }
    }

    /** The CA certificates of {@code tls-ca-cert-file} and of every certificate file in {@code tls-ca-cert-dir}. */
    static X509Certificate[] trusted(TlsSettings s) throws SSLException {
        List<X509Certificate> out = new ArrayList<>();
        if (s.caCertFile() != null) out.addAll(read(s.caCertFile()));
        if (s.caCertDir() != null) {
            try (Stream<Path> files = Files.list(s.caCertDir())) {
                for (Path p : (Iterable<Path>) files.sorted()::iterator) {
                    // a hashed directory (c_rehash) also holds other files: what does not parse is not a CA
                    if (Files.isRegularFile(p)) out.addAll(readOrNone(p));
                }
            } catch (IOException e) {
                throw new SSLException("cannot list tls-ca-cert-dir " + s.caCertDir() + ": " + e.getMessage(), e);
            }
        }
        if (out.isEmpty()) throw new SSLException("no CA certificate in tls-ca-cert-file or tls-ca-cert-dir");
        return out.toArray(new X509Certificate[0]);
    }

    /** Every certificate in a PEM file; the first is the leaf of a chain file. */
    static List<X509Certificate> read(Path file) throws SSLException {
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            List<X509Certificate> out = new ArrayList<>();
            for (Certificate c : certs) out.add((X509Certificate) c);
            if (out.isEmpty()) throw new SSLException("no certificate in " + file);
            return out;
        } catch (IOException | CertificateException e) {
            throw new SSLException("cannot read certificates from " + file + ": " + e.getMessage(), e);
        }
    }

    private static List<X509Certificate> readOrNone(Path file) {
        try {
            return read(file);
        } catch (SSLException e) {
            return List.of();
        }
    }
}
