package io.sentinel.core.admin;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GlobRedisCasesTest {
    @Test
    void starAndQuestionMark() {
        assertTrue(Glob.matches("*", ""));
        assertTrue(Glob.matches("+*down", "+sdown"));
        assertTrue(Glob.matches("+*down", "+odown"));
        assertFalse(Glob.matches("+*down", "-sdown"));
        assertTrue(Glob.matches("h?llo", "hallo"));
        assertFalse(Glob.matches("h?llo", "hllo"));
        assertTrue(Glob.matches("a**b", "aXYb"));
        assertFalse(Glob.matches("a*b", "aXYc"));
    }

    @Test
    void classesRangesAndNegation() {
        assertTrue(Glob.matches("h[ae]llo", "hello"));
        assertFalse(Glob.matches("h[ae]llo", "hillo"));
        assertTrue(Glob.matches("h[^e]llo", "hallo"));
        assertFalse(Glob.matches("h[^e]llo", "hello"));
        assertTrue(Glob.matches("h[a-c]llo", "hbllo"));
        assertTrue(Glob.matches("h[c-a]llo", "hbllo"), "reversed ranges are accepted");
        assertTrue(Glob.matches("[\\]]", "]"));
    }

    @Test
    void escapesAndCase() {
        assertTrue(Glob.matches("a\\*b", "a*b"));
        assertFalse(Glob.matches("a\\*b", "axb"));
        assertFalse(Glob.matches("ABC", "abc"));
    }

    @Test
    void unterminatedClassEndsBeforeTheLastCharacter() {
        assertTrue(Glob.matches("[abc", "ac"));
        assertFalse(Glob.matches("[abc", "cc"));
    }
}
