package io.sentinel.server.logging;

import io.netty.channel.epoll.Epoll;
import io.netty.channel.unix.Socket;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.LongSupplier;
import org.slf4j.event.Level;

/**
 * Redis's {@code syslog-enabled}: each log line also goes to the local syslog socket as glibc's syslog(3) sends it
 * after Redis's {@code openlog(ident, LOG_PID | LOG_NDELAY | LOG_NOWAIT, facility)}: one datagram
 * {@code <PRI>Mmm dd HH:mm:ss ident[pid]: message} (no newline) on an AF_UNIX datagram socket, {@code /dev/log} unless
 * the system property {@value #SOCKET_PROPERTY} names another (tests). The JDK has no AF_UNIX datagrams, so the socket
 * is Netty's native one (the epoll transport's library). Logging never waits for syslog: lines are queued for a
 * sender thread of their own, which waits while the daemon's socket queue is full (as glibc's blocking send does, but
 * off the logging threads). A line is dropped when there is no socket or nobody listening (as Redis's is), when it
 * waited {@value #SEND_PATIENCE_MILLIS} ms, or when {@value #QUEUE_LINES} lines are already waiting.
 */
public final class Syslog {
    public static final String SOCKET_PROPERTY = "sentinel.syslog.socket";
    static final String DEFAULT_SOCKET = "/dev/log";
    /** Redis's syslog-facility names, in syslog.h's order: user is 1, local0..local7 are 16..23. */
    static final List<String> FACILITIES = List.of("user", "local0", "local1", "local2", "local3", "local4", "local5",
            "local6", "local7");
    static final int QUEUE_LINES = 1024;
    static final long SEND_PATIENCE_MILLIS = 5000;
    /** glibc's "%h %e %T", in the C locale. */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.US);

    private final String ident;
    private final int facility;
    private final byte[] path;
    private final long pid;
    private final LongSupplier wallMillis;
    private final ZoneId zone = ZoneId.systemDefault();
    private final Socket socket;
    private final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(QUEUE_LINES);
    private final Thread sender;

    private Syslog(String ident, int facility, Path path, long pid, LongSupplier wallMillis) throws IOException {
        this.ident = ident;
        this.facility = facility;
        this.path = path.toString().getBytes(StandardCharsets.UTF_8);
        this.pid = pid;
        this.wallMillis = wallMillis;
        this.socket = Socket.newSocketDomainDgram();
        this.sender = new Thread(this::sendLoop, "sentinel-syslog");
        sender.setDaemon(true);
        sender.start();
    }

    /**
     * Syslog with Redis's {@code syslog-ident} (default {@code redis}) and {@code syslog-facility} (default
     * {@code local0}), or null when this platform has no native AF_UNIX datagram socket (then Redis's lines stay in
     * the log only; {@link #unavailableReason()} says why).
     */
    public static Syslog open(String ident, String facility, LongSupplier wallMillis) {
        if (!Epoll.isAvailable()) return null;
        Path path = Path.of(System.getProperty(SOCKET_PROPERTY, DEFAULT_SOCKET));
        try {
            return new Syslog(ident == null ? "redis" : ident, facilityCode(facility == null ? "local0" : facility),
                    path, ProcessHandle.current().pid(), wallMillis);
        } catch (IOException e) {
            return null;
        }
    }

    /** Why {@link #open} gave null. */
    public static String unavailableReason() {
        Throwable t = Epoll.unavailabilityCause();
        return t == null ? "no AF_UNIX datagram socket" : t.toString();
    }

    /** syslog.h's LOG_USER is 1 << 3, LOG_LOCAL0..7 are (16..23) << 3. */
    static int facilityCode(String name) {
        int i = FACILITIES.indexOf(name.toLowerCase(Locale.ROOT));
        if (i < 0) throw new IllegalArgumentException("unknown syslog facility " + name);
        return (i == 0 ? 1 : 15 + i) << 3;
    }

    /** Redis's syslogLevelMap: debug LOG_DEBUG, verbose LOG_INFO, notice LOG_NOTICE, warning LOG_WARNING. */
    static int severity(Level level) {
        switch (level) {
            case TRACE: return 7;
            case DEBUG: return 6;
            case INFO: return 5;
            default: return 4;
        }
    }

    /** The datagram for one line. */
    byte[] datagram(Level level, String message) {
        String time = TIME.format(ZonedDateTime.ofInstant(Instant.ofEpochMilli(wallMillis.getAsLong()), zone));
        String text = "<" + (facility | severity(level)) + ">" + time + " " + ident + "[" + pid + "]: " + message;
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Queues one line for the sender; never waits (a full queue drops it). */
    void send(Level level, String message) {
        queue.offer(datagram(level, message));
    }

    private void sendLoop() {
        ByteBuffer buf = ByteBuffer.allocateDirect(64 * 1024);
        try {
            while (true) {
                byte[] d = queue.take();
                int n = Math.min(d.length, buf.capacity());
                buf.clear();
                buf.put(d, 0, n).flip();
                sendOne(buf, n);
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    /** One datagram: while the daemon's queue is full (EAGAIN: 0 sent) wait a little and retry, up to the patience. */
    private void sendOne(ByteBuffer buf, int length) throws InterruptedException {
        long deadline = System.nanoTime() + SEND_PATIENCE_MILLIS * 1_000_000;
        try {
            while (socket.sendToDomainSocket(buf, 0, length, path) == 0 && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
        } catch (IOException e) {
            // ENOENT, ECONNREFUSED: no syslog daemon; dropped, as glibc drops it
        }
    }

    void close() {
        sender.interrupt();
        try {
            sender.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            socket.close();
        } catch (IOException e) {
            // nothing left to do
        }
    }
}
