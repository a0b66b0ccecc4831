package io.sentinel.server.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NetCountersTest {
    final NetCounters counters = new NetCounters();
    final EmbeddedChannel ch = new EmbeddedChannel(counters);

    static io.netty.buffer.ByteBuf bytes(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII);
    }

    @Test
    void countsBytesAndBuffersBothWaysAndErrorRepliesOfEitherProtocol() {
        ch.writeInbound(bytes("*1\r\n$4\r\nPING\r\n"));
        ch.writeInbound(bytes("PI"));
        ch.writeOutbound(bytes("+PONG\r\n"));
        ch.writeOutbound(bytes("-ERR unknown command\r\n"));
        ch.writeOutbound(bytes("!5\r\nERR x\r\n"));
        ch.writeOutbound(Unpooled.EMPTY_BUFFER);
        assertEquals(16, counters.inputBytes.sum());
        assertEquals(2, counters.reads.sum());
        assertEquals(7 + 22 + 11, counters.outputBytes.sum());
        assertEquals(3, counters.writes.sum());
        assertEquals(2, counters.errorReplies.sum());
        ch.finishAndReleaseAll();
    }
}
