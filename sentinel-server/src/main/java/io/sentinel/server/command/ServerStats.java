package io.sentinel.server.command;

/** Counters the RESP server keeps, for {@code INFO server|clients|stats}. */
public record ServerStats(
        int tcpPort,
        long uptimeMillis,
        int connectedClients,
        int pubsubClients,
        long totalConnectionsReceived,
        long totalCommandsProcessed,
        long rejectedConnections,
        int pubsubChannels,
        int pubsubPatterns) {
}
