package io.sentinel.server.it;

import io.sentinel.core.model.Address;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import redis.clients.jedis.Jedis;

/**
 * A server process a test starts on 127.0.0.1 in its own temp dir, with its output in a log file there. Signals
 * go to its pid only. A JVM shutdown hook SIGKILLs whatever a test forgot, so no run leaves processes behind.
 */
public abstract class ChildProcess implements AutoCloseable {
    public static final String HOST = "127.0.0.1";
    static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly),
                "kill-test-children"));
    }

    protected final String name;
    protected final Path dir;
    /** The loopback address the process listens on: {@link #HOST}, or another of 127.0.0.0/8 for host name tests. */
    protected final String host;
    protected final int port;
    private final Path log;
    private Process process;

    protected ChildProcess(String name, int port) {
        this(name, HOST, port);
    }

    protected ChildProcess(String name, String host, int port) {
        this.name = name;
        this.host = host;
        this.port = port;
        try {
            this.dir = Files.createTempDirectory("sentinel-it-" + name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.log = dir.resolve(name + ".log");
    }

    /** The command line, run in {@link #dir()}. */
    protected abstract List<String> command();

    /** The password PING needs first, or null. */
    protected String password() {
        return null;
    }

    /** The TLS client for a process that listens with TLS only, or null for plain TCP. */
    protected javax.net.ssl.SSLSocketFactory tlsSocketFactory() {
        return null;
    }

    /** Starts the process and waits until it answers PING; fails fast with the log if it exits instead. */
    protected final void launch() {
        try {
            Files.writeString(log, "=== start: " + String.join(" ", command()) + "\n",
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            process = new ProcessBuilder(command()).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + command(), e);
        }
        LIVE.add(process);
        try {
            Await.until(START_TIMEOUT, name + " answering PING on port " + port,
                    () -> !process.isAlive() || ping(Duration.ofMillis(500)), this::describe);
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "\n" + describe());
            }
        } catch (RuntimeException | Error e) {
            close(); // the caller never gets this object, so nobody else could clean up
            throw e;
        }
    }

    public long pid() {
        return process.pid();
    }

    public int port() {
        return port;
    }

    public Address address() {
        return new Address(host, port);
    }

    public Path dir() {
        return dir;
    }

    public Path logFile() {
        return log;
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** True if the process answers PING (PONG, after AUTH when it has a password) within {@code timeout}. */
    public boolean ping(Duration timeout) {
        try (Socket socket = tlsSocketFactory() == null ? new Socket() : tlsSocketFactory().createSocket()) {
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            if (password() != null) {
                out.write(request("AUTH", password()));
                if (!readLine(in).startsWith("+OK")) return false;
            }
            out.write(request("PING"));
            return readLine(in).equals("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    /** A new Jedis connection, authenticated if needed; the caller closes it. */
    public Jedis jedis() {
        Jedis jedis = tlsSocketFactory() == null ? new Jedis(host, port, 2000)
                : new Jedis(new redis.clients.jedis.HostAndPort(host, port), redis.clients.jedis.DefaultJedisClientConfig
                        .builder().ssl(true).sslSocketFactory(tlsSocketFactory()).timeoutMillis(2000).build());
        if (password() != null) jedis.auth(password());
        return jedis;
    }

    /** Freezes the process (SIGSTOP): the socket stays open, nothing answers. */
    public void sigstop() {
        signal("STOP");
    }

    public void sigcont() {
        signal("CONT");
    }

    /** SIGKILL, and wait until the process is gone. The temp dir stays for {@link #restart()}. */
    public void sigkill() {
        if (process == null) return;
        process.destroyForcibly();
        waitForExit();
    }

    /** SIGTERM, as an init system stops a service; returns the exit code once the process is gone. */
    public int sigterm(Duration timeout) {
        signal("TERM");
        try {
            if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                throw new AssertionError(name + " still running " + timeout + " after SIGTERM\n" + describe());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return process.exitValue();
    }

    /** Kills the process if it runs, then starts it again on the same address and port in the same dir. */
    public void restart() {
        sigkill();
        launch();
    }

    /** Kills the process by pid, waits for its exit and deletes its temp dir. */
    @Override
    public void close() {
        sigkill();
        deleteDir();
    }

    /** The last {@code lines} lines of the process's log. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Name, pid, port, state and log tail: what a failing test prints. */
    public String describe() {
        String state = process == null ? "not started" : process.isAlive() ? "alive" : "exited";
        return name + " pid=" + (process == null ? "-" : process.pid()) + " port=" + port + " " + state
                + " dir=" + dir + "\n--- " + log.getFileName() + " (tail) ---\n" + logTail(30);
    }

    @Override
    public String toString() {
        return name + "@" + host + ":" + port;
    }

    private void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid())).inheritIO().start();
            if (kill.waitFor() != 0) throw new IllegalStateException("kill -" + signal + " " + pid() + " failed");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void waitForExit() {
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) throw new IllegalStateException(name + " survived SIGKILL");
            LIVE.remove(process);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void deleteDir() {
        if (!Files.exists(dir)) return;
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] request(String... args) {
        StringBuilder sb = new StringBuilder("*").append(args.length).append("\r\n");
        for (String arg : args) {
            sb.append('$').append(arg.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(arg).append("\r\n");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (c != '\r') sb.append((char) c);
        }
        return sb.toString();
    }
}
