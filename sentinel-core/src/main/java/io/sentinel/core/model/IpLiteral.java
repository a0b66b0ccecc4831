package io.sentinel.core.model;

/** Whether a string is an IPv4 or IPv6 literal (without resolve-hostnames, Redis accepts only those). */
public final class IpLiteral {
    private IpLiteral() {
    }

    /**
     * The address as Redis stores it after getaddrinfo with AI_NUMERICHOST: the short and based IPv4 forms of
     * inet_aton ({@code 127.1}, {@code 0x7f.1}, {@code 0177.0.0.1}, {@code 2130706433}) as a dotted quad, IPv6 as
     * written; null when it is no IP literal.
     */
    public static String normalize(String s) {
        if (isIpv6(s)) return s;
        return normalizeIpv4(s);
    }

    /** inet_aton, exact: 1-4 parts (decimal, 0x hex, 0 octal); the last part fills the bytes left. */
    static String normalizeIpv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length > 4) return null;
        long value = 0;
        for (int i = 0; i < parts.length; i++) {
            long part = parsePart(parts[i]);
            int bytesLeft = 4 - i;
            long max = i == parts.length - 1 ? (1L << (8 * bytesLeft)) - 1 : 255;
            if (part < 0 || part > max) return null;
            value = i == parts.length - 1 ? value | part : value | (part << (8 * (3 - i)));
        }
        return (value >>> 24) + "." + ((value >>> 16) & 255) + "." + ((value >>> 8) & 255) + "." + (value & 255);
    }

    /** One inet_aton part, or -1: {@code 0x}/{@code 0X} then hex digits, {@code 0} then octal, else decimal. */
    private static long parsePart(String p) {
        int radix = 10;
        String digits = p;
        if (p.length() > 2 && (p.startsWith("0x") || p.startsWith("0X"))) {
            radix = 16;
            digits = p.substring(2);
        } else if (p.length() > 1 && p.startsWith("0")) {
            radix = 8;
            digits = p.substring(1);
        }
        if (digits.isEmpty() || digits.length() > 12) return -1;
        long v = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = Character.digit(digits.charAt(i), radix);
            if (d < 0) return -1;
            v = v * radix + d;
        }
        return v;
    }

    public static boolean isIp(String s) {
        return isIpv4(s) || isIpv6(s);
    }

    static boolean isIpv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) return false;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3) return false;
            for (int i = 0; i < p.length(); i++) {
                if (!Character.isDigit(p.charAt(i))) return false;
            }
            if (Integer.parseInt(p) > 255) return false;
        }
        return true;
    }

    static boolean isIpv6(String s) {
        if (s.indexOf(':') < 0 || s.length() > 45) return false;
        int doubleColon = s.indexOf("::");
        if (doubleColon >= 0 && s.indexOf("::", doubleColon + 1) >= 0) return false;
        String[] groups = s.split(":", -1);
        int count = 0;
        for (int i = 0; i < groups.length; i++) {
            String g = groups[i];
            if (g.isEmpty()) continue;
            if (i == groups.length - 1 && g.contains(".")) {
                if (!isIpv4(g)) return false;
                count += 2;
                continue;
            }
            if (g.length() > 4) return false;
            for (int k = 0; k < g.length(); k++) {
                if (Character.digit(g.charAt(k), 16) < 0) return false;
            }
            count++;
        }
        return doubleColon >= 0 ? count < 8 : count == 8;
    }
}
