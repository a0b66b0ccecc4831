package io.sentinel.server.resp;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Redis's checkTcpBacklogSettings: the kernel silently caps every listen backlog at net.core.somaxconn. */
final class Somaxconn {
    private static final Logger LOG = LoggerFactory.getLogger(Somaxconn.class);
    static final Path FILE = Path.of("/proc/sys/net/core/somaxconn");

    private Somaxconn() {
    }

    /** Logs Redis's warning when somaxconn is below {@code backlog}; silent where the file is missing (not Linux). */
    static void warnIfBelow(int backlog) {
        String warning = warning(backlog, read());
        if (warning != null) LOG.warn(warning);
    }

    static String warning(int backlog, int somaxconn) {
        if (somaxconn <= 0 || somaxconn >= backlog) return null;
        return "WARNING: The TCP backlog setting of " + backlog + " cannot be enforced because " + FILE
                + " is set to the lower value of " + somaxconn + ".";
    }

    /** Read by line: Files.readString of this procfs file returns its first character only (JDK 17, seen here). */
    private static int read() {
        try (BufferedReader r = Files.newBufferedReader(FILE)) {
            String line = r.readLine();
            return line == null ? 0 : Integer.parseInt(line.strip());
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }
}
