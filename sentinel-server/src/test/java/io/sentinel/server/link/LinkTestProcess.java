package io.sentinel.server.link;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * A real {@code redis-server} or {@code redis-sentinel} for link tests, on 127.0.0.1 in its own temp dir; stopped
 * by pid only. Small and private to these tests.
 */
final class LinkTestProcess implements AutoCloseable {
    private final List<String> command;
    private final Path dir;
    private final int port;
    private Process process;

    private LinkTestProcess(List<String> command, Path dir, int port) {
        this.command = command;
        this.dir = dir;
        this.port = port;
    }

    /** {@code redis-server --port <free> --save '' --appendonly no} plus {@code extraArgs}, up and answering. */
    static LinkTestProcess redis(String... extraArgs) throws IOException {
        Path dir = Files.createTempDirectory("link-redis");
        int port = freePort();
        List<String> cmd = new ArrayList<>(List.of("redis-server", "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString()));
        cmd.addAll(List.of(extraArgs));
        LinkTestProcess p = new LinkTestProcess(cmd, dir, port);
        p.start();
        return p;
    }

    /** {@code redis-sentinel} monitoring {@code 127.0.0.1:masterPort} as {@code m}, quorum 1, plus config lines. */
    static LinkTestProcess sentinel(int masterPort, String... extraConf) throws IOException {
        Path dir = Files.createTempDirectory("link-sentinel");
        int port = freePort();
        Path conf = dir.resolve("sentinel.conf");
        Files.writeString(conf, "port " + port + "\nbind 127.0.0.1\ndir " + dir + "\n"
                + "sentinel monitor m 127.0.0.1 " + masterPort + " 1\n" + String.join("\n", extraConf) + "\n");
        LinkTestProcess p = new LinkTestProcess(List.of("redis-sentinel", conf.toString()), dir, port);
        p.start();
        return p;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    /** (Re)starts on the same port and waits until it answers PING (any reply, NOAUTH included). */
    void start() throws IOException {
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("out.log").toFile())).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try (Jedis jedis = new Jedis("127.0.0.1", port, 500)) {
                jedis.ping();
                return;
            } catch (JedisDataException e) {
                return; // an error reply (NOAUTH, renamed PING) still means it is up
            } catch (RuntimeException e) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    process.destroyForcibly(); // nobody else holds it yet
                    throw new IllegalStateException(command + " did not start: " + log(), e);
                }
                LockSupport.parkNanos(20_000_000); // poll interval, bounded by the deadline
            }
        }
    }

    /** SIGKILL by pid, and wait for it to be gone. */
    void kill() throws InterruptedException {
        if (process == null || !process.isAlive()) return;
        process.destroyForcibly();
        process.waitFor();
    }

    void signal(String signal) throws IOException, InterruptedException {
        int rc = new ProcessBuilder("kill", "-" + signal, Long.toString(pid())).inheritIO().start().waitFor();
        if (rc != 0) throw new IllegalStateException("kill -" + signal + " " + pid() + " failed");
    }

    /** A client, authenticated when the server was started with {@code --requirepass}. */
    Jedis jedis() {
        Jedis jedis = new Jedis("127.0.0.1", port, 2000);
        int i = command.indexOf("--requirepass");
        if (i >= 0) jedis.auth(command.get(i + 1));
        return jedis;
    }

    String log() {
        try {
            return Files.readString(dir.resolve("out.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
