package io.sentinel.server.compat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real {@code redis-server} and {@code redis-sentinel} processes on free loopback ports in one temp dir. Every
 * process started is stopped by its own handle in {@link #close()}, whatever happened before.
 */
public final class RealRedis implements AutoCloseable {
    private final Path dir;
    private final List<Process> started = new ArrayList<>();

    public RealRedis() throws IOException {
        dir = Files.createTempDirectory("sentinel-compat");
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A master when {@code masterPort} is 0, else a replica of it. */
    public int redisServer(int masterPort) throws IOException {
        int port = freePort();
        List<String> cmd = new ArrayList<>(List.of("redis-server", "--port", Integer.toString(port), "--bind",
                "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString()));
        if (masterPort != 0) cmd.addAll(List.of("--replicaof", "127.0.0.1", Integer.toString(masterPort)));
        start(cmd, "redis-" + port);
        return port;
    }

    /** A sentinel monitoring {@code mymaster} at {@code masterPort} with quorum 2 and a 5 s down-after. */
    public int sentinel(int masterPort) throws IOException {
        int port = freePort();
        Path conf = dir.resolve("sentinel-" + port + ".conf");
        Files.writeString(conf, "port " + port + "\nbind 127.0.0.1\ndir " + dir + "\n"
                + "sentinel monitor mymaster 127.0.0.1 " + masterPort + " 2\n"
                + "sentinel down-after-milliseconds mymaster 5000\n");
        start(List.of("redis-sentinel", conf.toString()), "sentinel-" + port);
        return port;
    }

    private void start(List<String> cmd, String name) throws IOException {
        Path log = dir.resolve(name + ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        started.add(p);
    }

    public Path dir() {
        return dir;
    }

    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            Process p = started.get(i);
            p.destroy();
            try {
                if (!p.waitFor(5, TimeUnit.SECONDS)) p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        if (!Boolean.getBoolean("compat.keepLogs")) deleteDir();
    }

    /** Best effort: the logs and rewritten configs are only worth keeping when debugging (-Dcompat.keepLogs). */
    private void deleteDir() {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a leftover temp dir is harmless
        }
    }
}
