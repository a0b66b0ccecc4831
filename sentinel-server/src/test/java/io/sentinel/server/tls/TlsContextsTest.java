package io.sentinel.server.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sentinel.server.it.TestCerts;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Contexts from openssl-made files: encrypted keys, a CA directory, and nothing at all when TLS is off. */
class TlsContextsTest {
    private final TestCerts certs = TestCerts.create();

    @AfterEach
    void delete() {
        certs.close();
    }

    private Map<String, String> settings() {
        Map<String, String> s = new HashMap<>(Map.of("tls-port", "6380", "tls-replication", "yes",
                "tls-cert-file", certs.file("server.crt").toString(),
                "tls-key-file", certs.file("server.key").toString(),
                "tls-ca-cert-file", certs.file("ca.crt").toString()));
        return s;
    }

    @Test
    void encryptedPkcs8KeyNeedsItsPassword() throws Exception {
        certs.openssl("pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", "server.key", "-out", "enc.key",
                "-passout", "pass:secret");
        Map<String, String> s = settings();
        s.put("tls-key-file", certs.file("enc.key").toString());
        s.put("tls-key-file-pass", "secret");
        Tls tls = Tls.start(TlsSettings.from(s));
        assertNotNull(tls.server());
        assertNotNull(tls.client());
        s.put("tls-key-file-pass", "wrong");
        assertThrows(SSLException.class, () -> Tls.start(TlsSettings.from(s)));
    }

    @Test
    void traditionalOpenSslKeysAreRead() throws Exception {
        certs.openssl("ec", "-in", "server.key", "-out", "sec1.key");
        certs.openssl("req", "-x509", "-new", "-nodes", "-newkey", "rsa:2048", "-keyout", "rsa8.key",
                "-out", "rsa.crt", "-days", "1", "-subj", "/CN=rsa");
        certs.openssl("rsa", "-in", "rsa8.key", "-traditional", "-out", "rsa1.key");
        Map<String, String> s = settings();
        s.put("tls-key-file", certs.file("sec1.key").toString());
        assertNotNull(Tls.start(TlsSettings.from(s)).server());
        s.put("tls-cert-file", certs.file("rsa.crt").toString());
        s.put("tls-key-file", certs.file("rsa1.key").toString());
        assertNotNull(Tls.start(TlsSettings.from(s)).client());
        assertEquals(true, Files.readString(certs.file("rsa1.key")).contains("BEGIN RSA PRIVATE KEY"));
        assertEquals(true, Files.readString(certs.file("sec1.key")).contains("BEGIN EC PRIVATE KEY"));
    }

    @Test
    void caDirectoryReadsEveryCertificateFileAndSkipsTheRest() throws Exception {
        Files.createDirectory(certs.file("cas"));
        Files.copy(certs.file("ca.crt"), certs.file("cas/ca.pem"));
        Files.copy(certs.file("other-ca.crt"), certs.file("cas/other.pem"));
        Files.writeString(certs.file("cas/README"), "not a certificate");
        Map<String, String> s = settings();
        s.remove("tls-ca-cert-file");
        s.put("tls-ca-cert-dir", certs.file("cas").toString());
        assertEquals(2, TlsContexts.trusted(TlsSettings.from(s)).length);
        assertNotNull(Tls.start(TlsSettings.from(s)).client());
    }

    @Test
    void offMeansNoContexts() throws Exception {
        assertNull(Tls.start(TlsSettings.from(Map.of())));
        Map<String, String> serverOnly = settings();
        serverOnly.remove("tls-replication");
        assertNull(Tls.start(TlsSettings.from(serverOnly)).client());
    }
}
