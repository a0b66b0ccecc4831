package io.sentinel.server.link;

import io.netty.util.NetUtil;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The injected name table of the link tests: names point at loopback addresses the test chooses and repoints; a
 * name can be made to hang (its lookups never answer, like a DNS server that does not), and lookups are counted.
 */
final class TableResolver implements HostResolver {
    private final Map<String, String> table = new ConcurrentHashMap<>();
    private volatile boolean hanging;
    final AtomicInteger lookups = new AtomicInteger();

    TableResolver put(String name, String ip) {
        table.put(name, ip);
        return this;
    }

    void remove(String name) {
        table.remove(name);
    }

    /** From now on every lookup hangs (true) or answers from the table again (false). */
    void hang(boolean hang) {
        hanging = hang;
    }

    @Override
    public CompletableFuture<InetAddress> resolve(String host) {
        lookups.incrementAndGet();
        if (hanging) return new CompletableFuture<>();
        String ip = table.get(host);
        if (ip == null) return CompletableFuture.failedFuture(new UnknownHostException(host + ": not in the table"));
        try {
            return CompletableFuture.completedFuture(
                    InetAddress.getByAddress(host, NetUtil.createByteArrayFromIpAddressString(ip)));
        } catch (UnknownHostException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
