package io.sentinel.server.command;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

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
        return current(null);
    }

    /**
     * {@code mainThread}: the core thread's name (Linux gives Java threads their names, cut to 15 characters), or
     * null (main-thread fields 0). Its times come from /proc/self/task/[tid]/stat, like the process's: the same
     * ticks, so both only grow.
     */
    static CpuUsage current(String mainThread) {
        try {
            CpuUsage process = fromProcStat(Files.readString(Path.of("/proc/self/stat")));
            if (mainThread == null) return process;
            String tid = MainThread.tid(mainThread);
            if (tid == null) return process;
            CpuUsage t = fromProcStat(Files.readString(Path.of("/proc/self/task", tid, "stat")));
            return new CpuUsage(process.sys, process.user, process.sysChildren, process.userChildren, t.sys, t.user);
        } catch (IOException | RuntimeException e) {
            return fromJvm();
        }
    }

    /** Fields 14-17 of /proc/[pid]/stat: utime stime cutime cstime (the name may hold spaces: skip past ')'). */
    static CpuUsage fromProcStat(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        // f[0] is field 3 (state), so field n is f[n - 3]
        return new CpuUsage(ticks(f[12]), ticks(f[11]), ticks(f[14]), ticks(f[13]));
    }

    /** The native id of the named thread, found once in /proc/self/task/[tid]/comm; not remembered while absent. */
    static final class MainThread {
        private static final Map<String, String> TIDS = new ConcurrentHashMap<>();

        private MainThread() {
        }

        static String tid(String name) {
            String known = TIDS.get(name);
            if (known != null) return known;
            String comm = name.length() > 15 ? name.substring(0, 15) : name;
            try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
                for (Path task : (Iterable<Path>) tasks::iterator) {
                    if (Files.readString(task.resolve("comm")).trim().equals(comm)) {
                        String tid = task.getFileName().toString();
                        TIDS.put(name, tid);
                        return tid;
                    }
                }
            } catch (IOException | RuntimeException e) {
                return null;
            }
            return null;
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
