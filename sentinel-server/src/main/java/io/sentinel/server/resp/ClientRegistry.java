package io.sentinel.server.resp;

import io.netty.channel.Channel;
import io.sentinel.server.command.ClientFlagCounts;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/** Every connected client by id (CLIENT LIST order), and the connection counters INFO reports. */
final class ClientRegistry {
    private final ConcurrentSkipListMap<Long, ClientConnection> clients = new ConcurrentSkipListMap<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private final AtomicLong totalConnections = new AtomicLong();
    private final AtomicLong rejectedConnections = new AtomicLong();
    /** Commands run by clients that have gone; live ones count their own (no shared counter on the hot path). */
    private final LongAdder retiredCommands = new LongAdder();
    private final LongSupplier clock;

    /** @param clock monotonic milliseconds, handed to every client */
    ClientRegistry(LongSupplier clock) {
        this.clock = clock;
    }

    ClientConnection register(Channel channel, AclUser defaultUser, boolean authenticated) {
        return register(channel, defaultUser, authenticated, null);
    }

    /** @param unixSocket the {@code unixsocket} the client came through (CLIENT LIST's addr); null for TCP */
    ClientConnection register(Channel channel, AclUser defaultUser, boolean authenticated, String unixSocket) {
        ClientConnection c = new ClientConnection(nextId.getAndIncrement(), channel, defaultUser, authenticated,
                clock, unixSocket);
        clients.put(c.id(), c);
        totalConnections.incrementAndGet();
        return c;
    }

    void unregister(ClientConnection c) {
        if (clients.remove(c.id()) != null) retiredCommands.add(c.commandsProcessed());
    }

    void rejected() {
        rejectedConnections.incrementAndGet();
    }

    ClientConnection get(long id) {
        return clients.get(id);
    }

    Collection<ClientConnection> all() {
        return clients.values();
    }

    int size() {
        return clients.size();
    }

    int pubsubClients() {
        int n = 0;
        for (ClientConnection c : clients.values()) {
            if (c.subscriptionCount() > 0) n++;
        }
        return n;
    }

    /** Clients a CLIENT PAUSE holds, clients tracking, and their distinct BCAST prefixes (Redis's PrefixTable). */
    ClientFlagCounts flagCounts() {
        int blocked = 0;
        int tracking = 0;
        Set<String> prefixes = new HashSet<>();
        for (ClientConnection c : clients.values()) {
            if (c.blocked()) blocked++;
            Tracking t = c.tracking();
            if (t.on()) tracking++;
            prefixes.addAll(t.prefixes());
        }
        return new ClientFlagCounts(blocked, tracking, prefixes.size());
    }

    long totalConnections() {
        return totalConnections.get();
    }

    long rejectedConnections() {
        return rejectedConnections.get();
    }

    /** Exact when read on a client's event loop for that client; others' counts may be a moment old. */
    long commandsProcessed() {
        long n = retiredCommands.sum();
        for (ClientConnection c : clients.values()) n += c.commandsProcessed();
        return n;
    }
}
