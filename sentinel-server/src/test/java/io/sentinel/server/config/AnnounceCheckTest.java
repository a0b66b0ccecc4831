package io.sentinel.server.config;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class AnnounceCheckTest {
    @Test
    void reachableAnnouncementsPass() {
        assertNull(AnnounceCheck.problem(null, List.of("10.0.0.5")));
        assertNull(AnnounceCheck.problem("10.0.0.5", List.of("10.0.0.5")));
        assertNull(AnnounceCheck.problem("sentinel-0.sentinel.redis.svc", List.of("0.0.0.0")));
        assertNull(AnnounceCheck.problem("127.0.0.1", List.of()), "no bind: every interface, loopback included");
        assertNull(AnnounceCheck.problem("127.0.0.1", List.of("127.0.0.1", "-::1")));
        assertNull(AnnounceCheck.problem("127.0.0.1", List.of("*", "-::*")));
        assertNull(AnnounceCheck.problem("::1", List.of("10.0.0.5", "::1")));
    }

    @Test
    void wildcardsAndLoopbackBehindOtherAddressesAreRefused() {
        for (String wildcard : List.of("0.0.0.0", "::", "*")) {
            assertNotNull(AnnounceCheck.problem(wildcard, List.of()), wildcard);
        }
        assertNotNull(AnnounceCheck.problem("127.0.0.1", List.of("10.0.0.5")));
        assertNotNull(AnnounceCheck.problem("::1", List.of("10.0.0.5", "-fe80::1")));
    }
}
