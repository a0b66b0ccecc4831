package io.sentinel.server.command;

/**
 * Traffic counters of the RESP server for {@code INFO stats}: bytes and socket reads/writes of client connections,
 * error replies, and Redis's instantaneous rates (mean of the last 16 samples taken every 100 ms).
 */
public record NetStats(
        long inputBytes,
        long outputBytes,
        long readsProcessed,
        long writesProcessed,
        long errorReplies,
        long opsPerSec,
        double inputKbps,
        double outputKbps) {

    public static final NetStats NONE = new NetStats(0, 0, 0, 0, 0, 0, 0, 0);
}
