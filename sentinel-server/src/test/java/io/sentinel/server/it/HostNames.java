package io.sentinel.server.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Names for test processes on distinct loopback addresses, in a hosts-syntax file: either one of the test's own
 * (our sentinel reads it with {@code --hosts-file}: the injected table), or the system's {@code /etc/hosts} (the real
 * resolver path, the only one redis-sentinel has), where only lines marked as this JVM's are added and removed
 * again, in {@link #close()}. Names carry the test JVM's pid, so no two runs share one.
 */
public final class HostNames implements AutoCloseable {
    private static final Path ETC_HOSTS = Path.of("/etc/hosts");

    private final Path file;
    private final boolean system;
    private final String marker = "# sentinel-it " + ProcessHandle.current().pid();
    private final Map<String, String> names = new LinkedHashMap<>();

    private HostNames(Path file, boolean system) {
        this.file = file;
        this.system = system;
    }

    /** A hosts file in {@code dir} that only our sentinel reads ({@code --hosts-file}). */
    public static HostNames ownFile(Path dir) {
        HostNames names = new HostNames(dir.resolve("hosts"), false);
        names.write();
        return names;
    }

    /** Entries in {@code /etc/hosts}, removed again on close: every process on the machine sees them. */
    public static HostNames system() {
        return new HostNames(ETC_HOSTS, true);
    }

    /** {@code short} made unique to this JVM, e.g. {@code r1} -> {@code r1-4711.dns-it.test}. */
    public static String unique(String shortName) {
        return shortName + "-" + ProcessHandle.current().pid() + ".dns-it.test";
    }

    public Path file() {
        return file;
    }

    /** Points {@code name} at {@code ip} (a new line, or the old one changed). */
    public synchronized HostNames put(String name, String ip) {
        names.put(name, ip);
        write();
        return this;
    }

    public synchronized void remove(String name) {
        names.remove(name);
        write();
    }

    /**
     * Replaces the test's own file with a FIFO nobody writes: every lookup then blocks in open(2), as a lookup
     * against a DNS server that never answers does.
     */
    public synchronized void hang() {
        if (system) throw new IllegalStateException("only a test's own file can hang");
        try {
            Files.delete(file);
            Process mkfifo = new ProcessBuilder("mkfifo", file.toString()).inheritIO().start();
            if (mkfifo.waitFor() != 0) throw new IllegalStateException("mkfifo " + file + " failed");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public synchronized void close() {
        names.clear();
        if (system) write();
    }

    /** In place (truncate and write): /etc/hosts may be a bind mount that a rename would not replace. */
    private void write() {
        try {
            List<String> lines = new ArrayList<>();
            if (system) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (!line.endsWith(marker)) lines.add(line);
                }
            }
            names.forEach((name, ip) -> lines.add(ip + " " + name + " " + marker));
            Files.writeString(file, lines.isEmpty() ? "" : String.join("\n", lines) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
