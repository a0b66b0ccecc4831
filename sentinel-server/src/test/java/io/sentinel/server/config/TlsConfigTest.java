package io.sentinel.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentinel.server.tls.TlsSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The tls-* directives: values, Redis's defaults, errors with file and line, YAML keys. */
class TlsConfigTest {
    private static final String FILES = "tls-cert-file s.crt\ntls-key-file s.key\ntls-ca-cert-file ca.crt\n";
    @TempDir
    Path dir;

    @BeforeEach
    void files() throws Exception {
        for (String f : List.of("s.crt", "s.key", "ca.crt", "c.crt", "c.key")) Files.writeString(dir.resolve(f), "x");
        Files.createDirectory(dir.resolve("cas"));
    }

    private LoadedConfig parse(String text, String... overrides) throws Exception {
        Path f = dir.resolve("sentinel.conf");
        Files.writeString(f, text);
        return new ConfFileParser(dir).parse(f, List.of(overrides));
    }

    private TlsSettings tls(String text) throws Exception {
        return TlsSettings.from(parse(text).serverSettings());
    }

    @Test
    void everyDirectiveIsRead() throws Exception {
        TlsSettings t = tls("port 0\ntls-port 26380\n" + FILES + "tls-key-file-pass kp\n"
                + "tls-client-cert-file c.crt\ntls-client-key-file c.key\ntls-client-key-file-pass ckp\n"
                + "tls-ca-cert-dir cas\ntls-auth-clients optional\ntls-protocols \"tlsv1.2 TLSv1.3\"\n"
                + "tls-ciphers DEFAULT:!MEDIUM\ntls-ciphersuites TLS_AES_256_GCM_SHA384\n"
                + "tls-prefer-server-ciphers yes\ntls-session-caching no\ntls-session-cache-size 100\n"
                + "tls-session-cache-timeout 60\ntls-replication yes\n");
        assertEquals(26380, t.tlsPort());
        assertEquals(dir.resolve("s.crt"), t.certFile());
        assertEquals(dir.resolve("s.key"), t.keyFile());
        assertEquals("kp", t.keyFilePass());
        assertEquals(dir.resolve("c.crt"), t.linkCertFile());
        assertEquals(dir.resolve("c.key"), t.linkKeyFile());
        assertEquals("ckp", t.linkKeyFilePass());
        assertEquals(dir.resolve("ca.crt"), t.caCertFile());
        assertEquals(dir.resolve("cas"), t.caCertDir());
        assertEquals(TlsSettings.ClientAuth.OPTIONAL, t.authClients());
        assertEquals(List.of("TLSv1.2", "TLSv1.3"), t.protocols());
        assertEquals("DEFAULT:!MEDIUM", t.ciphers());
        assertEquals("TLS_AES_256_GCM_SHA384", t.ciphersuites());
        assertTrue(t.preferServerCiphers());
        assertFalse(t.sessionCaching());
        assertEquals(100, t.sessionCacheSize());
        assertEquals(60, t.sessionCacheTimeoutSeconds());
        assertTrue(t.replication());
    }

    @Test
    void openSslCipherExpressionsWarn() throws Exception {
        LoadedConfig l = parse("tls-ciphers DEFAULT:!MEDIUM\ntls-ciphersuites TLS_AES_256_GCM_SHA384\n");
        assertEquals(1, l.warnings().size(), l.warnings().toString());
        assertTrue(l.warnings().get(0).startsWith(dir.resolve("sentinel.conf") + ":1: 'tls-ciphers'"));
    }

    @Test
    void redisDefaultsWhenUnset() throws Exception {
        TlsSettings t = tls("port 26379\n");
        assertFalse(t.enabled());
        assertEquals(0, t.tlsPort());
        assertEquals(TlsSettings.ClientAuth.YES, t.authClients());
        assertEquals(TlsSettings.DEFAULT_PROTOCOLS, t.protocols());
        assertTrue(t.sessionCaching());
        assertEquals(20480, t.sessionCacheSize());
        assertEquals(300, t.sessionCacheTimeoutSeconds());
        assertFalse(t.replication());
        assertFalse(t.preferServerCiphers());
    }

    @Test
    void portZeroWithTlsPortIsTlsOnlyAndLinksUseTheServerCertificate() throws Exception {
        LoadedConfig l = parse("port 0\ntls-port 26380\ntls-replication yes\n" + FILES);
        assertEquals(0, l.config().port());
        TlsSettings t = TlsSettings.from(l.serverSettings());
        assertEquals(dir.resolve("s.crt"), t.linkCertFile());
        assertEquals(dir.resolve("s.key"), t.linkKeyFile());
        assertTrue(l.warnings().isEmpty(), l.warnings().toString());
    }

