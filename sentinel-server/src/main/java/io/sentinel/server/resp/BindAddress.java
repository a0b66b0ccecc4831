package io.sentinel.server.resp;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code bind} entry as Redis reads it: {@code *} all IPv4, {@code ::*} all IPv6, a {@code -} prefix marks an
 * address that may be missing. No bind at all means every address of the host (one dual-stack wildcard socket).
 */
record BindAddress(String host, boolean optional) {

    static List<BindAddress> parse(List<String> bind) {
        List<BindAddress> out = new ArrayList<>();
        if (bind.isEmpty()) out.add(new BindAddress(null, false));
        for (String b : bind) {
            boolean optional = b.startsWith("-");
            String host = optional ? b.substring(1) : b;
            if (host.equals("*")) host = "0.0.0.0";
            else if (host.equals("::*")) host = "::";
            out.add(new BindAddress(host, optional));
        }
        return out;
    }

    InetSocketAddress socketAddress(int port) {
        return host == null ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
    }

    String display() {
        return host == null ? "*" : host;
    }

    /** The errno text Redis prints after "bind: "; Java and Netty's native transport put it last in the message. */
    static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && m.contains("Address already in use")) return "Address already in use";
            if (m != null && m.contains("Cannot assign requested address")) return "Cannot assign requested address";
        }
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        int colon = m.lastIndexOf(": ");
        return colon >= 0 ? m.substring(colon + 2) : m;
    }
}
