package io.sentinel.core.model;

/** A host and port as Redis names an instance: the host as configured or announced, never resolved by the core. */
public record Address(String host, int port) implements Comparable<Address> {
    public Address {
        if (host == null || host.isEmpty()) throw new IllegalArgumentException("empty host");
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port out of range: " + port);
    }

    /** Parses {@code host:port}; an IPv6 host keeps its colons ({@code ::1:6379}). */
    public static Address parse(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0) throw new IllegalArgumentException("not host:port: " + hostPort);
        return new Address(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }

    /** Redis's {@code ip:port} form, used as a replica's name. IPv6 is bracketed as Redis's announceSentinelAddr does. */
    public String hostPort() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }

    @Override
    public int compareTo(Address o) {
        int c = host.compareTo(o.host);
        return c != 0 ? c : Integer.compare(port, o.port);
    }

    @Override
    public String toString() {
        return hostPort();
    }
}
