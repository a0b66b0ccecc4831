package io.sentinel.server.link;

import java.net.InetAddress;
import java.util.concurrent.CompletableFuture;

/**
 * Turns a host name into an address, asked afresh on every call: no cache of ours or the JVM's stands between two
 * calls, so a pod rescheduled at a new IP under its name is found on the next reconnect attempt. Never blocks the
 * caller; the answer may complete on any thread, late, or never (a DNS server that does not answer): the caller
 * bounds the wait ({@link FreshAddresses}). Tests inject a name table behind the same interface.
 */
public interface HostResolver extends AutoCloseable {
    /** The address {@code host} has now; fails with the reason (e.g. {@link java.net.UnknownHostException}). */
    CompletableFuture<InetAddress> resolve(String host);

    /** Stops the resolver's threads, if it has any; a lookup still hanging in them is abandoned. */
    @Override
    default void close() {
    }
}
