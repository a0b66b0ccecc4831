package io.sentinel.server.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/** Free loopback ports for test processes. */
public final class Ports {
    // The OS may hand the same ephemeral port out again once we close it; remembering what we gave keeps two
    // processes of one test run from racing for the same port.
    private static final Set<Integer> HANDED_OUT = new HashSet<>();

    private Ports() {
    }

    /** A port that was free on 127.0.0.1 a moment ago and that this JVM has not handed out before. */
    public static synchronized int free() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = bindAndRelease();
            // Redis sentinels and cluster buses use port + 10000: stay below 55535 so both fit.
            if (port < 55535 && HANDED_OUT.add(port)) return port;
        }
        throw new IllegalStateException("no free port after 100 attempts");
    }

    private static int bindAndRelease() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind a loopback port", e);
        }
    }
}
