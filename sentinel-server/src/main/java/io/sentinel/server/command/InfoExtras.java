package io.sentinel.server.command;

import java.util.function.LongSupplier;

/**
 * Fields redis-sentinel 7.0 does not print, off by default ({@code info-extras yes} turns them on), each where
 * the Redis version that has it prints it: {@code sentinel_impl} (ours, last in server), {@code pubsub_clients}
 * (Redis 7.4, after tracking_clients) and {@code sentinel_total_tilt} (Redis 8, Valkey 9: TILT entries since
 * start, after sentinel_tilt_since_seconds).
 */
public record InfoExtras(boolean enabled, LongSupplier totalTilt) {
    public static final InfoExtras OFF = new InfoExtras(false, () -> 0);
}
