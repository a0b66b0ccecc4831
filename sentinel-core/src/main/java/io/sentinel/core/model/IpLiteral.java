package io.sentinel.core.model;

/** Whether a string is an IPv4 or IPv6 literal (without resolve-hostnames, Redis accepts only those). */
public final class IpLiteral {
    private IpLiteral() {
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
