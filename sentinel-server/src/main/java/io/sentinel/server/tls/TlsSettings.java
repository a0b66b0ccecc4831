package io.sentinel.server.tls;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code tls-*} directives as read (values already checked by the config parser, with file and line), with
 * redis-server 7.0's defaults. Paths are absolute. {@code tlsPort} 0 means no TLS listener.
 */
public record TlsSettings(
        int tlsPort,
        Path certFile,
        Path keyFile,
        String keyFilePass,
        Path clientCertFile,
        Path clientKeyFile,
        String clientKeyFilePass,
        Path caCertFile,
        Path caCertDir,
        ClientAuth authClients,
        List<String> protocols,
        String ciphers,
        String ciphersuites,
        boolean preferServerCiphers,
        boolean sessionCaching,
        int sessionCacheSize,
        int sessionCacheTimeoutSeconds,
        boolean replication) {

    /** {@code tls-auth-clients}: Redis's SSL_VERIFY_* choice for client certificates. */
    public enum ClientAuth { YES, NO, OPTIONAL }

    /** Redis's default when {@code tls-protocols} is not set. */
    public static final List<String> DEFAULT_PROTOCOLS = List.of("TLSv1.2", "TLSv1.3");
    public static final int DEFAULT_SESSION_CACHE_SIZE = 20 * 1024;
    public static final int DEFAULT_SESSION_CACHE_TIMEOUT_SECONDS = 300;

    public TlsSettings {
        protocols = List.copyOf(protocols);
    }

    /** True when anything needs a TLS context: a TLS listener or TLS links. */
    public boolean enabled() {
        return tlsPort > 0 || replication;
    }

    /** The settings the config parser left in its server settings map (keys are the directive names). */
    public static TlsSettings from(Map<String, String> s) {
        return new TlsSettings(Integer.parseInt(s.getOrDefault("tls-port", "0")),
                path(s, "tls-cert-file"), path(s, "tls-key-file"), s.get("tls-key-file-pass"),
                path(s, "tls-client-cert-file"), path(s, "tls-client-key-file"), s.get("tls-client-key-file-pass"),
                path(s, "tls-ca-cert-file"), path(s, "tls-ca-cert-dir"),
                ClientAuth.valueOf(s.getOrDefault("tls-auth-clients", "yes").toUpperCase(Locale.ROOT)),
                s.containsKey("tls-protocols") ? List.of(s.get("tls-protocols").split(" ")) : DEFAULT_PROTOCOLS,
                s.get("tls-ciphers"), s.get("tls-ciphersuites"),
                yes(s, "tls-prefer-server-ciphers", false), yes(s, "tls-session-caching", true),
                Integer.parseInt(s.getOrDefault("tls-session-cache-size", "" + DEFAULT_SESSION_CACHE_SIZE)),
                Integer.parseInt(s.getOrDefault("tls-session-cache-timeout",
                        "" + DEFAULT_SESSION_CACHE_TIMEOUT_SECONDS)),
                yes(s, "tls-replication", false));
    }

    /** The certificate and key our links present: the client pair when given, else the server pair (as Redis). */
    public Path linkCertFile() {
        return clientCertFile != null ? clientCertFile : certFile;
    }

    public Path linkKeyFile() {
        return clientCertFile != null ? clientKeyFile : keyFile;
    }

    public String linkKeyFilePass() {
        return clientCertFile != null ? clientKeyFilePass : keyFilePass;
    }

    private static Path path(Map<String, String> s, String key) {
        String v = s.get(key);
        return v == null || v.isEmpty() ? null : Path.of(v);
    }

    private static boolean yes(Map<String, String> s, String key, boolean otherwise) {
        String v = s.get(key);
        return v == null ? otherwise : v.equals("yes");
    }
}
