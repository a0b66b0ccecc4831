package io.sentinel.server.command;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GlobMatcherTest {
    @Test
    void starsQuestionMarksAndCase() {
        assertTrue(GlobMatcher.matches("*", "announce-ip"));
        assertTrue(GlobMatcher.matches("", ""));
        assertFalse(GlobMatcher.matches("", "a"));
        assertTrue(GlobMatcher.matches("announce-*", "announce-port"));
        assertTrue(GlobMatcher.matches("ANNOUNCE-??", "announce-ip"));
        assertFalse(GlobMatcher.matches("announce-?", "announce-ip"));
        assertTrue(GlobMatcher.matches("*-p*", "sentinel-pass"));
        assertTrue(GlobMatcher.matches("**pass", "sentinel-pass"));
        assertFalse(GlobMatcher.matches("*user", "sentinel-pass"));
    }

    @Test
    void classesRangesNegationAndEscapes() {
        assertTrue(GlobMatcher.matches("[rs]*", "resolve-hostnames"));
        assertFalse(GlobMatcher.matches("[^rs]*", "sentinel-user"));
        assertTrue(GlobMatcher.matches("[^rs]*", "announce-ip"));
        assertTrue(GlobMatcher.matches("[a-c]nnounce-ip", "announce-ip"));
        assertTrue(GlobMatcher.matches("[c-a]nnounce-ip", "announce-ip"));
        assertFalse(GlobMatcher.matches("[b-z]nnounce-ip", "announce-ip"));
        assertTrue(GlobMatcher.matches("a\\*", "a*"));
        assertFalse(GlobMatcher.matches("a\\*", "ab"));
        assertTrue(GlobMatcher.matches("a[\\]]", "a]"));
    }
}
