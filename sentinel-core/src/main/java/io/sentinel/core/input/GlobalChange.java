package io.sentinel.core.input;

/**
 * One global directive changed at runtime by {@code SENTINEL CONFIG SET}, its value parsed and checked by the shell.
 */
public sealed interface GlobalChange {
    record ResolveHostnames(boolean yes) implements GlobalChange { }

    record AnnounceHostnames(boolean yes) implements GlobalChange { }

    /** Null: announce the address the links see. */
    record AnnounceIp(String ip) implements GlobalChange { }

    record AnnouncePort(int port) implements GlobalChange { }

    record ForgetUnresolvedAfter(long millis) implements GlobalChange { }

    /** Null: none. */
    record SentinelUser(String user) implements GlobalChange { }

    /** Null: none. */
    record SentinelPass(String pass) implements GlobalChange { }
}
