package io.sentinel.core.event;

import io.sentinel.core.model.Address;
import io.sentinel.core.model.Role;

/**
 * An event as clients see it, as fields: its type, the master it concerns ({@code null} for none, as TILT), the
 * instance it describes ({@code null} when its payload has no instance description, as {@code +switch-master}), and
 * the words after it. {@link #payload()} renders Redis's text once, for pub/sub, the log and scripts alike; metrics
 * read the fields.
 */
public record Event(EventType type, String master, Instance instance, String details) {

    public Event {
        if (details == null) details = "";
    }

    /**
     * The instance an event describes, as Redis's {@code %@} does: its role; its name (the master's name, a
     * replica's {@code ip:port}, a peer's run id); its address and its master's, both as announced.
     */
    public record Instance(Role role, String name, Address address, Address masterAddress) {
        public static Instance master(String name, Address address) {
            return new Instance(Role.MASTER, name, address, address);
        }

        public static Instance replica(Address address, Address masterAddress) {
            return new Instance(Role.REPLICA, address.hostPort(), address, masterAddress);
        }

        public static Instance sentinel(String runId, Address address, Address masterAddress) {
            return new Instance(Role.SENTINEL, runId, address, masterAddress);
        }
    }

    /** An event about no master in particular: {@code +tilt}, a script's. */
    public static Event of(EventType type, String details) {
        return new Event(type, null, null, details);
    }

    /**
     * Redis's payload: for an instance {@code <role> <name> <ip> <port> [@ <master> <master-ip> <master-port>]}, then
     * the details; without one, the details alone.
     */
    public String payload() {
        if (instance == null) return details;
        Instance i = instance;
        StringBuilder b = new StringBuilder(96);
        b.append(i.role().wireName()).append(' ')
                .append(i.name()).append(' ').append(i.address().host()).append(' ').append(i.address().port());
        if (i.role() != Role.MASTER) {
            b.append(" @ ").append(master).append(' ').append(i.masterAddress().host()).append(' ')
                    .append(i.masterAddress().port());
        }
        if (!details.isEmpty()) b.append(' ').append(details);
        return b.toString();
    }

    /** The log line, as redis-sentinel writes it: {@code +sdown master mymaster 127.0.0.1 6379}. */
    public String logLine() {
        return type.channel() + " " + payload();
    }
}
