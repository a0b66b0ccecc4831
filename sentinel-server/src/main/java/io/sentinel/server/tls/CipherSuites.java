package io.sentinel.server.tls;

import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;

/**
 * {@code tls-ciphers} (TLS 1.2 and older) and {@code tls-ciphersuites} (TLS 1.3) for the JDK's TLS engine. Redis
 * hands both strings to OpenSSL; the JDK knows cipher suites by their IANA names ({@code TLS_ECDHE_RSA_WITH_...},
 * and the TLS 1.3 names, which OpenSSL shares). So a list is colon separated; IANA names are used as given and
 * must be ones the JDK supports; OpenSSL expressions ({@code DEFAULT}, {@code HIGH:!aNULL},
 * {@code ECDHE-RSA-AES256-GCM-SHA384}) are accepted and leave that half to the JDK's defaults (a warning says so).
 */
public final class CipherSuites {
    private CipherSuites() {
    }

    /** Throws with a message when a list names a suite in IANA form that this JDK does not support. */
    public static void check(String list) {
        Set<String> supported = Set.of(jdk().getSupportedSSLParameters().getCipherSuites());
        for (String name : ianaNames(list)) {
            if (!supported.contains(name)) throw new IllegalArgumentException("Unsupported cipher suite " + name);
        }
    }

    /** True when the list has OpenSSL expressions the JDK cannot use (then the JDK's defaults stand for them). */
    public static boolean hasOpenSslTerms(String list) {
        if (list == null) return false;
        return Arrays.stream(list.split(":")).anyMatch(t -> !t.isBlank() && !isIana(t.trim()));
    }

    /**
     * The suites to enable, or null for the JDK's defaults when neither directive names a suite: the TLS 1.2 half
     * from {@code ciphers} (else the defaults), the TLS 1.3 half from {@code ciphersuites} (else the defaults).
     */
    public static List<String> forJdk(String ciphers, String ciphersuites) {
        List<String> legacy = ianaNames(ciphers).stream().filter(n -> !isTls13(n)).collect(Collectors.toList());
        List<String> modern = ianaNames(ciphersuites).stream().filter(CipherSuites::isTls13)
                .collect(Collectors.toList());
        if (legacy.isEmpty() && modern.isEmpty()) return null;
        List<String> defaults = List.of(jdk().getDefaultSSLParameters().getCipherSuites());
        List<String> out = new ArrayList<>(legacy.isEmpty()
                ? defaults.stream().filter(n -> !isTls13(n)).collect(Collectors.toList()) : legacy);
        out.addAll(modern.isEmpty() ? defaults.stream().filter(CipherSuites::isTls13).collect(Collectors.toList())
                : modern);
        return out;
    }

    private static List<String> ianaNames(String list) {
        if (list == null) return List.of();
        return Arrays.stream(list.split(":")).map(String::trim).filter(CipherSuites::isIana)
                .collect(Collectors.toList());
    }

    private static boolean isIana(String name) {
        return name.startsWith("TLS_") || name.startsWith("SSL_");
    }

    /** TLS 1.3 suites name no key exchange: {@code TLS_AES_128_GCM_SHA256}, {@code TLS_CHACHA20_POLY1305_SHA256}. */
    static boolean isTls13(String name) {
        return name.startsWith("TLS_AES_") || name.startsWith("TLS_CHACHA20_");
    }

    private static SSLContext jdk() {
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no default TLS context in this JDK", e);
        }
    }
}
