package io.sentinel.server.resp;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GlobMatcherTest {
    @Test
    void starAndQuestionMark() {
        assertTrue(GlobMatcher.matches("*", ""));
        assertTrue(GlobMatcher.matches("+*down", "+sdown"));
        assertTrue(GlobMatcher.matches("+*down", "+odown"));
        assertFalse(GlobMatcher.matches("+*down", "-sdown"));
        assertTrue(GlobMatcher.matches("h?llo", "hallo"));
        assertFalse(GlobMatcher.matches("h?llo", "hllo"));
        assertTrue(GlobMatcher.matches("a**b", "aXYb"));
        assertFalse(GlobMatcher.matches("a*b", "aXYc"));
    }

    @Test
    void classesRangesAndNegation() {
        assertTrue(GlobMatcher.matches("h[ae]llo", "hello"));
        assertFalse(GlobMatcher.matches("h[ae]llo", "hillo"));
        assertTrue(GlobMatcher.matches("h[^e]llo", "hallo"));
        assertFalse(GlobMatcher.matches("h[^e]llo", "hello"));
        assertTrue(GlobMatcher.matches("h[a-c]llo", "hbllo"));
        assertTrue(GlobMatcher.matches("h[c-a]llo", "hbllo"), "reversed ranges are accepted");
        assertTrue(GlobMatcher.matches("[\\]]", "]"));
    }

    @Test
    void escapesAndCase() {
        assertTrue(GlobMatcher.matches("a\\*b", "a*b"));
        assertFalse(GlobMatcher.matches("a\\*b", "axb"));
        assertFalse(GlobMatcher.matches("ABC", "abc"));
    }

    @Test
    void unterminatedClassEndsBeforeTheLastCharacter() {
        assertTrue(GlobMatcher.matches("[abc", "ac"));
        assertFalse(GlobMatcher.matches("[abc", "cc"));
    }
}
