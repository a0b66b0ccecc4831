package io.sentinel.server.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentinel.server.it.Await;
import io.sentinel.server.it.ChildProcess;
import io.sentinel.server.it.ProcessScope;
import io.sentinel.server.it.RedisProcess;
import io.sentinel.server.it.SentinelConf;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/**
 * Issue 15: the image of docker/Dockerfile, built from the local base, run as a user runs it (docker run, host
 * network, config on a read-only mount) next to real redis-server processes. Skips where no engine runs.
 */
class DockerImageIT {
    static final Duration START = Duration.ofSeconds(60);
    static final Duration GRACE = Duration.ofSeconds(10);

    @RegisterExtension
    final ProcessScope processes = new ProcessScope();
    private final List<SentinelContainer> containers = new ArrayList<>();

    @AfterEach
    void removeContainers() {
        containers.forEach(SentinelContainer::close);
    }

    SentinelContainer start(SentinelConf conf, List<String[]> mounts) {
        SentinelContainer c = new SentinelContainer(Docker.sentinelImage(), conf, mounts);
        containers.add(c);
        Await.until(START, c.name + " answering PING", () -> {
            try (Jedis j = c.jedis()) {
                return "PONG".equals(j.ping());
            }
        }, c::describe);
        return c;
    }

    @Test
    void imageIsSmallNonRootWithTheSharedFlagsAndACdsArchiveAndNoDemoClient() throws IOException {
        String image = Docker.sentinelImage();
        String lib = Docker.run("run", "--rm", "--entrypoint", "ls", image, "/opt/sentinel/lib").orFail("ls").out();
        assertTrue(lib.contains("netty-all-"), lib);
        assertFalse(lib.contains("lettuce") || lib.contains("reactor-core"), "the demo's client stays out:\n" + lib);
        String flags = Docker.run("run", "--rm", "--entrypoint", "cat", image, "/opt/sentinel/jvm.flags").out();
        assertEquals(Files.readString(Docker.ROOT.resolve("conf/jvm.flags")), flags, "one flag file, shared");
        String added = Docker.run("run", "--rm", "--entrypoint", "cat", image, "/opt/sentinel/image.flags").out();
        assertTrue(added.contains("-XX:SharedArchiveFile=/opt/sentinel/sentinel.jsa"), added);
        assertEquals("sentinel", Docker.run("image", "inspect", "-f", "{{.Config.User}}", image).out().trim());
        String health = Docker.run("image", "inspect", "-f", "{{json .Config.Healthcheck.Test}}", image).out();
        assertTrue(health.contains("/opt/sentinel/bin/healthcheck"), health);
        long bytes = Long.parseLong(Docker.run("image", "inspect", "-f", "{{.Size}}", image).out().trim());
        long base = Long.parseLong(Docker.run("image", "inspect", "-f", "{{.Size}}", Docker.BASE).out().trim());
        System.err.printf("image %s: %d MB (base %d MB + %d MB of ours)%n", image, bytes / 1_000_000,
                base / 1_000_000, (bytes - base) / 1_000_000);
        assertTrue(bytes - base < 40_000_000, "our layers stay small: " + (bytes - base) + " bytes");
    }

    @Test
    void monitorsRealRedisFromAReadOnlyConfigAnswersAndStopsCleanly() throws Exception {
        RedisProcess master = processes.add(RedisProcess.master());
        RedisProcess replica = processes.add(RedisProcess.replicaOf(master));
        SentinelConf conf = new SentinelConf().monitor("mymaster", master.address(), 1).downAfterMillis(1000);
        SentinelContainer c = start(conf, List.of());
        String confBefore = Files.readString(c.conf);

        Await.until(START, "the sentinel in the container finds the replica", () -> {
            try (Jedis j = c.jedis()) {
                return j.sentinelReplicas("mymaster").size() == 1
                        && master.address().port() == Integer.parseInt(j.sentinelGetMasterAddrByName("mymaster")
                        .get(1));
            }
        }, c::describe);
        Await.until(START, "/readyz answers 200", () -> httpStatus(c.metricsPort, "/readyz") == 200, c::describe);
        Await.until(START, "docker reports the container healthy",
                () -> "healthy".equals(c.inspect("{{.State.Health.Status}}")), c::describe);

        assertEquals("10001", c.exec("id", "-u").trim(), "runs as the image's non-root user");
        assertTrue(c.exec("cat", "/data/sentinel-state.conf").contains("sentinel myid "), "state goes to /data");
        assertEquals(confBefore, Files.readString(c.conf), "the read-only config is left alone");
        assertEquals("tini", c.exec("cat", "/proc/1/comm").trim(), "tini is PID 1");

        long tookMillis = c.stop(GRACE);
        assertEquals("exited 0", c.inspect("{{.State.Status}} {{.State.ExitCode}}"), c::describe);
        assertTrue(tookMillis < GRACE.toMillis(), "stopped by SIGTERM within the grace period: " + tookMillis + " ms");
        assertTrue(c.logs().contains("Sentinel is now ready to exit"), c::describe);
        assertTrue(replica.isAlive());
    }

    /**
     * A notification script that leaves an orphan behind: the orphan is re-parented to PID 1, which must reap it.
     * The JVM as PID 1 does not (a zombie stays, checked by hand: docs/operations.md), tini does.
     */
    @Test
    void scriptOrphansAreReapedByPidOne() throws IOException {
        RedisProcess master = processes.add(RedisProcess.master());
        Path script = Files.createTempFile("notify", ".sh");
        Files.writeString(script, "#!/bin/sh\n( sleep 1; touch /data/orphan-done ) &\ntouch /data/notified\n");
        Files.setPosixFilePermissions(script, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        try {
            SentinelConf conf = new SentinelConf().monitor("mymaster", master.address(), 1)
                    .masterOption("notification-script", "/etc/sentinel/notify.sh"); // runs on +monitor at start
            SentinelContainer c = start(conf, List.<String[]>of(new String[] {script.toString(),
                "/etc/sentinel/notify.sh"}));
            Await.until(START, "the script ran, its orphan finished, and only tini and java are left", () -> {
                String ps = processTable(c);
                return c.exec("ls", "/data").contains("orphan-done") && ps.lines().count() == 2;
            }, () -> c.describe() + "\nprocesses (pid comm state ppid):\n" + processTable(c));
        } finally {
            Files.deleteIfExists(script);
        }
    }

    /** pid, command and state of every process in the container but the shell reading them. */
    private static String processTable(SentinelContainer c) {
        // builtins only, so the shell adds no process of its own but itself, which it leaves out
        return c.exec("bash", "-c", "for f in /proc/[0-9]*/stat; do read -r l < \"$f\" || continue; set -- $l;"
                + " [ \"$1\" = \"$$\" ] || echo \"$1 $2 $3 $4\"; done");
    }

    static int httpStatus(int port, String path) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + ChildProcess.HOST + ":" + port + path))
                    .timeout(Duration.ofSeconds(2)).build();
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
