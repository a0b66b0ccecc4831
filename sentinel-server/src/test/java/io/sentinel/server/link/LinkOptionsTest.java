package io.sentinel.server.link;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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
    void bindSourceAddrIsResolvedOnceAndKeptByEveryWither() throws Exception {
        assertNull(LinkOptions.sourceAddress(null));
        InetAddress source = LinkOptions.sourceAddress("127.0.0.2");
        assertEquals(InetAddress.getByAddress(new byte[] {127, 0, 0, 2}), source);
        assertEquals(InetAddress.getByName("::1"), LinkOptions.sourceAddress("::1"));
        LinkOptions options = LinkOptions.forSentinel("x").withSourceAddress(source).withCommandTimeoutMillis(500)
                .withReconnectMillis(10, 20).withPubSubIdleMillis(99).withResolveTimeoutMillis(7);
        assertEquals(source, options.sourceAddress());
        assertNull(LinkOptions.forSentinel("x").sourceAddress(), "unset: the kernel chooses");
    }

    @Test
    void rejectsNonsense() {
        LinkOptions options = LinkOptions.forSentinel("x");
        assertThrows(IllegalArgumentException.class, () -> options.withCommandTimeoutMillis(0));
        assertThrows(IllegalArgumentException.class, () -> options.withReconnectMillis(500, 100));
    }
}
