package io.sentinel.core.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Redis's stringmatchlen semantics, as SENTINEL RESET uses them. */
class GlobTest {
    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource(delimiter = '|', value = {
        "*|anything|true", "*|''|true", "my*|mymaster|true", "my*|yourmaster|false", "*master|mymaster|true",
        "m?master|mymaster|true", "m?master|mmaster|false", "?|''|false", "a*b*c|aXXbYYc|true", "a*b*c|aXXbYY|false",
        "[abc]x|bx|true", "[abc]x|dx|false", "[^abc]x|dx|true", "[^abc]x|ax|false", "[a-c]|b|true", "[c-a]|b|true",
        "[a-c]|d|false", "\\*|*|true", "\\*|a|false", "[\\]]|]|true", "MyMaster|mymaster|false", "mymaster|mymaster|true",
        "mymaster|mymaster2|false", "**|x|true", "a**b|ab|true"})
    void matchesLikeRedis(String pattern, String text, boolean expected) {
        assertEquals(expected, Glob.matches(pattern, text));
    }
}
