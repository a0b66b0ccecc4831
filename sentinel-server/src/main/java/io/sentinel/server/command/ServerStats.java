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
        int pubsubPatterns,
        int maxClients,
        NetStats net,
        ClientFlagCounts flags) {

    /** No client blocked or tracking. */
    public ServerStats(int tcpPort, long uptimeMillis, int connectedClients, int pubsubClients,
                       long totalConnectionsReceived, long totalCommandsProcessed, long rejectedConnections,
                       int pubsubChannels, int pubsubPatterns, int maxClients, NetStats net) {
        this(tcpPort, uptimeMillis, connectedClients, pubsubClients, totalConnectionsReceived, totalCommandsProcessed,
                rejectedConnections, pubsubChannels, pubsubPatterns, maxClients, net, ClientFlagCounts.NONE);
    }

    /** Without traffic counters: Redis's default maxclients, no bytes. */
    public ServerStats(int tcpPort, long uptimeMillis, int connectedClients, int pubsubClients,
                       long totalConnectionsReceived, long totalCommandsProcessed, long rejectedConnections,
                       int pubsubChannels, int pubsubPatterns) {
        this(tcpPort, uptimeMillis, connectedClients, pubsubClients, totalConnectionsReceived, totalCommandsProcessed,
                rejectedConnections, pubsubChannels, pubsubPatterns, 10_000, NetStats.NONE, ClientFlagCounts.NONE);
    }
}
