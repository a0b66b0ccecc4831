package io.sentinel.core.model;

/**
 * What a link connects to: a Redis instance (master or replica) or a peer sentinel. The shell keeps one link per
 * target; the core opens it with {@code OpenLink} and closes it with {@code CloseLink}.
 */
public record Target(Kind kind, Address address) implements Comparable<Target> {
    public enum Kind { REDIS, SENTINEL }

    public static Target redis(Address address) {
        return new Target(Kind.REDIS, address);
    }

    public static Target sentinel(Address address) {
        return new Target(Kind.SENTINEL, address);
    }

    @Override
    public int compareTo(Target o) {
        int c = kind.compareTo(o.kind);
        return c != 0 ? c : address.compareTo(o.address);
    }
}
