package io.sentinel.server.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PubSubTest {
    private final List<String> hellos = new ArrayList<>();
    private final RespServer server = new RespServer(RespServerConfig.loopback(0), new StubSentinelHandler(),
            hellos::add, () -> { });
    private final EmbeddedClient sub = new EmbeddedClient(server);

    @Test
    void subscribeConfirmsEachChannelWithTheRunningCount() {
        assertEquals("*3\r\n$9\r\nsubscribe\r\n$1\r\na\r\n:1\r\n*3\r\n$9\r\nsubscribe\r\n$1\r\nb\r\n:2\r\n"
                + "*3\r\n$10\r\npsubscribe\r\n$2\r\nx*\r\n:3\r\n", sub.call("SUBSCRIBE a b\r\nPSUBSCRIBE x*\r\n"));
        assertEquals("*3\r\n$9\r\nsubscribe\r\n$1\r\na\r\n:3\r\n", sub.call("SUBSCRIBE a\r\n"), "no duplicates");
        assertEquals("*3\r\n$11\r\nunsubscribe\r\n$1\r\na\r\n:2\r\n*3\r\n$11\r\nunsubscribe\r\n$1\r\nb\r\n:1\r\n",
                sub.call("UNSUBSCRIBE\r\n"));
        assertEquals("*3\r\n$12\r\npunsubscribe\r\n$2\r\nx*\r\n:0\r\n", sub.call("PUNSUBSCRIBE\r\n"));
    }

    @Test
    void unsubscribeWithNothingToDrop() {
        assertEquals("*3\r\n$11\r\nunsubscribe\r\n$-1\r\n:0\r\n", sub.call("UNSUBSCRIBE\r\n"));
        assertEquals("*3\r\n$12\r\npunsubscribe\r\n$-1\r\n:0\r\n", sub.call("PUNSUBSCRIBE\r\n"));
        assertEquals("-ERR wrong number of arguments for 'subscribe' command\r\n", sub.call("SUBSCRIBE\r\n"));
    }

    @Test
    void messagesAndPatternMessagesUnderResp2() {
        sub.call("SUBSCRIBE +sdown\r\nPSUBSCRIBE +*down\r\n");
        assertEquals(2, server.pubSub().publish("+sdown", "master mymaster 127.0.0.1 6379"));
        assertEquals("*3\r\n$7\r\nmessage\r\n$6\r\n+sdown\r\n$30\r\nmaster mymaster 127.0.0.1 6379\r\n"
                + "*4\r\n$8\r\npmessage\r\n$6\r\n+*down\r\n$6\r\n+sdown\r\n$30\r\nmaster mymaster 127.0.0.1 6379\r\n",
                sub.output());
        assertEquals(1, server.pubSub().publish("+odown", "x"));
        assertEquals(0, server.pubSub().publish("+switch-master", "x"));
    }

    @Test
    void messagesArePushesUnderResp3() {
        sub.call("HELLO 3\r\n");
        assertEquals(">3\r\n$9\r\nsubscribe\r\n$1\r\nc\r\n:1\r\n", sub.call("SUBSCRIBE c\r\n"));
        server.pubSub().publish("c", "m");
        assertEquals(">3\r\n$7\r\nmessage\r\n$1\r\nc\r\n$1\r\nm\r\n", sub.output());
    }

    @Test
    void publishOnlyAcceptsHelloMessages() {
        EmbeddedClient peer = new EmbeddedClient(server);
        sub.call("SUBSCRIBE __sentinel__:hello\r\n");
        assertEquals("-ERR Only HELLO messages are accepted by Sentinel instances.\r\n",
                peer.call("PUBLISH foo bar\r\n"));
        assertEquals(":1\r\n", peer.call("PUBLISH __sentinel__:hello 127.0.0.1,26380,abc,0,m,127.0.0.1,6379,0\r\n"));
        assertEquals(List.of("127.0.0.1,26380,abc,0,m,127.0.0.1,6379,0"), hellos);
        assertEquals("", sub.output(), "redis-sentinel hands hellos to itself only, not to subscribers");
    }

    @Test
    void slowSubscriberIsDroppedNotWaitedFor() {
        RespLimits small = new RespLimits(1024, 16, 1024, 2048, 10, 1024, 4096, 512, 1024, 100);
        RespServer s = new RespServer(RespServerConfig.loopback(0).withLimits(small), new StubSentinelHandler(),
                m -> { }, () -> { });
        EmbeddedClient slow = new EmbeddedClient(s);
        EmbeddedClient other = new EmbeddedClient(s);
        slow.call("SUBSCRIBE c\r\n");
        other.call("SUBSCRIBE c\r\n");
        other.output();
        int delivered = 0;
        for (int i = 0; i < 100; i++) delivered += s.pubSub().publish("c", "x".repeat(100));
        assertTrue(delivered < 200, "the backlog limit stopped deliveries: " + delivered);
        assertFalse(slow.open());
        assertFalse(other.open(), "neither drained its queue in time");
        assertEquals(0, s.pubSub().publish("c", "after"));
    }

    @Test
    void subscriberThatKeepsUpStays() {
        RespLimits small = new RespLimits(1024, 16, 1024, 2048, 10, 1024, 4096, 512, 1024, 100);
        RespServer s = new RespServer(RespServerConfig.loopback(0).withLimits(small), new StubSentinelHandler(),
                m -> { }, () -> { });
        EmbeddedClient c = new EmbeddedClient(s);
        c.call("SUBSCRIBE c\r\n");
        for (int i = 0; i < 100; i++) {
            assertEquals(1, s.pubSub().publish("c", "x".repeat(100)));
            assertTrue(c.output().contains("message"));
        }
        assertTrue(c.open());
    }
}
