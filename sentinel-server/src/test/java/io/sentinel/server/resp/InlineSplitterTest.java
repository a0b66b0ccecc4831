package io.sentinel.server.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class InlineSplitterTest {
    private static List<String> split(String s) {
        return InlineSplitter.split(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void wordsAndBlanks() {
        assertEquals(List.of("a", "bc", "d"), split("  a\tbc   d  "));
        assertEquals(List.of(), split("   "));
    }

    @Test
    void doubleQuotesWithEscapes() {
        assertEquals(List.of("a b", "\n\r\t\u0008\u0007\\\"", "AB"), split("\"a b\" \"\\n\\r\\t\\b\\a\\\\\\\"\" \"\\x41\\x42\""));
        assertEquals(List.of("xq"), split("\"\\xq\""), "an invalid \\x keeps only the x");
    }

    @Test
    void singleQuotesOnlyEscapeTheQuote() {
        assertEquals(List.of("it's", "a\\nb"), split("'it\\'s' 'a\\nb'"));
    }

    @Test
    void quoteMayStartMidWord() {
        assertEquals(List.of("abc d"), split("ab\"c d\""));
    }

    @Test
    void unbalanced() {
        assertNull(split("\"abc"));
        assertNull(split("'abc"));
        assertNull(split("\"a\"b"), "closing quote must be followed by a blank");
        assertNull(split("'a'b"));
    }
}
