package io.sentinel.server.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.sentinel.server.reply.Resp;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplyEncoderTest {
    private static String resp2(Resp r) {
        return encode(r, false);
    }

    private static String resp3(Resp r) {
        return encode(r, true);
    }

    private static String encode(Resp r, boolean resp3) {
        ByteBuf out = Unpooled.buffer();
        ReplyEncoder.encode(r, resp3, out);
        String s = out.toString(StandardCharsets.UTF_8);
        out.release();
        return s;
    }

    @Test
    void scalarsAreTheSameInBothProtocols() {
        for (boolean v3 : new boolean[] {false, true}) {
            assertEquals("+OK\r\n", encode(Resp.OK, v3));
            assertEquals("-ERR boom\r\n", encode(Resp.error("ERR boom"), v3));
            assertEquals(":-42\r\n", encode(Resp.integer(-42), v3));
            assertEquals(":7\r\n", encode(Resp.integer(7), v3));
            assertEquals("$5\r\nhéll\r\n", encode(Resp.bulk("héll"), v3), "length in UTF-8 bytes");
            assertEquals("$0\r\n\r\n", encode(Resp.bulk(""), v3));
        }
    }

    @Test
    void errorsStayOnOneLine() {
        assertEquals("-ERR a b\r\n", resp2(Resp.error("ERR a\nb")));
    }

    @Test
    void nulls() {
        assertEquals("$-1\r\n", resp2(Resp.NULL));
        assertEquals("*-1\r\n", resp2(Resp.NULL_ARRAY));
        assertEquals("_\r\n", resp3(Resp.NULL));
        assertEquals("_\r\n", resp3(Resp.NULL_ARRAY));
    }

    @Test
    void arraysNest() {
        Resp r = Resp.array(List.of(Resp.bulk("a"), Resp.array(List.of(Resp.integer(1)))));
        assertEquals("*2\r\n$1\r\na\r\n*1\r\n:1\r\n", resp2(r));
        assertEquals(resp2(r), resp3(r));
    }

    @Test
    void mapsFlattenUnderResp2() {
        Resp r = Resp.bulkMap(List.of("k", "v"));
        assertEquals("*2\r\n$1\r\nk\r\n$1\r\nv\r\n", resp2(r));
        assertEquals("%1\r\n$1\r\nk\r\n$1\r\nv\r\n", resp3(r));
    }

    @Test
    void setsAndPushes() {
        Resp set = new Resp.SetReply(List.of(new Resp.Simple("x")));
        assertEquals("*1\r\n+x\r\n", resp2(set));
        assertEquals("~1\r\n+x\r\n", resp3(set));
        Resp push = new Resp.Push(List.of(Resp.bulk("message"), Resp.bulk("c"), Resp.bulk("m")));
        assertEquals("*3\r\n$7\r\nmessage\r\n$1\r\nc\r\n$1\r\nm\r\n", resp2(push));
        assertEquals(">3\r\n$7\r\nmessage\r\n$1\r\nc\r\n$1\r\nm\r\n", resp3(push));
    }

    @Test
    void doublesAsRedisPrintsThem() {
        assertEquals(",1.5\r\n", resp3(new Resp.Dbl(1.5)));
        assertEquals("$3\r\n1.5\r\n", resp2(new Resp.Dbl(1.5)));
        assertEquals(",inf\r\n", resp3(new Resp.Dbl(Double.POSITIVE_INFINITY)));
        assertEquals(",-inf\r\n", resp3(new Resp.Dbl(Double.NEGATIVE_INFINITY)));
        assertEquals(",nan\r\n", resp3(new Resp.Dbl(Double.NaN)));
        assertEquals("0.10000000000000001", ReplyEncoder.formatDouble(0.1));
        assertEquals("3", ReplyEncoder.formatDouble(3.0));
        assertEquals("1e+20", ReplyEncoder.formatDouble(1e20));
        assertEquals("1.0000000000000001e-05", ReplyEncoder.formatDouble(1e-5));
    }

    @Test
    void verbatim() {
        Resp v = new Resp.Verbatim("txt", "a:1\r\n");
        assertEquals("=9\r\ntxt:a:1\r\n\r\n", resp3(v));
        assertEquals("$5\r\na:1\r\n\r\n", resp2(v));
    }
}
