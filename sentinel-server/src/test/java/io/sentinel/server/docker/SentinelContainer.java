package io.sentinel.server.docker;

import io.sentinel.server.it.ChildProcess;
import io.sentinel.server.it.Ports;
import io.sentinel.server.it.SentinelConf;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import redis.clients.jedis.Jedis;

/**
 * One container of the sentinel image, started with {@code docker run} as a user would: host network (all traffic
 * on 127.0.0.1), a read-only root file system (as Kubernetes' readOnlyRootFilesystem), its sentinel.conf on a
 * read-only mount at /etc/sentinel, state in the container's /data volume, free ports for RESP and HTTP. {@link #close()} removes it whatever state it is in.
 */
final class SentinelContainer implements AutoCloseable {
    /** Containers not removed yet: a JVM shutdown hook removes them if a test run is cut short. */
    private static final Set<String> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(n -> Docker.run("rm", "-f", "-v", n)),
                "remove-test-containers"));
    }

    final String name = "sentinel-it-" + Long.toHexString(System.nanoTime());
    final int port = Ports.free();
    final int metricsPort = Ports.free();
    final Path dir;
    final Path conf;

    /** {@code mounts}: extra read-only files, host path to container path. */
    SentinelContainer(String image, SentinelConf sentinelConf, List<String[]> mounts) {
        try {
            dir = Files.createTempDirectory("sentinel-container-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        conf = Docker.writeReadable(dir.resolve("sentinel.conf"), sentinelConf.render(port, "/data"));
        List<String> args = new ArrayList<>(List.of("run", "-d", "--name", name, "--network", "host", "--read-only",
                "--env", "SENTINEL_PORT=" + port, "--health-interval", "1s", "--health-start-period", "1s",
                "-v", conf + ":/etc/sentinel/sentinel.conf:ro"));
        for (String[] m : mounts) args.addAll(List.of("-v", m[0] + ":" + m[1] + ":ro"));
        args.addAll(List.of(image, "/etc/sentinel/sentinel.conf",
                "--metrics-port", Integer.toString(metricsPort), "--metrics-bind", ChildProcess.HOST));
        LIVE.add(name);
        Docker.run(args.toArray(String[]::new)).orFail("docker run");
    }

    Jedis jedis() {
        return new Jedis(ChildProcess.HOST, port, 2000);
    }

    /** {@code docker inspect -f <format>} of this container. */
    String inspect(String format) {
        return Docker.run("inspect", "-f", format, name).orFail("docker inspect").out().trim();
    }

    /** Runs a command inside the container (as its user); its stdout. */
    String exec(String... command) {
        List<String> args = new ArrayList<>(List.of("exec", name));
        args.addAll(List.of(command));
        return Docker.run(args.toArray(String[]::new)).orFail("docker exec " + String.join(" ", command)).out();
    }

    String logs() {
        Docker.Result r = Docker.run("logs", "--tail", "40", name);
        return r.out() + r.err();
    }

    /** Name, state and log tail: what a failing test prints. */
    String describe() {
        Docker.Result state = Docker.run("inspect", "-f", "{{.State.Status}} exit={{.State.ExitCode}}", name);
        return name + " port=" + port + " " + state.out().trim() + "\n--- logs (tail) ---\n" + logs();
    }

    @Override
    public void close() {
        Docker.run("rm", "-f", "-v", name);
        LIVE.remove(name);
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp dir left behind is harmless
        }
    }

    /** How long {@code docker stop} with this grace period took, in ms; the container has exited after it. */
    long stop(Duration grace) {
        long start = System.nanoTime();
        Docker.run(grace.plusSeconds(30), "stop", "-t", Long.toString(grace.toSeconds()), name).orFail("docker stop");
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
    }

    static Duration seconds(long s) {
        return Duration.ofSeconds(s);
    }
}
