package io.sentinel.server.command;

import java.util.List;
import java.util.Locale;

/**
 * {@code INFO stats} field for field as redis-sentinel 7.0 prints it: real counters for connections, commands,
 * traffic, rates, pub/sub, error replies and CLIENT TRACKING's BCAST prefixes; Redis's neutral zeros for what a
 * sentinel has no such thing as (keyspace, replication, expiry, eviction, forks, defrag, tracked keys, I/O threads).
 */
final class StatsSection {
    private static final List<String> KEYSPACE_AND_REPLICATION = List.of("sync_full", "sync_partial_ok",
            "sync_partial_err", "expired_keys");
    private static final List<String> EXPIRY_AND_EVICTION = List.of("expired_time_cap_reached_count",
            "expire_cycle_cpu_milliseconds", "evicted_keys", "evicted_clients", "total_eviction_exceeded_time",
            "current_eviction_exceeded_time", "keyspace_hits", "keyspace_misses");
    private static final List<String> FORKS_DEFRAG_TRACKING = List.of("latest_fork_usec", "total_forks",
            "migrate_cached_sockets", "slave_expires_tracked_keys", "active_defrag_hits", "active_defrag_misses",
            "active_defrag_key_hits", "active_defrag_key_misses", "total_active_defrag_time",
            "current_active_defrag_time", "tracking_total_keys", "tracking_total_items");

    private StatsSection() {
    }

    static void render(StringBuilder out, ServerStats stats) {
        NetStats net = stats.net();
        out.append("# Stats\r\n");
        line(out, "total_connections_received", stats.totalConnectionsReceived());
        line(out, "total_commands_processed", stats.totalCommandsProcessed());
        line(out, "instantaneous_ops_per_sec", net.opsPerSec());
        line(out, "total_net_input_bytes", net.inputBytes());
        line(out, "total_net_output_bytes", net.outputBytes());
        line(out, "total_net_repl_input_bytes", 0);
        line(out, "total_net_repl_output_bytes", 0);
        line(out, "instantaneous_input_kbps", kbps(net.inputKbps()));
        line(out, "instantaneous_output_kbps", kbps(net.outputKbps()));
        line(out, "instantaneous_input_repl_kbps", "0.00");
        line(out, "instantaneous_output_repl_kbps", "0.00");
        line(out, "rejected_connections", stats.rejectedConnections());
        zeros(out, KEYSPACE_AND_REPLICATION);
        line(out, "expired_stale_perc", "0.00");
        zeros(out, EXPIRY_AND_EVICTION);
        line(out, "pubsub_channels", stats.pubsubChannels());
        line(out, "pubsub_patterns", stats.pubsubPatterns());
        line(out, "pubsubshard_channels", 0);
        zeros(out, FORKS_DEFRAG_TRACKING);
        line(out, "tracking_total_prefixes", stats.flags().trackingPrefixes());
        line(out, "unexpected_error_replies", 0);
        line(out, "total_error_replies", net.errorReplies());
        line(out, "dump_payload_sanitizations", 0);
        line(out, "total_reads_processed", net.readsProcessed());
        line(out, "total_writes_processed", net.writesProcessed());
        line(out, "io_threaded_reads_processed", 0);
        line(out, "io_threaded_writes_processed", 0);
        line(out, "reply_buffer_shrinks", 0);
        line(out, "reply_buffer_expands", 0);
    }

    private static String kbps(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static void zeros(StringBuilder out, List<String> keys) {
        for (String k : keys) line(out, k, 0);
    }

    static void line(StringBuilder out, String key, Object value) {
        out.append(key).append(':').append(value).append("\r\n");
    }
}
