package io.sentinel.core.event;

import io.sentinel.core.model.Address;

/**
 * An event as clients see it: published on channel {@code type.channel()} with {@code payload}, and logged as
 * {@code <channel> <payload>}. Payloads follow Redis: for an instance
 * {@code <role> <name> <ip> <port> [@ <master> <master-ip> <master-port>]} then any details.
 */
public record Event(EventType type, String payload) {

    /** The log line, as redis-sentinel writes it: {@code +sdown master mymaster 127.0.0.1 6379}. */
    public String logLine() {
        return type.channel() + " " + payload;
    }

    /** {@code master <name> <ip> <port>}. */
    public static String describeMaster(String masterName, Address master) {
        return "master " + masterName + " " + master.host() + " " + master.port();
    }

    /** {@code slave <ip:port> <ip> <port> @ <master> <ip> <port>}. */
    public static String describeReplica(Address replica, String masterName, Address master) {
        return "slave " + replica.hostPort() + " " + replica.host() + " " + replica.port() + " @ " + masterName + " "
                + master.host() + " " + master.port();
    }

    /** {@code sentinel <runid> <ip> <port> @ <master> <ip> <port>}. */
    public static String describeSentinel(String runId, Address peer, String masterName, Address master) {
        return "sentinel " + runId + " " + peer.host() + " " + peer.port() + " @ " + masterName + " "
                + master.host() + " " + master.port();
    }
}
