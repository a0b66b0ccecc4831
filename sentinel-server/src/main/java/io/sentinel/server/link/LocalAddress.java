package io.sentinel.server.link;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * Our own address as an instance sees it: what hellos announce when {@code announce-ip} is not set, as
 * redis-sentinel announces its link's local address. Also gives the remote side's IP, the one a name resolved to.
 */
final class LocalAddress {
    private LocalAddress() {
    }

    static String of(SocketAddress local) {
        if (local instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return null;
    }
}
