package io.sentinel.server.config;

import io.sentinel.server.tls.CipherSuites;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code tls-*} directives of redis-server 7.0 that a sentinel honours. Each value is checked as it is read, so
 * a bad one stops startup with file and line; the checked value goes into the server settings, from which
 * {@link io.sentinel.server.tls.TlsSettings#from} builds the settings. Files are checked for readability here and
 * loaded (PEM, keys, chains) when the TLS contexts are built at startup.
 */
final class TlsDirectives {
    static final Set<String> NAMES = Set.of("tls-port", "tls-cert-file", "tls-key-file", "tls-key-file-pass",
            "tls-client-cert-file", "tls-client-key-file", "tls-client-key-file-pass", "tls-ca-cert-file",
            "tls-ca-cert-dir", "tls-auth-clients", "tls-protocols", "tls-ciphers", "tls-ciphersuites",
            "tls-prefer-server-ciphers", "tls-session-caching", "tls-session-cache-size",
            "tls-session-cache-timeout", "tls-replication");
    private static final Set<String> FILES = Set.of("tls-cert-file", "tls-key-file", "tls-client-cert-file",
            "tls-client-key-file", "tls-ca-cert-file");
    private static final Set<String> YES_NO = Set.of("tls-prefer-server-ciphers", "tls-session-caching",
            "tls-replication");
    private static final Set<String> PROTOCOLS = Set.of("tlsv1", "tlsv1.1", "tlsv1.2", "tlsv1.3");

    private final Map<String, String> settings;
    private final List<String> warnings;
    /** The line that turned TLS on ({@code tls-port} or {@code tls-replication}), for the final check's error. */
    private ConfLine enabledBy;

    TlsDirectives(Map<String, String> settings, List<String> warnings) {
        this.settings = settings;
        this.warnings = warnings;
    }

    static boolean handles(String name) {
        return NAMES.contains(name);
    }

    /** Checks one {@code tls-*} line; {@code dir} resolves relative paths, as Redis after its {@code dir} chdir. */
    void apply(ConfLine l, Path dir) throws ConfigException {
        if (l.argc() != 2) throw l.error("wrong number of arguments");
        String name = l.name();
        String v = l.arg(1);
        String value;
        if (FILES.contains(name)) value = file(l, v, dir, false);
        else if (name.equals("tls-ca-cert-dir")) value = file(l, v, dir, true);
        else if (YES_NO.contains(name)) value = yesNo(l, v);
        else value = other(l, name, v);
        if (name.startsWith("tls-cipher") && CipherSuites.hasOpenSslTerms(v)) {
            warnings.add(l.where() + ": '" + name + "': OpenSSL cipher expressions mean the JDK's default suites"
                    + " here; name suites by their IANA names (TLS_...) to choose them");
        }
        if (value == null) settings.remove(name);
        else settings.put(name, value);
        boolean on = name.equals("tls-port") ? !"0".equals(value)
                : name.equals("tls-replication") && "yes".equals(value);
        if (on) enabledBy = l;
    }

    private static String other(ConfLine l, String name, String v) throws ConfigException {
        switch (name) {
            case "tls-port":
                return Long.toString(bounded(l, v, 65535, "argument must be between 0 and 65535 inclusive"));
            case "tls-session-cache-size": case "tls-session-cache-timeout":
                return Long.toString(bounded(l, v, Integer.MAX_VALUE,
                        "argument must be between 0 and 2147483647 inclusive"));
            case "tls-auth-clients":
                String mode = v.toLowerCase(Locale.ROOT);
                if (!Set.of("yes", "no", "optional").contains(mode)) {
                    throw l.error("argument(s) must be one of the following: no, yes, optional");
                }
                return mode;
            case "tls-protocols": return protocols(l, v);
            case "tls-ciphers": case "tls-ciphersuites":
                try {
                    CipherSuites.check(v);
                } catch (IllegalArgumentException e) {
                    throw l.error(e.getMessage());
                }
                return v.isEmpty() ? null : v;
            default: return v.isEmpty() ? null : v; // the key passwords
        }
    }

    /** Redis's list of protocol names, any case, space separated; kept in the JDK's spelling. */
    private static String protocols(ConfLine l, String v) throws ConfigException {
        if (v.isBlank()) return null;
        List<String> out = new ArrayList<>();
        for (String p : v.trim().split("\\s+")) {
            if (!PROTOCOLS.contains(p.toLowerCase(Locale.ROOT))) {
                throw l.error("Invalid tls-protocols specified. Use a combination of 'TLSv1', 'TLSv1.1', 'TLSv1.2'"
                        + " and 'TLSv1.3'.");
            }
            out.add("TLSv" + p.substring(4));
        }
        return String.join(" ", out);
    }

    private static String file(ConfLine l, String v, Path dir, boolean directory) throws ConfigException {
        if (v.isEmpty()) return null;
        Path p = l.resolve(dir, v);
        boolean ok = directory ? Files.isDirectory(p) : Files.isRegularFile(p) && Files.isReadable(p);
        if (!ok) throw l.error("Cannot read " + (directory ? "directory" : "file") + " '" + p + "'");
        return p.toString();
    }

    private static String yesNo(ConfLine l, String v) throws ConfigException {
        if (v.equalsIgnoreCase("yes")) return "yes";
        if (v.equalsIgnoreCase("no")) return "no";
        throw l.error("argument must be 'yes' or 'no'");
    }

    private static long bounded(ConfLine l, String v, long max, String error) throws ConfigException {
        long n = SentinelDirectives.longOr(v, Long.MIN_VALUE);
        if (n == Long.MIN_VALUE) throw l.error("argument couldn't be parsed into an integer");
        if (n < 0 || n > max) throw l.error(error);
        return n;
    }

    /**
     * Redis's startup check (tls.c): TLS needs a certificate and key, and a CA when clients must present a
     * certificate or links verify their peers. Reported at the line that turned TLS on.
     */
    void checkComplete() throws ConfigException {
        if (enabledBy == null || !on()) return;
        if (!settings.containsKey("tls-cert-file") || !settings.containsKey("tls-key-file")) {
            throw enabledBy.error("TLS needs tls-cert-file and tls-key-file");
        }
        boolean clientAuth = !"no".equals(settings.getOrDefault("tls-auth-clients", "yes"));
        boolean replication = "yes".equals(settings.get("tls-replication"));
        boolean ca = settings.containsKey("tls-ca-cert-file") || settings.containsKey("tls-ca-cert-dir");
        if ((clientAuth || replication) && !ca) {
            throw enabledBy.error("Either tls-ca-cert-file or tls-ca-cert-dir must be specified when"
                    + " tls-replication or tls-auth-clients are enabled");
        }
        if (settings.containsKey("tls-client-cert-file") != settings.containsKey("tls-client-key-file")) {
            throw enabledBy.error("tls-client-cert-file and tls-client-key-file go together");
        }
    }

    private boolean on() {
        return !"0".equals(settings.getOrDefault("tls-port", "0")) || "yes".equals(settings.get("tls-replication"));
    }
}