    @Test
    void commandLineOverridesAndRelativePathsAfterDir() throws Exception {
        Files.createDirectory(dir.resolve("d"));
        Files.writeString(dir.resolve("d/x.crt"), "x");
        TlsSettings t = TlsSettings.from(parse("dir d\ntls-ca-cert-file x.crt\n", "--tls-port", "6380",
                "--tls-cert-file", dir.resolve("s.crt").toString(), "--tls-key-file",
                dir.resolve("s.key").toString()).serverSettings());
        assertEquals(6380, t.tlsPort());
        assertEquals(dir.resolve("d/x.crt"), t.caCertFile());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            tls-port 70000                 | 1 | argument must be between 0 and 65535 inclusive
            tls-port x                     | 1 | argument couldn't be parsed into an integer
            tls-auth-clients maybe         | 1 | argument(s) must be one of the following: no, yes, optional
            tls-replication maybe          | 1 | argument must be 'yes' or 'no'
            tls-session-caching 1          | 1 | argument must be 'yes' or 'no'
            tls-session-cache-size -1      | 1 | argument must be between 0 and 2147483647 inclusive
            tls-session-cache-timeout x    | 1 | argument couldn't be parsed into an integer
            tls-protocols SSLv3            | 1 | Invalid tls-protocols specified. Use a combination of 'TLSv1', 'TLSv1.1', 'TLSv1.2' and 'TLSv1.3'.
            tls-ciphers TLS_NO_SUCH_SUITE  | 1 | Unsupported cipher suite TLS_NO_SUCH_SUITE
            tls-port 1;tls-port 2          | 1 | TLS needs tls-cert-file and tls-key-file
            tls-cert-file s.crt;tls-key-file s.key;tls-port 6380 | 3 | Either tls-ca-cert-file or tls-ca-cert-dir must be specified when tls-replication or tls-auth-clients are enabled
            tls-port 1 2                   | 1 | wrong number of arguments
            """)
    void badValuesNameFileAndLine(String lines, int lineNumber, String reason) throws Exception {
        String text = lines.replace(";", "\n");
        String bad = text.split("\n")[lineNumber - 1].strip();
        ConfigException e = assertThrows(ConfigException.class, () -> parse(text + "\n"));
        // the completeness check reports the last line that turned TLS on
        String expected = dir.resolve("sentinel.conf") + ":";
        assertTrue(e.getMessage().startsWith(expected), e.getMessage());
        assertTrue(e.getMessage().contains(": " + reason + " >>> '"), e.getMessage());
        if (!text.contains("tls-port 2")) assertEquals(expected + lineNumber + ": " + reason + " >>> '" + bad + "'",
                e.getMessage());
    }

    @Test
    void missingFileIsAnErrorAtItsLine() {
        ConfigException e = assertThrows(ConfigException.class, () -> parse("port 1\ntls-cert-file nope.crt\n"));
        assertEquals(dir.resolve("sentinel.conf") + ":2: Cannot read file '" + dir.resolve("nope.crt")
                + "' >>> 'tls-cert-file nope.crt'", e.getMessage());
    }

    @Test
    void authClientsNoNeedsNoCaUnlessLinksUseTls() throws Exception {
        TlsSettings t = tls("tls-port 6380\ntls-cert-file s.crt\ntls-key-file s.key\ntls-auth-clients no\n");
        assertEquals(TlsSettings.ClientAuth.NO, t.authClients());
        assertNull(t.caCertFile());
    }

    @Test
    void yamlKeys() throws Exception {
        Path f = dir.resolve("sentinel.yaml");
        Files.writeString(f, String.join("\n", "port: 0", "tls-port: 26380", "tls-cert-file: s.crt",
                "tls-key-file: s.key", "tls-ca-cert-file: ca.crt", "tls-auth-clients: optional",
                "tls-replication: yes", "tls-session-cache-size: 10", "tls-protocols: TLSv1.3", ""));
        TlsSettings t = TlsSettings.from(new YamlConfigLoader(dir).load(f, List.of()).serverSettings());
        assertEquals(26380, t.tlsPort());
        assertEquals(TlsSettings.ClientAuth.OPTIONAL, t.authClients());
        assertTrue(t.replication());
        assertEquals(10, t.sessionCacheSize());
        assertEquals(List.of("TLSv1.3"), t.protocols());
        Files.writeString(f, "tls-replication: maybe\n");
        ConfigException e = assertThrows(ConfigException.class, () -> new YamlConfigLoader(dir).load(f, List.of()));
        assertTrue(e.getMessage().startsWith(f + ":1: tls-replication"), e.getMessage());
    }
}
