package io.sentinel.server.link;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LinkOptionsTest {
    @Test
    void namesConnectionsAfterTheFirstEightCharactersOfMyId() {
        LinkOptions options = LinkOptions.forSentinel("8ad3c1f0e5b24e7a9c3d0123456789abcdef0123");
        assertEquals("sentinel-8ad3c1f0-cmd", options.commandClientName());
        assertEquals("sentinel-8ad3c1f0-pubsub", options.pubSubClientName());
    }

    @Test
    void retriesFastForFiveSecondsThenDoublesToTheMaximum() {
        LinkOptions options = LinkOptions.forSentinel("x").withReconnectMillis(100, 1000);
        assertEquals(100, options.reconnectDelayMillis(1));
        assertEquals(100, options.reconnectDelayMillis(LinkOptions.FAST_ATTEMPTS), "5 s of fast retries");
        assertEquals(200, options.reconnectDelayMillis(LinkOptions.FAST_ATTEMPTS + 1));
        assertEquals(800, options.reconnectDelayMillis(LinkOptions.FAST_ATTEMPTS + 3));
        assertEquals(1000, options.reconnectDelayMillis(LinkOptions.FAST_ATTEMPTS + 4));
        assertEquals(1000, options.reconnectDelayMillis(1_000_000));
    }

    @Test
    void rejectsNonsense() {
        LinkOptions options = LinkOptions.forSentinel("x");
        assertThrows(IllegalArgumentException.class, () -> options.withCommandTimeoutMillis(0));
        assertThrows(IllegalArgumentException.class, () -> options.withReconnectMillis(500, 100));
    }
}
