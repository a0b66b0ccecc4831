package io.sentinel.core.admin;

/** Redis's stringmatch glob: {@code *}, {@code ?}, {@code [abc]}, {@code [^a-z]}, {@code \x}; case-sensitive. */
public final class Glob {
    private Glob() {
    }

    public static boolean matches(String pattern, String text) {
        return match(pattern, 0, text, 0);
    }

    private static boolean match(String p, int pi, String t, int ti) {
        while (pi < p.length()) {
            char c = p.charAt(pi);
            if (c == '*') {
                while (pi + 1 < p.length() && p.charAt(pi + 1) == '*') pi++;
                if (pi + 1 == p.length()) return true;
                for (int k = ti; k <= t.length(); k++) {
                    if (match(p, pi + 1, t, k)) return true;
                }
                return false;
            }
            if (ti >= t.length()) return false;
            if (c == '?') {
                pi++;
                ti++;
                continue;
            }
            if (c == '[') {
                int end = classEnd(p, pi);
                if (!classMatches(p, pi + 1, end, t.charAt(ti))) return false;
                pi = end + 1;
                ti++;
                continue;
            }
            if (c == '\\' && pi + 1 < p.length()) c = p.charAt(++pi);
            if (c != t.charAt(ti)) return false;
            pi++;
            ti++;
        }
        return ti == t.length();
    }

    private static int classEnd(String p, int open) {
        int i = open + 1;
        while (i < p.length() && p.charAt(i) != ']') {
            if (p.charAt(i) == '\\') i++;
            i++;
        }
        return Math.min(i, p.length() - 1);
    }

    private static boolean classMatches(String p, int from, int to, char ch) {
        boolean not = from < to && p.charAt(from) == '^';
        if (not) from++;
        boolean hit = false;
        for (int i = from; i < to; i++) {
            char c = p.charAt(i);
            if (c == '\\' && i + 1 < to) {
                if (p.charAt(++i) == ch) hit = true;
            } else if (i + 2 < to && p.charAt(i + 1) == '-') {
                char lo = (char) Math.min(c, p.charAt(i + 2));
                char hi = (char) Math.max(c, p.charAt(i + 2));
                if (ch >= lo && ch <= hi) hit = true;
                i += 2;
            } else if (c == ch) {
                hit = true;
            }
        }
        return not != hit;
    }
}
