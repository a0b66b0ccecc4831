package io.sentinel.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessMetricsTest {
    @TempDir
    Path proc;

    @Test
    void standardNamesFromAProcDirectory() throws Exception {
        // pid (comm with spaces) state ppid ... utime=250 stime=50 ... vsize=1000000 rss
        Files.writeString(proc.resolve("stat"), "42 (java main) S 1 42 42 0 -1 0 0 0 0 0 250 50 0 0 20 0 30 0 "
                + "100 1000000 5000 18446744073709551615");
        Files.writeString(proc.resolve("status"), "Name:\tjava\nVmRSS:\t   61440 kB\nThreads:\t30\n");
        Files.writeString(proc.resolve("limits"), "Limit                     Soft Limit           Hard Limit  Units\n"
                + "Max open files            1024                 1048576     files\n");
        Files.createDirectory(proc.resolve("fd"));
        for (int i = 0; i < 3; i++) Files.createFile(proc.resolve("fd").resolve(Integer.toString(i)));
        PrometheusMeterRegistry r = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new ProcessMetrics(r, proc);
        String text = r.scrape();
        assertTrue(text.contains("\nprocess_cpu_seconds_total 3.0\n"), text);
        assertTrue(text.contains("\nprocess_resident_memory_bytes 6.291456E7\n"), text);
        assertTrue(text.contains("\nprocess_virtual_memory_bytes 1000000.0\n"), text);
        assertTrue(text.contains("\nprocess_open_fds 3.0\n"), text);
        assertTrue(text.contains("\nprocess_max_fds 1024.0\n"), text);
        assertTrue(text.contains("\nprocess_start_time_seconds "), text);
        assertEquals(Double.NaN, ProcessMetrics.maxOpenFiles("Max open files  unlimited  unlimited  files\n"));
    }
}
