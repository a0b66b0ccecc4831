package io.sentinel.core.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Redis's stringmatchlen semantics: case-sensitive as SENTINEL RESET uses them, case-insensitive for CONFIG GET. */
class GlobTest {
    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource(delimiter = '|', value = {
        "*|anything|true", "*|''|true", "my*|mymaster|true", "my*|yourmaster|false", "*master|mymaster|true",
        "m?master|mymaster|true", "m?master|mmaster|false", "?|''|false", "a*b*c|aXXbYYc|true", "a*b*c|aXXbYY|false",
        "[abc]x|bx|true", "[abc]x|dx|false", "[^abc]x|dx|true", "[^abc]x|ax|false", "[a-c]|b|true", "[c-a]|b|true",
        "[a-c]|d|false", "\\*|*|true", "\\*|a|false", "[\\]]|]|true", "MyMaster|mymaster|false", "mymaster|mymaster|true",
        "mymaster|mymaster2|false", "**|x|true", "a**b|ab|true",
        // Redis's own cases
        "+*down|+sdown|true", "+*down|+odown|true", "+*down|-sdown|false", "h?llo|hallo|true", "h?llo|hllo|false",
        "a**b|aXYb|true", "a*b|aXYc|false", "h[ae]llo|hello|true", "h[ae]llo|hillo|false", "h[^e]llo|hallo|true",
        "h[^e]llo|hello|false", "h[a-c]llo|hbllo|true", "h[c-a]llo|hbllo|true", "a\\*b|a*b|true", "a\\*b|axb|false",
        "ABC|abc|false",
        // an unterminated class ends before the last character
        "[abc|ac|true", "[abc|cc|false"})
    void matchesLikeRedis(String pattern, String text, boolean expected) {
        assertEquals(expected, Glob.matches(pattern, text));
    }

    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource(delimiter = '|', value = {
        "*|announce-ip|true", "''|''|true", "''|a|false", "announce-*|announce-port|true", "ANNOUNCE-??|announce-ip|true",
        "announce-?|announce-ip|false", "*-p*|sentinel-pass|true", "**pass|sentinel-pass|true",
        "*user|sentinel-pass|false", "[rs]*|resolve-hostnames|true", "[^rs]*|sentinel-user|false",
        "[^rs]*|announce-ip|true", "[a-c]nnounce-ip|announce-ip|true", "[c-a]nnounce-ip|announce-ip|true",
        "[b-z]nnounce-ip|announce-ip|false", "a\\*|a*|true", "a\\*|ab|false", "a[\\]]|a]|true"})
    void matchesIgnoringCaseLikeConfigGet(String pattern, String text, boolean expected) {
        assertEquals(expected, Glob.matchesIgnoreCase(pattern, text));
    }
}
