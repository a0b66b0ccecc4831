package io.sentinel.server.logging;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.slf4j.event.Level;

/**
 * Where every logger writes: a level threshold (Redis's {@code loglevel}), a {@link LogFormat}, and stdout or the
 * {@code logfile}. Each line is formatted whole, then written with one write and a flush, so lines from different
 * threads never interleave. Settings can change at any time (after the config is read); readers see them at once.
 */
public final class LogSink {
    /** The sink the SLF4J provider hands to every logger. */
    public static final LogSink INSTANCE = new LogSink(null, System::currentTimeMillis);

    /** Chatty libraries stay at warnings (see {@link #quietLibraries}) whatever {@code loglevel} says. */
    private static final String[] QUIET_PREFIXES = {"io.netty.", "io.lettuce.", "reactor.", "io.micrometer."};

    private final LongSupplier wallMillis;
    private volatile int threshold = Level.INFO.toInt();
    private volatile String levelName = "notice";
    private volatile int libraryThreshold = Level.WARN.toInt();
    private volatile LogFormat format = LogFormat.REDIS;
    private volatile OutputStream out;
    /** Redis's syslog-enabled: null when off. */
    private volatile Syslog syslog;

    /** @param out where lines go; null for whatever {@code System.out} is when a line is written */
    LogSink(OutputStream out, LongSupplier wallMillis) {
        this.out = out;
        this.wallMillis = wallMillis;
    }

    /**
     * Redis's {@code loglevel}: {@code debug} (everything), {@code verbose} (SLF4J debug and up), {@code notice}
     * (info and up, the default), {@code warning}, {@code nothing}.
     */
    public void level(String redisLevel) {
        switch (redisLevel.toLowerCase(Locale.ROOT)) {
            case "debug": threshold = Level.TRACE.toInt(); break;
            case "verbose": threshold = Level.DEBUG.toInt(); break;
            case "notice": threshold = Level.INFO.toInt(); break;
            case "warning": threshold = Level.WARN.toInt(); break;
            case "nothing": threshold = Integer.MAX_VALUE; break;
            default: throw new IllegalArgumentException("Invalid loglevel '" + redisLevel
                    + "' (expected debug, verbose, notice, warning or nothing)");
        }
        levelName = redisLevel.toLowerCase(Locale.ROOT);
    }

    /** The current {@code loglevel}, as Redis names it. */
    public String level() {
        return levelName;
    }

    /** The least level Netty, Lettuce, Reactor and Micrometer log at (warnings unless changed). */
    public void quietLibraries(Level least) {
        libraryThreshold = least.toInt();
    }

    public void format(LogFormat newFormat) {
        format = newFormat;
    }

    public LogFormat format() {
        return format;
    }

    /** Appends to {@code logfile} from now on, as Redis opens it once the config is read. */
    public void logfile(Path logfile) throws IOException {
        out = Files.newOutputStream(logfile, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.WRITE);
    }

    /**
     * From now on every line also goes to syslog, as Redis's serverLogRaw does after the logfile (the message only:
     * syslog adds time, ident and pid); null turns it off.
     */
    public void syslog(Syslog newSyslog) {
        Syslog old = syslog;
        syslog = newSyslog;
        if (old != null && old != newSyslog) old.close();
    }

    boolean enabled(String logger, Level level) {
        int min = threshold;
        for (String p : QUIET_PREFIXES) {
            if (logger.startsWith(p)) min = Math.max(min, libraryThreshold);
        }
        return level.toInt() >= min;
    }

    void log(String logger, Level level, String message, Throwable t) {
        if (!enabled(logger, level)) return;
        String text = message == null ? "null" : message;
        String line = format.line(wallMillis.getAsLong(), level, logger, text, t);
        write(line.getBytes(StandardCharsets.UTF_8), level, text);
    }

    /** One write per line, and the only place that writes; then the same message to syslog, if on. */
    private synchronized void write(byte[] line, Level level, String message) {
        OutputStream o = out != null ? out : System.out;
        try {
            o.write(line);
            o.flush();
        } catch (IOException e) {
            // Like Redis: a log line that cannot be written is lost, the sentinel goes on.
        }
        Syslog s = syslog;
        if (s != null) s.send(level, message);
    }
}
