package io.sentinel.core.admin;

/**
 * Redis's glob ({@code stringmatchlen}): {@code *} any run, {@code ?} one character, {@code [abc]}, {@code [^abc]},
 * {@code [a-z]} (reversed ranges allowed), {@code \x} a literal x; an unterminated class ends before the pattern's
 * last character, as in Redis. Used by SENTINEL RESET, PSUBSCRIBE, COMMAND LIST FILTERBY PATTERN and (ignoring
 * case) SENTINEL CONFIG GET.
 */
public final class Glob {
    private Glob() {
    }

    /** Case-sensitive, as PSUBSCRIBE and SENTINEL RESET match. */
    public static boolean matches(String pattern, String text) {
        return match(pattern, 0, text, 0, false);
    }

    /** Case-insensitive, as SENTINEL CONFIG GET matches parameter names. */
    public static boolean matchesIgnoreCase(String pattern, String text) {
        return match(pattern, 0, text, 0, true);
    }

    private static boolean same(char a, char b, boolean ignoreCase) {
        return a == b || ignoreCase && Character.toLowerCase(a) == Character.toLowerCase(b);
    }

    private static boolean match(String p, int pi, String s, int si, boolean ic) {
        while (pi < p.length() && si < s.length()) {
            char c = p.charAt(pi);
            if (c == '*') {
                while (pi + 1 < p.length() && p.charAt(pi + 1) == '*') pi++;
                if (pi + 1 == p.length()) return true;
                for (int k = si; k < s.length(); k++) {
                    if (match(p, pi + 1, s, k, ic)) return true;
                }
                return false;
            } else if (c == '[') {
                int end = classEnd(p, pi + 1);
                if (!inClass(p, pi + 1, end, s.charAt(si), ic)) return false;
                pi = end;
            } else if (c == '?') {
                // any single character
            } else {
                if (c == '\\' && pi + 1 < p.length()) c = p.charAt(++pi);
                if (!same(c, s.charAt(si), ic)) return false;
            }
            pi++;
            si++;
        }
        if (si < s.length()) return false;
        while (pi < p.length() && p.charAt(pi) == '*') pi++;
        return pi == p.length();
    }

    /**
     * Index of the class's closing ']'. Unterminated, Redis ends the class before the pattern's last character and
     * then matches that character literally: we return the index before it.
     */
    private static int classEnd(String p, int from) {
        int i = from < p.length() && p.charAt(from) == '^' ? from + 1 : from;
        while (i < p.length()) {
            char c = p.charAt(i);
            if (c == '\\' && i + 1 < p.length()) i += 2;
            else if (c == ']') return i;
            else i++;
        }
        return p.length() - 2;
    }

    private static boolean inClass(String p, int from, int end, char ch, boolean ic) {
        boolean not = from < p.length() && p.charAt(from) == '^';
        int i = not ? from + 1 : from;
        boolean hit = false;
        int stop = end < p.length() && p.charAt(end) == ']' ? end : end + 1;
        while (i < stop) {
            char c = p.charAt(i);
            if (c == '\\' && i + 1 < stop) {
                hit |= same(p.charAt(i + 1), ch, ic);
                i += 2;
            } else if (i + 2 < stop && p.charAt(i + 1) == '-') {
                char lo = (char) Math.min(c, p.charAt(i + 2));
                char hi = (char) Math.max(c, p.charAt(i + 2));
                hit |= ch >= lo && ch <= hi
                        || ic && Character.toLowerCase(ch) >= Character.toLowerCase(lo)
                        && Character.toLowerCase(ch) <= Character.toLowerCase(hi);
                i += 3;
            } else {
                hit |= same(c, ch, ic);
                i++;
            }
        }
        return not != hit;
    }
}
