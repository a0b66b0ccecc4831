package io.sentinel.core.admin;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GlobIgnoreCaseTest {
    @Test
    void starsQuestionMarksAndCase() {
        assertTrue(Glob.matchesIgnoreCase("*", "announce-ip"));
        assertTrue(Glob.matchesIgnoreCase("", ""));
        assertFalse(Glob.matchesIgnoreCase("", "a"));
        assertTrue(Glob.matchesIgnoreCase("announce-*", "announce-port"));
        assertTrue(Glob.matchesIgnoreCase("ANNOUNCE-??", "announce-ip"));
        assertFalse(Glob.matchesIgnoreCase("announce-?", "announce-ip"));
        assertTrue(Glob.matchesIgnoreCase("*-p*", "sentinel-pass"));
        assertTrue(Glob.matchesIgnoreCase("**pass", "sentinel-pass"));
        assertFalse(Glob.matchesIgnoreCase("*user", "sentinel-pass"));
    }

    @Test
    void classesRangesNegationAndEscapes() {
        assertTrue(Glob.matchesIgnoreCase("[rs]*", "resolve-hostnames"));
        assertFalse(Glob.matchesIgnoreCase("[^rs]*", "sentinel-user"));
        assertTrue(Glob.matchesIgnoreCase("[^rs]*", "announce-ip"));
        assertTrue(Glob.matchesIgnoreCase("[a-c]nnounce-ip", "announce-ip"));
        assertTrue(Glob.matchesIgnoreCase("[c-a]nnounce-ip", "announce-ip"));
        assertFalse(Glob.matchesIgnoreCase("[b-z]nnounce-ip", "announce-ip"));
        assertTrue(Glob.matchesIgnoreCase("a\\*", "a*"));
        assertFalse(Glob.matchesIgnoreCase("a\\*", "ab"));
        assertTrue(Glob.matchesIgnoreCase("a[\\]]", "a]"));
    }
}
