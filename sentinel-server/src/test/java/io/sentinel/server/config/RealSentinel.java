package io.sentinel.server.config;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A real redis-sentinel 7.0 process on a copy of a config, stopped by its own pid on close. */
final class RealSentinel implements AutoCloseable {
    final Path conf;
    final Path log;
    final int port;
    private final Process process;

    private RealSentinel(Path conf, Path log, int port, Process process) {
        this.conf = conf;
        this.log = log;
        this.port = port;
        this.process = process;
    }

    static boolean installed() {
        return Files.isExecutable(Path.of("/usr/bin/redis-sentinel"));
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Starts redis-sentinel on {@code conf} with {@code --port <free>}; output goes to a log beside it. */
    static RealSentinel start(Path conf) throws IOException {
        int port = freePort();
        Path log = conf.resolveSibling(conf.getFileName() + ".log");
        Process p = new ProcessBuilder(List.of("redis-sentinel", conf.toString(), "--port", Integer.toString(port)))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new RealSentinel(conf, log, port, p);
    }

    /** Runs redis-sentinel on a config it should refuse, and returns what it printed. */
    static String refusal(Path conf) throws Exception {
        try (RealSentinel s = start(conf)) {
            if (!s.process.waitFor(10, TimeUnit.SECONDS)) throw new AssertionError("redis-sentinel did not exit");
            return Files.readString(s.log);
        }
    }

    /** Polls the log until {@code done} holds; fails with the log after {@code timeout}. */
    String awaitLog(Predicate<String> done, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String text = Files.exists(log) ? Files.readString(log) : "";
            if (done.test(text)) return text;
            if (System.nanoTime() > deadline || !process.isAlive()) {
                throw new AssertionError("redis-sentinel did not get there; log:\n" + text);
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
