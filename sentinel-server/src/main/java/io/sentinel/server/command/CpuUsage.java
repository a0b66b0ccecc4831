package io.sentinel.server.command;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** Seconds of CPU this process (and its reaped children) used, for {@code INFO cpu}: user and system apart. */
record CpuUsage(double sys, double user, double sysChildren, double userChildren) {
    /** Linux's USER_HZ, the unit of /proc/self/stat times; 100 on every mainstream kernel. */
    private static final double TICKS_PER_SECOND = 100.0;

    static CpuUsage current() {
        try {
            return fromProcStat(Files.readString(Path.of("/proc/self/stat")));
        } catch (IOException | RuntimeException e) {
            return fromJvm();
        }
    }

    /** Fields 14-17 of /proc/[pid]/stat: utime stime cutime cstime; the command name may hold spaces, so skip past ')'. */
    static CpuUsage fromProcStat(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        // f[0] is field 3 (state), so field n is f[n - 3]
        return new CpuUsage(ticks(f[12]), ticks(f[11]), ticks(f[14]), ticks(f[13]));
    }

    /** Without /proc only the total is known; report it as user time. */
    private static CpuUsage fromJvm() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        double total = 0;
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            total = Math.max(0, sun.getProcessCpuTime()) / 1e9;
        }
        return new CpuUsage(0, total, 0, 0);
    }

    private static double ticks(String value) {
        return Long.parseLong(value) / TICKS_PER_SECOND;
    }
}
