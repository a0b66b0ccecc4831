package io.sentinel.server.tls;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CipherSuitesTest {
    @Test
    void ianaNamesAreCheckedAgainstTheJdk() {
        CipherSuites.check("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384");
        CipherSuites.check("DEFAULT:!MEDIUM"); // OpenSSL terms are not names: accepted
        assertThrows(IllegalArgumentException.class, () -> CipherSuites.check("TLS_NOPE_WITH_NOTHING"));
    }

    @Test
    void eachDirectiveSetsItsHalfAndTheJdkDefaultsFillTheOther() {
        assertNull(CipherSuites.forJdk(null, null));
        assertNull(CipherSuites.forJdk("HIGH:!aNULL", null));
        List<String> legacyOnly = CipherSuites.forJdk("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", null);
        assertTrue(legacyOnly.contains("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"));
        assertFalse(legacyOnly.contains("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"));
        assertTrue(legacyOnly.contains("TLS_AES_128_GCM_SHA256"), "TLS 1.3 keeps the JDK's defaults");
        List<String> modernOnly = CipherSuites.forJdk(null, "TLS_AES_256_GCM_SHA384");
        assertTrue(modernOnly.contains("TLS_AES_256_GCM_SHA384"));
        assertFalse(modernOnly.contains("TLS_AES_128_GCM_SHA256"));
        assertTrue(modernOnly.contains("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"), "TLS 1.2 keeps the defaults");
    }

    @Test
    void openSslTermsAreNoticed() {
        assertTrue(CipherSuites.hasOpenSslTerms("DEFAULT:!MEDIUM"));
        assertTrue(CipherSuites.hasOpenSslTerms("ECDHE-RSA-AES256-GCM-SHA384"));
        assertFalse(CipherSuites.hasOpenSslTerms("TLS_AES_256_GCM_SHA384"));
        assertFalse(CipherSuites.hasOpenSslTerms(null));
    }
}
