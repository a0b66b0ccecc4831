package io.sentinel.server.command;

/**
 * Client states INFO counts: {@code blocked_clients} (held by CLIENT PAUSE), {@code tracking_clients} (CLIENT
 * TRACKING on) and {@code tracking_total_prefixes} (distinct BCAST prefixes of all tracking clients).
 */
public record ClientFlagCounts(int blocked, int tracking, int trackingPrefixes) {
    public static final ClientFlagCounts NONE = new ClientFlagCounts(0, 0, 0);
}
