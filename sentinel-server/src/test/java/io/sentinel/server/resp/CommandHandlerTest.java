package io.sentinel.server.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentinel.server.reply.Resp;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CommandHandlerTest {
    private final StubSentinelHandler sentinel = new StubSentinelHandler();
    private final RespServer server = new RespServer(RespServerConfig.loopback(0), sentinel, m -> { }, () -> { });
    private final EmbeddedClient client = new EmbeddedClient(server);

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void pipelinedCommandsAreAnsweredInOneWrite() {
        client.send("PING\r\n*2\r\n$4\r\nPING\r\n$2\r\nhi\r\nPING\r\n");
        assertEquals(1, client.channel.outboundMessages().size(), "one flush per read batch");
        assertEquals("+PONG\r\n$2\r\nhi\r\n+PONG\r\n", client.output());
    }

    @Test
    void sharedReplyIsReusedInBothProtocolsAndWaitsItsTurn() {
        String addr = "*2\r\n$9\r\n127.0.0.1\r\n$4\r\n6379\r\n";
        String ask = "SENTINEL get-master-addr-by-name mymaster\r\n";
        assertEquals(addr + addr, client.call(ask + ask));
        client.send("SENTINEL failover mymaster\r\n" + ask + "PING\r\n");
        assertEquals("", client.output(), "the shared reply waits behind the pending one");
        sentinel.pending.get(0).complete(Resp.OK);
        assertEquals("+OK\r\n" + addr + "+PONG\r\n", client.output());
        sentinel.address = Resp.bulks(List.of("127.0.0.1", "6380"));
        client.call("HELLO 3\r\n");
        assertEquals(addr.replace("6379", "6380"), client.call(ask), "a new reply object is encoded anew");
        sentinel.address = Resp.NULL_ARRAY;
        assertEquals("_\r\n", client.call(ask), "RESP3 bytes for a RESP3 client");
    }

    @Test
    void byteByByte() {
        client.sendByteByByte("*1\r\n$4\r\nping\r\nping\r\n");
        assertEquals("+PONG\r\n+PONG\r\n", client.output());
    }

    @Test
    void protocolErrorIsAnsweredThenTheConnectionCloses() {
        assertEquals("+PONG\r\n-ERR Protocol error: invalid multibulk length\r\n", client.call("PING\r\n*x\r\nPING\r\n"));
        assertFalse(client.open());
    }

    @Test
    void eachLimitErrorCloses() {
        for (String bad : List.of("*1\r\n$x\r\n", "*1\r\nx\r\n", "set 'a\r\n", "*99999\r\n", "x".repeat(70_000))) {
            EmbeddedClient c = new EmbeddedClient(server);
            String out = c.call(bad);
            assertTrue(out.startsWith("-ERR Protocol error: "), out);
            assertFalse(c.open(), "closed after " + out);
        }
    }

    @Test
    void lateSentinelReplyKeepsPipelineOrder() {
        client.send("SENTINEL failover mymaster\r\nPING\r\nSENTINEL myid\r\n");
        assertEquals("", client.output(), "nothing may overtake the pending reply");
        sentinel.pending.get(0).complete(Resp.OK);
        assertEquals("+OK\r\n+PONG\r\n$16\r\n0123456789abcdef\r\n", client.output());
        assertEquals("+PONG\r\n", client.call("PING\r\n"));
    }

    @Test
    void twoLateRepliesCompletingInReverse() {
        client.send("SENTINEL failover a\r\nSENTINEL failover b\r\nPING\r\n");
        sentinel.pending.get(1).complete(Resp.bulk("second"));
        assertEquals("", client.output());
        sentinel.pending.get(0).completeExceptionally(new IllegalStateException("ERR boom"));
        assertEquals("-ERR boom\r\n$6\r\nsecond\r\n+PONG\r\n", client.output());
    }

    @Test
    void sentinelInfoAndRoleGoToTheHandler() {
        assertEquals("*2\r\n$8\r\nsentinel\r\n*1\r\n$8\r\nmymaster\r\n", client.call("ROLE\r\n"));
        String info = client.call("INFO server clients\r\n");
        assertTrue(info.contains("sections:server,clients"), info);
        assertEquals(1, sentinel.lastStats.connectedClients());
        client.call("sentinel Masters\r\n");
        assertEquals(List.of("sentinel", "Masters"), sentinel.seen.get(sentinel.seen.size() - 1));
    }

    @Test
    void clientGoneForgetsItsState() {
        client.call("SUBSCRIBE a\r\n");
        assertEquals(1, server.stats().pubsubClients());
        client.close();
        assertEquals(0, server.stats().connectedClients());
        assertEquals(0, server.stats().pubsubChannels());
        assertEquals(0, server.pubSub().publish("a", "x"));
    }
}
