package io.sentinel.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class FirstCommandTest {
    static ByteBuf bytes(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
    }

    @Test
    void aRespArrayIsReadOnlyWhenCompleteAtEverySplit() {
        String request = "*3\r\n$6\r\nCLIENT\r\n$7\r\nSETNAME\r\n$21\r\nsentinel-1111aaaa-cmd\r\n*1\r\n$4\r\nPING\r\n";
        int end = request.indexOf("*1");
        for (int split = 0; split < end; split++) {
            assertNull(FirstCommand.parse(bytes(request.substring(0, split))), "incomplete at " + split);
        }
        ByteBuf whole = bytes(request);
        List<String> args = FirstCommand.parse(whole);
        assertEquals(List.of("CLIENT", "SETNAME", "sentinel-1111aaaa-cmd"), args);
        assertEquals(0, whole.readerIndex(), "nothing consumed");
        assertEquals("sentinel-1111aaaa-cmd", FirstCommand.clientName(args));
    }

    @Test
    void anInlineCommandIsReadAtItsEndOfLine() {
        assertNull(FirstCommand.parse(bytes("PIN")));
        assertEquals(List.of("PING"), FirstCommand.parse(bytes("PING\r\n")));
        assertNull(FirstCommand.clientName(List.of("PING")));
    }

    @Test
    void whatIsNoRequestIsUnreadableAtOnce() {
        assertEquals(List.of(), FirstCommand.parse(bytes("*x\r\n")));
        assertEquals(List.of(), FirstCommand.parse(bytes("*1\r\n:1\r\n")));
        assertEquals(List.of(), FirstCommand.parse(bytes("*1\r\n$999999999\r\n")));
        assertEquals(List.of(), FirstCommand.parse(bytes("\r\n")));
        assertEquals(List.of(), FirstCommand.parse(bytes("x".repeat(FirstCommand.MAX_BYTES + 1))));
    }
}
