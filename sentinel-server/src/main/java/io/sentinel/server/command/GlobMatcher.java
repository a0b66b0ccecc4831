package io.sentinel.server.command;

/**
 * Redis's glob ({@code stringmatchlen}): {@code *}, {@code ?}, {@code [abc]}, {@code [^a-z]} and {@code \} escapes,
 * here always case-insensitive, as {@code SENTINEL CONFIG GET} matches parameter names.
 */
final class GlobMatcher {
    private GlobMatcher() {
    }

    static boolean matches(String pattern, String text) {
        return match(pattern, 0, text, 0);
    }

    private static boolean match(String p, int pi, String s, int si) {
        while (pi < p.length()) {
            char c = p.charAt(pi);
            if (c == '*') {
                while (pi + 1 < p.length() && p.charAt(pi + 1) == '*') pi++;
                if (pi + 1 == p.length()) return true;
                for (int k = si; k <= s.length(); k++) {
                    if (match(p, pi + 1, s, k)) return true;
                }
                return false;
            }
            if (si >= s.length()) return false;
            if (c == '[') {
                int end = classEnd(p, pi);
                if (!classMatches(p, pi + 1, end, s.charAt(si))) return false;
                pi = end + 1;
            } else if (c == '?') {
                pi++;
            } else {
                if (c == '\\' && pi + 1 < p.length()) c = p.charAt(++pi);
                if (!sameIgnoreCase(c, s.charAt(si))) return false;
                pi++;
            }
            si++;
        }
        return si == s.length();
    }

    /** Index of the closing bracket, or the pattern's end when unterminated (Redis then stops there). */
    private static int classEnd(String p, int open) {
        int i = open + 1;
        if (i < p.length() && p.charAt(i) == '^') i++;
        while (i < p.length() && p.charAt(i) != ']') {
            if (p.charAt(i) == '\\' && i + 1 < p.length()) i++;
            i++;
        }
        return Math.min(i, p.length());
    }

    private static boolean classMatches(String p, int from, int end, char ch) {
        boolean negate = from < end && p.charAt(from) == '^';
        if (negate) from++;
        boolean hit = false;
        for (int i = from; i < end; i++) {
            char c = p.charAt(i);
            if (c == '\\' && i + 1 < end) {
                hit |= sameIgnoreCase(p.charAt(++i), ch);
            } else if (i + 2 < end && p.charAt(i + 1) == '-') {
                char lo = Character.toLowerCase(c);
                char hi = Character.toLowerCase(p.charAt(i + 2));
                if (lo > hi) { char t = lo; lo = hi; hi = t; }
                char x = Character.toLowerCase(ch);
                hit |= x >= lo && x <= hi;
                i += 2;
            } else {
                hit |= sameIgnoreCase(c, ch);
            }
        }
        return negate != hit;
    }

    private static boolean sameIgnoreCase(char a, char b) {
        return Character.toLowerCase(a) == Character.toLowerCase(b);
    }
}
