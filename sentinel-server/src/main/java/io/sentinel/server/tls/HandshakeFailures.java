package io.sentinel.server.tls;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Failed TLS handshakes on one side (clients of our server, or our links): every one is counted; the first from a
 * peer address is logged, and the next success from it, not each retry (a client without a certificate may retry
 * many times a second). Remembers a bounded number of addresses, so a scan cannot grow it.
 */
public final class HandshakeFailures {
    private static final Logger log = LoggerFactory.getLogger(HandshakeFailures.class);
    static final int MAX_REMEMBERED = 1024;

    private final String side;
    private final LongAdder total = new LongAdder();
    private final Set<String> failing = ConcurrentHashMap.newKeySet();

    HandshakeFailures(String side) {
        this.side = side;
    }

    void failed(String peer, Throwable cause) {
        total.increment();
        if (failing.size() >= MAX_REMEMBERED || !failing.add(peer)) return;
        log.warn("TLS handshake {} {} failed: {} (further failures from this address are counted, not logged)",
                side, peer, reason(cause));
    }

    void succeeded(String peer) {
        if (failing.remove(peer)) log.info("TLS handshake {} {} succeeded again", side, peer);
    }

    public long total() {
        return total.sum();
    }

    private static String reason(Throwable cause) {
        Throwable t = cause;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m;
    }
}
