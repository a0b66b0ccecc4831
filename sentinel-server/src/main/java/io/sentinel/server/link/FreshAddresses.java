package io.sentinel.server.link;

import io.netty.util.NetUtil;
import io.sentinel.core.model.Address;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The address each connection attempt goes to: a name is resolved afresh for every attempt (as redis-sentinel does
 * since 7.0), without ever blocking the caller. A lookup is awaited at most {@code timeoutMillis}; when it fails or
 * hangs, the attempt uses the last address the name had (a dead DNS server during a node outage must not cut the
 * sentinel off instances it could still reach), and a name never resolved fails the attempt, which the session
 * retries with back-off. At most one lookup per name runs at a time; one that already hung past the timeout is
 * not waited for again. A name that moves to a new address is logged once, here, for all links.
 */
final class FreshAddresses {
    private static final Logger log = LoggerFactory.getLogger(FreshAddresses.class);

    private final HostResolver resolver;
    private final long timeoutMillis;
    private final LongSupplier clock;
    private final Map<String, InetAddress> lastKnown = new ConcurrentHashMap<>();
    private final Map<String, Pending> running = new ConcurrentHashMap<>();

    private record Pending(CompletableFuture<InetAddress> answer, long startedAtMillis) {
    }

    /** @param clock monotonic milliseconds, for how long a lookup has been running */
    FreshAddresses(HostResolver resolver, long timeoutMillis, LongSupplier clock) {
        this.resolver = resolver;
        this.timeoutMillis = timeoutMillis;
        this.clock = clock;
    }

    /** Where to connect for {@code address} now; an IP literal at once, a name after a fresh lookup. */
    CompletableFuture<InetSocketAddress> lookup(Address address) {
        String host = address.host();
        int port = address.port();
        byte[] literal = NetUtil.createByteArrayFromIpAddressString(host);
        if (literal != null) return CompletableFuture.completedFuture(socket(null, literal, port));
        long now = clock.getAsLong();
        Pending pending = pending(host, now);
        InetAddress known = lastKnown.get(host);
        long left = timeoutMillis - (now - pending.startedAtMillis());
        if (known != null && left <= 0) {
            return CompletableFuture.completedFuture(socket(host, known.getAddress(), port)); // still hanging
        }
        return pending.answer().copy().orTimeout(Math.max(left, 1), TimeUnit.MILLISECONDS).handle((ip, err) -> {
            if (err == null) return socket(host, ip.getAddress(), port);
            InetAddress last = lastKnown.get(host);
            if (last == null) {
                throw new CompletionException(new UnknownHostException("cannot resolve " + host + ": "
                        + LinkErrors.reason(err)));
            }
            log.debug("{}: lookup failed ({}), using its last address {}", host, LinkErrors.reason(err),
                    last.getHostAddress());
            return socket(host, last.getAddress(), port);
        });
    }

    /** The last address {@code host} resolved to, or null. */
    InetAddress lastKnown(String host) {
        return lastKnown.get(host);
    }

    /** The running lookup of {@code host}, or a new one. */
    private Pending pending(String host, long now) {
        Pending current = running.get(host);
        if (current != null) return current;
        Pending fresh = new Pending(new CompletableFuture<>(), now);
        current = running.putIfAbsent(host, fresh);
        if (current != null) return current;
        CompletableFuture<InetAddress> answer;
        try {
            answer = resolver.resolve(host);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenComplete((ip, err) -> {
            running.remove(host, fresh);
            if (err != null) {
                fresh.answer().completeExceptionally(err);
            } else {
                remember(host, ip);
                fresh.answer().complete(ip);
            }
        });
        return fresh;
    }

    /** Same name, same instance: only the address changes, logged once per move. */
    private void remember(String host, InetAddress ip) {
        InetAddress before = lastKnown.put(host, ip);
        if (before != null && !before.equals(ip)) {
            log.info("{} now resolves to {} (was {}): reconnecting there", host, ip.getHostAddress(),
                    before.getHostAddress());
        }
    }

    private static InetSocketAddress socket(String host, byte[] ip, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByAddress(host, ip), port);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("not an address: " + ip.length + " bytes", e); // 4 or 16 bytes only
        }
    }
}
