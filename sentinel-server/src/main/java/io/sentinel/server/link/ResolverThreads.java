package io.sentinel.server.link;

import io.netty.util.concurrent.DefaultThreadFactory;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.Security;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs blocking lookups (the system's getaddrinfo through {@link InetAddress}, or a hosts file of ours) on two
 * resolver threads of their own with a bounded queue: never on the core thread or an event loop. A lookup that
 * hangs holds one resolver thread, not the sentinel; when the queue is full a lookup fails at once ("resolver
 * busy") and the link falls back to the last address it knew.
 */
public final class ResolverThreads implements HostResolver {
    static final int THREADS = 2;
    static final int QUEUE = 64;

    /** Blocking lookup of one name. */
    @FunctionalInterface
    public interface Lookup {
        InetAddress lookup(String host) throws UnknownHostException;
    }

    private final Lookup lookup;
    private final ThreadPoolExecutor threads;

    ResolverThreads(Lookup lookup) {
        this.lookup = lookup;
        this.threads = new ThreadPoolExecutor(THREADS, THREADS, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(QUEUE), new DefaultThreadFactory("sentinel-resolver", true),
                new ThreadPoolExecutor.AbortPolicy());
    }

    /**
     * The system resolver (nsswitch: /etc/hosts re-read on each call, then DNS with resolv.conf's search and ndots),
     * as redis-sentinel and every other process on the host see it, with the JVM's address cache turned off.
     */
    public static ResolverThreads system() {
        disableJvmAddressCache();
        return new ResolverThreads(InetAddress::getByName);
    }

    /** Names from {@code file} only (hosts-file syntax), read again on every lookup: for tests and diagnosis. */
    public static ResolverThreads hostsFile(Path file) {
        return new ResolverThreads(host -> HostsFile.lookup(file, host));
    }

    /**
     * The JVM caches every answer for 30 s ({@code networkaddress.cache.ttl}) and failures for 10 s; the policy is
     * read once, at the first lookup of the process, so {@code Main} calls this before anything resolves.
     */
    public static void disableJvmAddressCache() {
        Security.setProperty("networkaddress.cache.ttl", "0");
        Security.setProperty("networkaddress.cache.negative.ttl", "0");
    }

    @Override
    public CompletableFuture<InetAddress> resolve(String host) {
        CompletableFuture<InetAddress> answer = new CompletableFuture<>();
        try {
            threads.execute(() -> {
                try {
                    answer.complete(lookup.lookup(host));
                } catch (Exception e) {
                    answer.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            answer.completeExceptionally(new UnknownHostException(host + ": resolver busy"));
        }
        return answer;
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
