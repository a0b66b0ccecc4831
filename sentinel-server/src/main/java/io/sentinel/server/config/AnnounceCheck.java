package io.sentinel.server.config;

import java.util.List;
import java.util.Locale;

/**
 * Refuses an {@code announce-ip} no peer or client could reach, at start and with a reason: redis-sentinel takes
 * it and its peers then fail to connect, silently. A wildcard address is never reachable; a loopback address is
 * reachable only from this host, so announcing one while binding only other addresses is a mistake (a pod
 * announcing 127.0.0.1).
 */
public final class AnnounceCheck {
    private static final List<String> WILDCARDS = List.of("0.0.0.0", "::", "*", "::*", "0:0:0:0:0:0:0:0");

    private AnnounceCheck() {
    }

    /** The reason {@code announceIp} cannot be announced while binding {@code bind}, or null when it can. */
    public static String problem(String announceIp, List<String> bind) {
        if (announceIp == null) return null;
        String ip = announceIp.toLowerCase(Locale.ROOT);
        if (WILDCARDS.contains(ip)) {
            return "announce-ip " + announceIp + " is a wildcard address: peers and clients cannot connect to it. "
                    + "Announce this sentinel's own IP or host name.";
        }
        if (!isLoopback(ip) || bind.isEmpty()) return null;
        for (String b : bind) {
            String address = b.startsWith("-") ? b.substring(1) : b;
            if (isLoopback(address) || WILDCARDS.contains(address)) return null;
        }
        return "announce-ip " + announceIp + " is a loopback address, but the sentinel binds only "
                + String.join(" ", bind) + ": peers on other hosts cannot reach it.";
    }

    private static boolean isLoopback(String ip) {
        return ip.startsWith("127.") || ip.equals("::1") || ip.equals("localhost");
    }
}
