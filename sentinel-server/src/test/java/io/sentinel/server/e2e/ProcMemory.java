package io.sentinel.server.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A process's resident memory from /proc (Linux): now (VmRSS) and its peak (VmHWM), in KiB. */
final class ProcMemory {
    private ProcMemory() {
    }

    static long rssKib(long pid) {
        return field(pid, "VmRSS");
    }

    static long peakKib(long pid) {
        return field(pid, "VmHWM");
    }

    /**
     * Starts the peak (VmHWM) again from the current RSS ({@code 5 > /proc/pid/clear_refs}, Linux 4.0+), so a later
     * {@link #peakKib} is the peak since now; false when the kernel does not allow it (then the peak counts from
     * the process's start).
     */
    static boolean resetPeak(long pid) {
        try {
            Files.writeString(Path.of("/proc", Long.toString(pid), "clear_refs"), "5");
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static long field(long pid, String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(name + ":")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the memory of pid " + pid, e);
        }
        throw new IllegalStateException("no " + name + " in /proc/" + pid + "/status");
    }
}
