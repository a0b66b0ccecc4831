package io.sentinel.server.http;

import com.sun.management.UnixOperatingSystemMXBean;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The standard process metrics of Prometheus's client libraries, by their standard names: CPU seconds, resident
 * and virtual memory, start time, open and maximum file descriptors. Read from /proc once per scrape
 * ({@link #refresh}), nothing in between; without /proc (not Linux) from the JVM where it knows, else NaN.
 */
final class ProcessMetrics {
    static final String CPU = "process_cpu_seconds";
    static final String RSS = "process_resident_memory_bytes";
    static final String VSIZE = "process_virtual_memory_bytes";
    static final String START = "process_start_time_seconds";
    static final String OPEN_FDS = "process_open_fds";
    static final String MAX_FDS = "process_max_fds";
    /** Linux's USER_HZ, the unit of /proc/[pid]/stat times. */
    private static final double TICKS_PER_SECOND = 100.0;

    private final Path proc;
    private final double startSeconds = ManagementFactory.getRuntimeMXBean().getStartTime() / 1000.0;
    private volatile double cpuSeconds;
    private volatile double residentBytes = Double.NaN;
    private volatile double virtualBytes = Double.NaN;
    private volatile double openFds = Double.NaN;
    private volatile double maxFds = Double.NaN;

    ProcessMetrics(MeterRegistry r) {
        this(r, Path.of("/proc/self"));
    }

    ProcessMetrics(MeterRegistry r, Path proc) {
        this.proc = proc;
        FunctionCounter.builder(CPU, this, m -> m.cpuSeconds)
                .description("Total user and system CPU time spent in seconds.").register(r);
        Gauge.builder(RSS, this, m -> m.residentBytes).description("Resident memory size in bytes.").register(r);
        Gauge.builder(VSIZE, this, m -> m.virtualBytes).description("Virtual memory size in bytes.").register(r);
        Gauge.builder(START, this, m -> m.startSeconds)
                .description("Start time of the process since unix epoch in seconds.").register(r);
        Gauge.builder(OPEN_FDS, this, m -> m.openFds).description("Number of open file descriptors.").register(r);
        Gauge.builder(MAX_FDS, this, m -> m.maxFds).description("Maximum number of open file descriptors.")
                .register(r);
        refresh();
    }

    /** Reads /proc/self/stat, /proc/self/fd and /proc/self/limits: three small reads per scrape. */
    void refresh() {
        try {
            String stat = Files.readString(proc.resolve("stat"));
            // fields after the command name (which may hold spaces): f[0] is field 3
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            cpuSeconds = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
            virtualBytes = Long.parseLong(f[20]);
            residentBytes = rssFromStatus(Files.readString(proc.resolve("status")));
            try (Stream<Path> fds = Files.list(proc.resolve("fd"))) {
                openFds = fds.count();
            }
            maxFds = maxOpenFiles(Files.readString(proc.resolve("limits")));
        } catch (IOException | RuntimeException e) {
            fromJvm();
        }
    }

    /** {@code VmRSS:   123456 kB}. */
    static double rssFromStatus(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024.0;
        }
        return Double.NaN;
    }

    /** The soft limit of {@code Max open files}, NaN when unlimited. */
    static double maxOpenFiles(String limits) {
        for (String line : limits.split("\n")) {
            if (line.startsWith("Max open files")) {
                String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
                return soft.equals("unlimited") ? Double.NaN : Long.parseLong(soft);
            }
        }
        return Double.NaN;
    }

    private void fromJvm() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean u) {
            cpuSeconds = Math.max(0, u.getProcessCpuTime()) / 1e9;
            openFds = u.getOpenFileDescriptorCount();
            maxFds = u.getMaxFileDescriptorCount();
        }
    }
}
