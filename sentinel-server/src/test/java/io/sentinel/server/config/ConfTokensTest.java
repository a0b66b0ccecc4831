package io.sentinel.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfTokensTest {
    @Test
    void splitsOnBlanks() {
        assertEquals(List.of("sentinel", "monitor", "m", "127.0.0.1", "6379", "2"),
                ConfTokens.split("  sentinel monitor\tm 127.0.0.1   6379 2  "));
        assertEquals(List.of(), ConfTokens.split("   "));
    }

    /** A NUL in a line used to split into empty words forever (ConfFileParserFuzzTest found it). */
    @Test
    void aNulEndsTheLine() {
        assertEquals(List.of("in"), ConfTokens.split("in\0clude /x.conf"));
        assertEquals(List.of("port", "1"), ConfTokens.split("port 1 \0\0 2"));
        assertEquals(List.of(), ConfTokens.split("\0"));
    }

    @Test
    void doubleQuotesWithEscapes() {
        assertEquals(List.of("a b", "x\ny\r\t\b\u0007\\\"z"), ConfTokens.split("\"a b\" \"x\\ny\\r\\t\\b\\a\\\\\\\"z\""));
        assertEquals(List.of("AB"), ConfTokens.split("\"\\x41\\x42\""));
        // an unknown escape keeps the character; \x without two hex digits is just x
        assertEquals(List.of("q", "xzz"), ConfTokens.split("\"\\q\" \"\\xzz\""));
        assertEquals(List.of(""), ConfTokens.split("\"\""));
    }

    @Test
    void hexEscapesMakeBytesDecodedAsUtf8() {
        assertEquals(List.of("é"), ConfTokens.split("\"\\xc3\\xa9\""));
        assertEquals(List.of("é"), ConfTokens.split("é"));
    }

    @Test
    void singleQuotesOnlyEscapeTheQuote() {
        assertEquals(List.of("it's", "a\\nb"), ConfTokens.split("'it\\'s' 'a\\nb'"));
    }

    @Test
    void quotesInsideAWordJoinIt() {
        assertEquals(List.of("abc d"), ConfTokens.split("ab\"c d\""));
    }

    @Test
    void unbalancedQuotesAreNull() {
        assertNull(ConfTokens.split("\"abc"));
        assertNull(ConfTokens.split("'abc"));
        assertNull(ConfTokens.split("\"abc\"def"));
        assertNull(ConfTokens.split("'abc'def"));
        assertNull(ConfTokens.split("\"abc\\\""));
    }

    @Test
    void quoteReadsBackTheSame() {
        for (String v : List.of("", "plain", "with space", "q\"uote", "back\\slash", "nl\nx", "tab\t", "é",
                "it's", "\u0001ctl")) {
            assertEquals(List.of(v), ConfTokens.split(ConfTokens.quoteIfNeeded(v)), v);
            assertEquals(List.of(v), ConfTokens.split(ConfTokens.quote(v)), v);
        }
        assertEquals("plain", ConfTokens.quoteIfNeeded("plain"));
        assertEquals("\"/var/lib\"", ConfTokens.quote("/var/lib"));
        assertEquals("\"\\x01\"", ConfTokens.quote("\u0001"));
    }

    @Test
    void joinReadsBack() {
        List<String> args = List.of("alice", "on", ">pass word", "~*", "+@all");
        assertEquals(args, ConfTokens.split(ConfTokens.join(args)));
    }
}
