package io.sentinel.server.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.handler.ssl.SslContext;
import io.sentinel.server.it.Await;
import io.sentinel.server.it.TestCerts;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Certificates made by openssl: a server context follows its files, and keeps the old ones while new ones fail. */
class ReloadingContextTest {
    private final TestCerts certs = TestCerts.create();

    @AfterEach
    void delete() {
        certs.close();
    }

    private TlsSettings settings() {
        return TlsSettings.from(Map.of("tls-port", "6380", "tls-cert-file", certs.file("server.crt").toString(),
                "tls-key-file", certs.file("server.key").toString(),
                "tls-ca-cert-file", certs.file("ca.crt").toString()));
    }

    @Test
    void newFilesMakeANewContextAndBrokenOnesKeepTheOld() throws Exception {
        TlsSettings s = settings();
        ReloadingContext r = new ReloadingContext("server", java.util.Arrays.asList(s.certFile(), s.keyFile(),
                s.caCertFile()), s.certFile(), () -> TlsContexts.server(s));
        SslContext first = r.current();
        assertSame(first, r.current());
        assertEquals(certs.notAfter("server.crt"), r.notAfterEpochSeconds());

        Files.writeString(certs.file("server.crt"), "half written");
        Await.until(Duration.ofSeconds(5), "the broken file was looked at", () -> {
            r.current();
            return true;
        });
        assertSame(first, r.current());

        certs.issue("ca", "renewed", 7);
        Files.move(certs.file("renewed.key"), certs.file("server.key"), StandardCopyOption.REPLACE_EXISTING);
        Files.move(certs.file("renewed.crt"), certs.file("server.crt"), StandardCopyOption.REPLACE_EXISTING);
        long renewed = certs.notAfter("server.crt");
        Await.until(Duration.ofSeconds(5), "the renewed certificate is in use", () -> r.current() != first
                && r.notAfterEpochSeconds() == renewed);
        assertNotSame(first, r.current());
    }

    @Test
    void aKeyThatIsNotPemStopsStartup() throws Exception {
        Files.writeString(certs.file("server.key"), "not a key");
        assertThrows(SSLException.class, () -> Tls.start(settings()));
    }
}
