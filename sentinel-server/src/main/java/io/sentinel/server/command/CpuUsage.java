package io.sentinel.server.command;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Seconds of CPU for {@code INFO cpu}: this process (and its reaped children), user and system apart, and the
 * core thread, which does what Redis's main thread does ({@code used_cpu_*_main_thread}).
 */
record CpuUsage(double sys, double user, double sysChildren, double userChildren, double sysMainThread,
                double userMainThread) {
    /** Linux's USER_HZ, the unit of /proc/self/stat times; 100 on every mainstream kernel. */
    private static final double TICKS_PER_SECOND = 100.0;

    CpuUsage(double sys, double user, double sysChildren, double userChildren) {
        this(sys, user, sysChildren, userChildren, 0, 0);
    }

    static CpuUsage current() {
        return current(-1);
    }

    /** {@code mainThreadId}: the Java id of the core thread, or -1 when unknown (main-thread fields 0). */
    static CpuUsage current(long mainThreadId) {
        CpuUsage process;
        try {
            process = fromProcStat(Files.readString(Path.of("/proc/self/stat")));
        } catch (IOException | RuntimeException e) {
            process = fromJvm();
        }
        return mainThreadId < 0 ? process : process.withMainThread(mainThreadId);
    }

    /** Fields 14-17 of /proc/[pid]/stat: utime stime cutime cstime (the name may hold spaces: skip past ')'). */
    static CpuUsage fromProcStat(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        // f[0] is field 3 (state), so field n is f[n - 3]
        return new CpuUsage(ticks(f[12]), ticks(f[11]), ticks(f[14]), ticks(f[13]));
    }

    /** The thread's CPU from the JVM (nanoseconds, total and user; system is the rest). */
    private CpuUsage withMainThread(long threadId) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try {
            long total = threads.getThreadCpuTime(threadId);
            long user = threads.getThreadUserTime(threadId);
            if (total < 0 || user < 0) return this;
            return new CpuUsage(sys, this.user, sysChildren, userChildren, Math.max(0, total - user) / 1e9,
                    user / 1e9);
        } catch (UnsupportedOperationException e) {
            return this;
        }
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
