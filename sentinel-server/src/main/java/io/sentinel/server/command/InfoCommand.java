package io.sentinel.server.command;

import io.sentinel.core.view.MasterView;
import io.sentinel.core.view.SentinelView;
import io.sentinel.server.scripts.PendingScript;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The {@code INFO} text of a sentinel: sections server, clients, stats, cpu and sentinel, always in that order
 * whatever order they were asked in, field for field as redis-sentinel 7.0 prints them (extras only with
 * {@link InfoExtras}). Each section ends with CRLF and sections are separated by an empty line; unknown section
 * names contribute nothing.
 */
final class InfoCommand {
    enum Section { SERVER, CLIENTS, STATS, CPU, SENTINEL }

    private final ServerInfo server;
    private final LongSupplier wallMillis;
    private final Supplier<CpuUsage> cpu;
    private final Supplier<List<PendingScript>> scripts;
    private final InfoExtras extras;

    InfoCommand(ServerInfo server, LongSupplier wallMillis, Supplier<CpuUsage> cpu) {
        this(server, wallMillis, cpu, List::of);
    }

    InfoCommand(ServerInfo server, LongSupplier wallMillis, Supplier<CpuUsage> cpu,
                Supplier<List<PendingScript>> scripts) {
        this(server, wallMillis, cpu, scripts, InfoExtras.OFF);
    }

    InfoCommand(ServerInfo server, LongSupplier wallMillis, Supplier<CpuUsage> cpu,
                Supplier<List<PendingScript>> scripts, InfoExtras extras) {
        this.server = server;
        this.wallMillis = wallMillis;
        this.cpu = cpu;
        this.scripts = scripts;
        this.extras = extras;
    }

    /** {@code default}, {@code all} and {@code everything} all mean every section; no names means default. */
    static Set<Section> select(List<String> names) {
        if (names.isEmpty()) return EnumSet.allOf(Section.class);
        Set<Section> out = EnumSet.noneOf(Section.class);
        for (String n : names) {
            String name = n.toLowerCase(Locale.ROOT);
            if (name.equals("default") || name.equals("all") || name.equals("everything")) {
                return EnumSet.allOf(Section.class);
            }
            for (Section s : Section.values()) {
                if (s.name().toLowerCase(Locale.ROOT).equals(name)) out.add(s);
            }
        }
        return out;
    }

    String render(List<String> names, SentinelView view, ServerStats stats, long nowMillis) {
        StringBuilder out = new StringBuilder(1024);
        for (Section s : select(names)) {
            if (out.length() > 0) out.append("\r\n");
            switch (s) {
                case SERVER: server(out, stats); break;
                case CLIENTS: clients(out, stats); break;
                case STATS: StatsSection.render(out, stats); break;
                case CPU: cpu(out); break;
                default: sentinel(out, view, nowMillis); break;
            }
        }
        return out.toString();
    }

    private void server(StringBuilder out, ServerStats stats) {
        long uptimeSeconds = stats.uptimeMillis() / 1000;
        long wall = wallMillis.getAsLong();
        out.append("# Server\r\n");
        line(out, "redis_version", server.redisVersion());
        line(out, "redis_git_sha1", "00000000");
        line(out, "redis_git_dirty", "0");
        line(out, "redis_build_id", "0");
        line(out, "redis_mode", "sentinel");
        line(out, "os", server.os());
        line(out, "arch_bits", server.archBits());
        // System.nanoTime is clock_gettime(CLOCK_MONOTONIC) on Linux, what Redis names so
        line(out, "monotonic_clock", "POSIX clock_gettime");
        line(out, "multiplexing_api", server.multiplexingApi());
        line(out, "atomicvar_api", "c11-builtin");
        // what Redis prints when not built by GCC
        line(out, "gcc_version", "0.0.0");
        line(out, "process_id", server.processId());
        line(out, "process_supervised", "no");
        line(out, "run_id", server.runId());
        line(out, "tcp_port", stats.tcpPort());
        line(out, "server_time_usec", wall * 1000);
        line(out, "uptime_in_seconds", uptimeSeconds);
        line(out, "uptime_in_days", uptimeSeconds / 86_400);
        line(out, "hz", server.hz());
        line(out, "configured_hz", server.hz());
        line(out, "lru_clock", lruClock(wall));
        line(out, "executable", server.executable());
        line(out, "config_file", server.configFile());
        line(out, "io_threads_active", 0);
        if (extras.enabled()) line(out, "sentinel_impl", "java-sentinel " + server.implVersion());
    }

    /** Redis's LRU clock: seconds, in 24 bits. */
    static long lruClock(long wallMillis) {
        return (wallMillis / 1000) & ((1 << 24) - 1);
    }

    private void clients(StringBuilder out, ServerStats stats) {
        out.append("# Clients\r\n");
        line(out, "connected_clients", stats.connectedClients());
        line(out, "cluster_connections", 0);
        line(out, "maxclients", stats.maxClients());
        line(out, "client_recent_max_input_buffer", 0);
        line(out, "client_recent_max_output_buffer", 0);
        line(out, "blocked_clients", stats.flags().blocked());
        line(out, "tracking_clients", stats.flags().tracking());
        if (extras.enabled()) line(out, "pubsub_clients", stats.pubsubClients());
        line(out, "clients_in_timeout_table", 0);
    }

    private void cpu(StringBuilder out) {
        CpuUsage u = cpu.get();
        out.append("# CPU\r\n");
        line(out, "used_cpu_sys", String.format(Locale.ROOT, "%.6f", u.sys()));
        line(out, "used_cpu_user", String.format(Locale.ROOT, "%.6f", u.user()));
        line(out, "used_cpu_sys_children", String.format(Locale.ROOT, "%.6f", u.sysChildren()));
        line(out, "used_cpu_user_children", String.format(Locale.ROOT, "%.6f", u.userChildren()));
        line(out, "used_cpu_sys_main_thread", String.format(Locale.ROOT, "%.6f", u.sysMainThread()));
        line(out, "used_cpu_user_main_thread", String.format(Locale.ROOT, "%.6f", u.userMainThread()));
    }

    /** Field for field redis-sentinel's section; {@code sentinels} counts this sentinel too. */
    private void sentinel(StringBuilder out, SentinelView view, long nowMillis) {
        List<PendingScript> queue = scripts.get();
        out.append("# Sentinel\r\n");
        line(out, "sentinel_masters", view.masters().size());
        line(out, "sentinel_tilt", view.tilt() ? 1 : 0);
        line(out, "sentinel_tilt_since_seconds",
                view.tilt() ? InstanceReplies.ago(nowMillis, view.tiltSinceMillis()) / 1000 : -1);
        if (extras.enabled()) line(out, "sentinel_total_tilt", extras.totalTilt().getAsLong());
        line(out, "sentinel_running_scripts", queue.stream().filter(PendingScript::running).count());
        line(out, "sentinel_scripts_queue_length", queue.size());
        line(out, "sentinel_simulate_failure_flags", view.simulateFailureFlags());
        int id = 0;
        for (MasterView m : view.masters()) {
            out.append("master").append(id++).append(":name=").append(m.name())
                    .append(",status=").append(m.status())
                    .append(",address=").append(m.master().address().host()).append(':')
                    .append(m.master().address().port())
                    .append(",slaves=").append(m.replicas().size())
                    .append(",sentinels=").append(m.sentinels().size() + 1).append("\r\n");
        }
    }

    private static void line(StringBuilder out, String key, Object value) {
        out.append(key).append(':').append(value).append("\r\n");
    }
}
