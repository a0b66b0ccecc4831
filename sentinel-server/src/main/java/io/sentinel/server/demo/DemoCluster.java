package io.sentinel.server.demo;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/** The demo's processes: one master, two replicas, three sentinels, each in its own dir under one temp dir. */
final class DemoCluster implements AutoCloseable {
    static final String MASTER_NAME = "mymaster";
    static final int QUORUM = 2;
    /** conf/jvm.flags, which the build puts beside this class: bin/sentinel's flags for our sentinels. */
    static final String JVM_FLAGS_RESOURCE = "jvm.flags";

    final Path dir;
    final List<DemoProcess> redis = new ArrayList<>();
    final List<DemoProcess> sentinels = new ArrayList<>();
    private final Set<Integer> usedPorts = new HashSet<>();
    private boolean closed;

    DemoCluster() throws IOException {
        dir = Files.createTempDirectory("sentinel-demo-");
    }

    DemoProcess master() {
        return redis.get(0);
    }

    /**
     * Starts the master and its replicas, named redis-1 (the first master) to redis-N: after a failover "master"
     * and "replica" would be the wrong names, the ROLE column says what each one is now.
     */
    void startRedis(int replicas) {
        redis.add(startRedis("redis-1", List.of()));
        for (int i = 1; i <= replicas; i++) {
            redis.add(startRedis("redis-" + (i + 1), List.of("--replicaof", DemoProcess.HOST,
                    Integer.toString(master().port))));
        }
    }

    /** Each redis's address ("127.0.0.1:port") and its name ("redis-2"). */
    Map<String, String> names() {
        Map<String, String> names = new HashMap<>();
        for (DemoProcess p : redis) names.put(p.address(), p.kind);
        return names;
    }

    /** Starts a killed redis again in its place, same port and dir; null if the demo is closing. */
    synchronized DemoProcess restart(DemoProcess dead) {
        if (closed) return null;
        DemoProcess again = dead.restart();
        redis.set(redis.indexOf(dead), again);
        return again;
    }

    /** Starts {@code count} sentinels watching the master, ours or Debian's redis-sentinel. */
    void startSentinels(int count, DemoOptions options) throws IOException {
        for (int i = 1; i <= count; i++) {
            String kind = "sentinel-" + i;
            int port = freePort();
            Path home = Files.createDirectories(dir.resolve(kind));
            Path conf = home.resolve("sentinel.conf");
            Files.writeString(conf, sentinelConf(port, home, options.downAfterMillis()));
            List<String> command = options.redisSentinels() ? List.of("redis-sentinel", conf.toString())
                    : ourSentinel(conf, freePort());
            sentinels.add(track(DemoProcess.start(kind, port, home, command)));
        }
    }

    List<DemoProcess> all() {
        List<DemoProcess> all = new ArrayList<>(redis);
        all.addAll(sentinels);
        return all;
    }

    /** True once close() began: processes dying then are being stopped, not failing. */
    synchronized boolean isClosed() {
        return closed;
    }

    /** Kills every process by pid, newest first, and deletes the temp dir. Safe to call twice. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        List<DemoProcess> all = all();
        for (int i = all.size() - 1; i >= 0; i--) all.get(i).kill();
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + dir + ": " + e.getMessage());
        }
    }

    private DemoProcess startRedis(String kind, List<String> extra) {
        int port = freePort();
        Path home;
        try {
            home = Files.createDirectories(dir.resolve(kind));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = new ArrayList<>(List.of("redis-server", "--port", Integer.toString(port),
                "--bind", DemoProcess.HOST, "--save", "", "--appendonly", "no", "--dir", home.toString(),
                "--daemonize", "no", "--logfile", "",
                // Redis 7 waits 5 s for more replicas before a diskless full sync; the demo has no time for that
                "--repl-diskless-sync-delay", "0"));
        command.addAll(extra);
        return track(DemoProcess.start(kind, port, home, command));
    }

    private DemoProcess track(DemoProcess process) {
        synchronized (this) {
            if (closed) process.kill(); // Ctrl-C arrived while starting
        }
        return process;
    }

    /**
     * The same command bin/sentinel runs, on this JVM's class path (the jar, whose manifest names lib/). Each gets
     * its own metrics port: three on the default one would leave two without metrics.
     */
    private static List<String> ourSentinel(Path conf, int metricsPort) {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(sentinelJvmFlags());
        command.addAll(classArchiveFlags());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.sentinel.server.Main",
                conf.toString(), "--metrics-port", Integer.toString(metricsPort)));
        return command;
    }

    /**
     * bin/sentinel's flags (conf/jvm.flags: three sentinels share one small machine) without the {@code #optional}
     * ones, which this java may not take.
     */
    static List<String> sentinelJvmFlags() {
        try (InputStream in = DemoCluster.class.getResourceAsStream(JVM_FLAGS_RESOURCE)) {
            if (in == null) throw new IllegalStateException(JVM_FLAGS_RESOURCE + " is missing from the build");
            return argFileOptions(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The options of a java argument file without quoting: words, with '#' starting a comment to the line's end. */
    static List<String> argFileOptions(String text) {
        List<String> options = new ArrayList<>();
        for (String line : text.split("\n")) {
            int hash = line.indexOf('#');
            String words = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (!words.isEmpty()) options.addAll(List.of(words.split("\\s+")));
        }
        return options;
    }

    /**
     * bin/sentinel keeps a class data sharing archive next to the jar; it only matches a JVM started on that same
     * jar, which is our class path when bin/sentinel launched the demo.
     */
    private static List<String> classArchiveFlags() {
        String classPath = System.getProperty("java.class.path");
        if (!classPath.endsWith(".jar") || classPath.contains(File.pathSeparator)) return List.of();
        Path archive = Paths.get(classPath).resolveSibling("sentinel.jsa");
        if (!Files.isReadable(archive)) return List.of();
        return List.of("-Xshare:auto", "-XX:SharedArchiveFile=" + archive);
    }

    private String sentinelConf(int port, Path home, long downAfterMillis) {
        return String.join("\n",
                "port " + port,
                "bind " + DemoProcess.HOST,
                "daemonize no",
                "logfile \"\"",
                "dir \"" + home + "\"",
                "sentinel monitor " + MASTER_NAME + " " + DemoProcess.HOST + " " + master().port + " " + QUORUM,
                "sentinel down-after-milliseconds " + MASTER_NAME + " " + downAfterMillis,
                "");
    }

    private int freePort() {
        for (int attempt = 0; attempt < 100; attempt++) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                if (usedPorts.add(socket.getLocalPort())) return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot bind a loopback port", e);
            }
        }
        throw new IllegalStateException("no free port");
    }
}
