package io.sentinel.server.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One child process of the demo: a redis-server or a sentinel on 127.0.0.1, its output in a log file. */
final class DemoProcess {
    static final String HOST = "127.0.0.1";
    private static final boolean SETSID = Demo.onPath("setsid", System.getenv("PATH"));

    final String kind;
    final int port;
    final Path log;
    private final Path dir;
    private final List<String> command;
    private final Process process;
    /** Set by the demo's own SIGKILL and SIGSTOP, so the table says "killed" or "stopped", not "no reply". */
    private volatile String fault;

    private DemoProcess(String kind, int port, Path dir, List<String> command, Process process) {
        this.kind = kind;
        this.port = port;
        this.dir = dir;
        this.log = dir.resolve(kind + ".log");
        this.command = List.copyOf(command);
        this.process = process;
    }

    static DemoProcess start(String kind, int port, Path dir, List<String> command) {
        List<String> launched = new ArrayList<>();
        // Ctrl-C sends SIGINT to the terminal's whole process group: in a session of their own, the children wait
        // for the demo to stop them by pid instead of dying under it. setsid execs in place: the pid stays the same.
        if (SETSID) launched.add("setsid");
        launched.addAll(command);
        try {
            Process process = new ProcessBuilder(launched).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(kind + ".log").toFile())).start();
            return new DemoProcess(kind, port, dir, command, process);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** The same command again, same port and dir: a redis-server comes back empty, as a master. */
    DemoProcess restart() {
        return start(kind, port, dir, command);
    }

    /** "killed" or "stopped" when the demo did that to it, else null. */
    String fault() {
        return fault;
    }

    /** SIGKILL by pid, as a crash would: no shutdown, no goodbye to the replicas. */
    void crash() {
        fault = "killed";
        kill();
    }

    /** SIGSTOP by pid: the process freezes, its sockets stay open, nothing answers. */
    void freeze() throws IOException, InterruptedException {
        signal("-STOP");
        fault = "stopped";
    }

    /** SIGCONT by pid. */
    void resume() throws IOException, InterruptedException {
        signal("-CONT");
        fault = null;
    }

    private void signal(String signal) throws IOException, InterruptedException {
        // the JDK sends only SIGTERM and SIGKILL; kill(1) by pid, never by name
        Process kill = new ProcessBuilder("kill", signal, Long.toString(pid())).redirectErrorStream(true).start();
        if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IOException("kill " + signal + " " + pid() + " failed");
        }
    }

    long pid() {
        return process.pid();
    }

    String address() {
        return HOST + ":" + port;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits until the process answers PING; false if it exits or the deadline (System.nanoTime) passes first. */
    boolean awaitPing(long deadlineNanos) throws InterruptedException {
        while (System.nanoTime() - deadlineNanos < 0) {
            if (!process.isAlive()) return false;
            if (answersPing()) return true;
            Thread.sleep(100);
        }
        return false;
    }

    /** SIGKILL by pid, then reap it so no zombie stays. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private boolean answersPing() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 300);
            socket.setSoTimeout(300);
            OutputStream out = socket.getOutputStream();
            out.write("*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            byte[] reply = in.readNBytes(7);
            return "+PONG\r\n".equals(new String(reply, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            return false;
        }
    }
}
