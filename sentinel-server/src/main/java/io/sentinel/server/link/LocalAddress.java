package io.sentinel.server.link;

import io.sentinel.core.model.Address;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * Our own address as an instance sees it: what hellos announce when {@code announce-ip} is not set, as
 * redis-sentinel announces its link's local address.
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

    /** The source address the kernel picks to reach {@code target}; a UDP connect sends no packet. */
    static String towards(Address target) {
        try (DatagramSocket probe = new DatagramSocket()) {
            probe.connect(new InetSocketAddress(target.host(), target.port()));
            return of(probe.getLocalSocketAddress());
        } catch (Exception e) {
            return null;
        }
    }
}
