package io.sentinel.server.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestTest {
    private final Request r = new Request();

    private void fill(String... args) {
        r.reset(args.length);
        for (String a : args) {
            ByteBuf b = Unpooled.copiedBuffer("xx" + a, StandardCharsets.UTF_8);
            r.append(b, 2, b.readableBytes() - 2);
            b.release();
        }
    }

    private boolean matches(int arg, String lower) {
        byte[] name = lower.getBytes(StandardCharsets.US_ASCII);
        byte[] mask = new byte[name.length];
        for (int i = 0; i < name.length; i++) mask[i] = (byte) (Character.isLetter(lower.charAt(i)) ? 0x20 : 0);
        return r.equalsIgnoreCase(arg, name, mask);
    }

    @Test
    void argumentsDecodeOnDemandAndOnce() {
        fill("SENTINEL", "héllo", "");
        assertEquals(List.of("SENTINEL", "héllo", ""), r);
        assertSame(r.get(1), r.get(1));
        assertThrows(IndexOutOfBoundsException.class, () -> r.get(3));
        assertThrows(UnsupportedOperationException.class, () -> r.add("x"), "commands cannot change a request");
    }

    @Test
    void namesMatchInAnyAsciiCaseOnly() {
        fill("SeNtInEl", "ckquorum", "c\u212Aquorum", "get-master\raddr");
        byte[] sentinel = "sentinel".getBytes(StandardCharsets.US_ASCII);
        assertTrue(matches(0, "sentinel"));
        assertEquals(Request.lowerHash(sentinel, 0, sentinel.length), r.lowerHash(0));
        assertFalse(matches(1, "sentinel"));
        assertFalse(matches(2, "ckquorum"),
                "the Kelvin sign is not a k for strcasecmp");
        assertFalse(matches(3, "get-master-addr"), "only letters fold: CR is not '-'");
    }

    @Test
    void refilledForTheNextRequestWithoutStaleStrings() {
        fill("a".repeat(40_000), "b", "c", "d", "e", "f", "g", "h", "i", "j");
        assertEquals(10, r.size());
        assertEquals(40_000, r.get(0).length());
        fill("PING");
        assertEquals(List.of("PING"), r);
        r.reset(1);
        r.append("inline");
        assertEquals(List.of("inline"), r);
        assertTrue(matches(0, "inline"));
    }

    @Test
    void aRepeatedArgumentGetsThePreviousRequestsStringAgain() {
        fill("SENTINEL", "get-master-addr-by-name", "mymaster");
        String name = r.get(2);
        String sub = r.get(1);
        fill("SENTINEL", "get-master-addr-by-name", "other");
        assertSame(sub, r.get(1), "same bytes at the same position: no new String");
        assertEquals("other", r.get(2));
        assertFalse(name == r.get(2));
        fill("SENTINEL", "get-master-addr-by-name", "mymaster");
        assertEquals("mymaster", r.get(2), "only the request just before counts");
        assertSame(sub, r.get(1));
        fill("PING", "get-master-addr-by-name");  // nobody asks for its Strings
        fill("PING", "get-master-addr-by-name");
        assertEquals("get-master-addr-by-name", r.get(1));
        assertFalse(sub == r.get(1), "a String the previous request never made is not remembered");
        fill("x".repeat(20_000), "y");
        fill("x".repeat(20_000), "z");
        assertEquals(20_000, r.get(0).length());
        assertEquals("z", r.get(1));
    }
}
