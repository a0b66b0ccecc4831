package io.sentinel.server.resp;

/**
 * Glob matching as Redis's {@code stringmatchlen} (PSUBSCRIBE): {@code *} any run, {@code ?} one character,
 * {@code [abc]}, {@code [^abc]}, {@code [a-z]} (reversed ranges allowed), {@code \x} a literal x. Case-sensitive.
 */
final class GlobMatcher {
    private GlobMatcher() {
    }

    static boolean matches(String pattern, String text) {
        return match(pattern, 0, text, 0);
    }

    private static boolean match(String p, int pi, String s, int si) {
        while (pi < p.length() && si < s.length()) {
            char c = p.charAt(pi);
            if (c == '*') {
                while (pi + 1 < p.length() && p.charAt(pi + 1) == '*') pi++;
                if (pi + 1 == p.length()) return true;
                for (int k = si; k < s.length(); k++) {
                    if (match(p, pi + 1, s, k)) return true;
                }
                return false;
            } else if (c == '[') {
                int end = classEnd(p, pi + 1);
                if (!inClass(p, pi + 1, end, s.charAt(si))) return false;
                pi = end;
            } else if (c == '?') {
                // any single character
            } else {
                if (c == '\\' && pi + 1 < p.length()) c = p.charAt(++pi);
                if (c != s.charAt(si)) return false;
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

    private static boolean inClass(String p, int from, int end, char ch) {
        boolean not = from < p.length() && p.charAt(from) == '^';
        int i = not ? from + 1 : from;
        boolean hit = false;
        int stop = end < p.length() && p.charAt(end) == ']' ? end : end + 1;
        while (i < stop) {
            char c = p.charAt(i);
            if (c == '\\' && i + 1 < stop) {
                hit |= p.charAt(i + 1) == ch;
                i += 2;
            } else if (i + 2 < stop && p.charAt(i + 1) == '-') {
                char lo = (char) Math.min(c, p.charAt(i + 2));
                char hi = (char) Math.max(c, p.charAt(i + 2));
                hit |= ch >= lo && ch <= hi;
                i += 3;
            } else {
                hit |= c == ch;
                i++;
            }
        }
        return not != hit;
    }
}
