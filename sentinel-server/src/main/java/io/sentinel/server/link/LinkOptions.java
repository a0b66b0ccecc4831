package io.sentinel.server.link;

import io.sentinel.server.tls.ClientTls;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * How every link behaves. Timeouts are short and reconnects fast because a sentinel must notice a dead master, and
 * a restarted one, within its down-after period.
 *
 * @param clientNamePrefix    {@code sentinel-<first 8 chars of myid>}; connections are named {@code <prefix>-cmd}
 *                            and {@code <prefix>-pubsub}, as redis-sentinel names them
 * @param commandTimeoutMillis every command (and connect) fails after this; a later reply is dropped
 * @param reconnectMinMillis  delay of the first {@link #FAST_ATTEMPTS} reconnects; then it doubles up to
 *                            {@code reconnectMaxMillis}
 * @param maxPendingCommands  commands in flight per connection before new ones are rejected
 * @param pubSubIdleMillis    a pub/sub connection that received nothing for this long (our own hellos come every
 *                            2 s) is reconnected: it may be half-open, as redis-sentinel fears of its pc link
 * @param resolveTimeoutMillis a connection attempt waits this long for a name's fresh address, then uses the last
 *                            one known (or fails and retries, for a name never resolved)
 * @param tls                 TLS for every link ({@code tls-replication yes}); null for plain TCP
 * @param sourceAddress       {@code bind-source-addr}: every link's socket is bound to it before connecting, as
 *                            redis-sentinel's redisAsyncConnectBind does; null lets the kernel choose
 */
public record LinkOptions(String clientNamePrefix, long commandTimeoutMillis, long reconnectMinMillis,
                          long reconnectMaxMillis, int maxPendingCommands, long pubSubIdleMillis,
                          long resolveTimeoutMillis, ClientTls tls, InetAddress sourceAddress) {
    public static final long DEFAULT_COMMAND_TIMEOUT_MILLIS = 2000;

    public LinkOptions {
        if (clientNamePrefix == null || clientNamePrefix.isEmpty()) throw new IllegalArgumentException("no name");
        if (commandTimeoutMillis <= 0) throw new IllegalArgumentException("commandTimeoutMillis must be > 0");
        if (reconnectMinMillis <= 0 || reconnectMaxMillis < reconnectMinMillis) {
            throw new IllegalArgumentException("need 0 < reconnectMinMillis <= reconnectMaxMillis");
        }
        if (maxPendingCommands < 1) throw new IllegalArgumentException("maxPendingCommands must be >= 1");
        if (pubSubIdleMillis <= 0) throw new IllegalArgumentException("pubSubIdleMillis must be > 0");
        if (resolveTimeoutMillis <= 0) throw new IllegalArgumentException("resolveTimeoutMillis must be > 0");
    }

    /**
     * Defaults for the sentinel with run id {@code myId}: 2 s timeout, reconnect 100 ms .. 1 s,
     * pub/sub reconnected after 15 s of silence (redis-sentinel's SENTINEL_MIN_LINK_RECONNECT_PERIOD), a name's
     * lookup awaited 500 ms (a DNS server that answers at all answers well within that on a cluster network).
     */
    public static LinkOptions forSentinel(String myId) {
        String prefix = "sentinel-" + myId.substring(0, Math.min(8, myId.length()));
        return new LinkOptions(prefix, DEFAULT_COMMAND_TIMEOUT_MILLIS, 100, 1000, 1000, 15_000, 500, null, null);
    }

    public LinkOptions withPubSubIdleMillis(long millis) {
        return new LinkOptions(clientNamePrefix, commandTimeoutMillis, reconnectMinMillis, reconnectMaxMillis,
                maxPendingCommands, millis, resolveTimeoutMillis, tls, sourceAddress);
    }

    public LinkOptions withCommandTimeoutMillis(long millis) {
        return new LinkOptions(clientNamePrefix, millis, reconnectMinMillis, reconnectMaxMillis,
                maxPendingCommands, pubSubIdleMillis, resolveTimeoutMillis, tls, sourceAddress);
    }

    public LinkOptions withReconnectMillis(long minMillis, long maxMillis) {
        return new LinkOptions(clientNamePrefix, commandTimeoutMillis, minMillis, maxMillis,
                maxPendingCommands, pubSubIdleMillis, resolveTimeoutMillis, tls, sourceAddress);
    }

    public LinkOptions withResolveTimeoutMillis(long millis) {
        return new LinkOptions(clientNamePrefix, commandTimeoutMillis, reconnectMinMillis, reconnectMaxMillis,
                maxPendingCommands, pubSubIdleMillis, millis, tls, sourceAddress);
    }

    /** These options with every link over TLS. */
    public LinkOptions withTls(ClientTls clientTls) {
        return new LinkOptions(clientNamePrefix, commandTimeoutMillis, reconnectMinMillis, reconnectMaxMillis,
                maxPendingCommands, pubSubIdleMillis, resolveTimeoutMillis, clientTls, sourceAddress);
    }

    /**
     * The address {@code bind-source-addr} names (null when unset), resolved once at start: an IP literal as it is, a
     * host name through the system resolver (hiredis resolves it at each connect; a name that does not resolve
     * stops our start-up instead of failing every link).
     */
    public static InetAddress sourceAddress(String setting) {
        if (setting == null) return null;
        try {
            return InetAddress.getByName(setting);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("bind-source-addr " + setting + ": cannot resolve it: " + e.getMessage(),
                    e);
        }
    }

    /** These options with every link's socket bound to {@code address} (null: the kernel chooses). */
    public LinkOptions withSourceAddress(InetAddress address) {
        return new LinkOptions(clientNamePrefix, commandTimeoutMillis, reconnectMinMillis, reconnectMaxMillis,
                maxPendingCommands, pubSubIdleMillis, resolveTimeoutMillis, tls, address);
    }

    public String commandClientName() {
        return clientNamePrefix + "-cmd";
    }

    public String pubSubClientName() {
        return clientNamePrefix + "-pubsub";
    }

    /** Attempts made at the shortest delay before backing off: 5 s of retries every 100 ms by default. */
    public static final int FAST_ATTEMPTS = 50;

    /**
     * Delay before reconnect attempt {@code attempt} (1-based). The first {@link #FAST_ATTEMPTS} come at the
     * shortest delay: an instance back before down-after runs out must be seen back in time (the bench's master
     * restarted after 800 ms, with down-after 1 s, was failed over when the retries had already backed off to
     * 800 ms). Only an outage longer than that backs off, doubling up to the longest delay.
     */
    public long reconnectDelayMillis(int attempt) {
        if (attempt <= FAST_ATTEMPTS) return reconnectMinMillis;
        int shift = Math.min(attempt - FAST_ATTEMPTS, 20);
        return Math.min(reconnectMaxMillis, reconnectMinMillis << shift);
    }
}
