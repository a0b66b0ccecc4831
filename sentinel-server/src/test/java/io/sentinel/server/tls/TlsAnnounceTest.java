package io.sentinel.server.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.sentinel.core.config.SentinelConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** redis-sentinel's sentinelSendHello: announce-port, else tls-port with tls-replication, else port. */
class TlsAnnounceTest {
    private static final SentinelConfig PLAIN = SentinelConfig.defaults("/tmp").withPort(0);

    private static TlsSettings tls(String port, String replication) {
        return TlsSettings.from(Map.of("tls-port", port, "tls-replication", replication));
    }

    @Test
    void tlsReplicationAnnouncesTheTlsPortAndTheFileKeepsNone() {
        TlsAnnounce a = TlsAnnounce.of(PLAIN, tls("26380", "yes"));
        SentinelConfig core = a.forCore(PLAIN);
        assertEquals(26380, core.announcePort());
        assertEquals(0, a.forDisk(core).announcePort());
        assertEquals(List.of(), a.forDisk(core).masters());
    }

    @Test
    void plainLinksOrAnExplicitAnnouncePortAreLeftAlone() {
        assertSame(PLAIN, TlsAnnounce.of(PLAIN, tls("26380", "no")).forCore(PLAIN));
        SentinelConfig announced = new SentinelConfig(0, List.of(), "/tmp", "", false, null, List.of(), null, 0,
                null, 7000, false, false, true, null, null, List.of(), 0);
        TlsAnnounce a = TlsAnnounce.of(announced, tls("26380", "yes"));
        assertSame(announced, a.forCore(announced));
        assertSame(announced, a.forDisk(announced));
    }
}
