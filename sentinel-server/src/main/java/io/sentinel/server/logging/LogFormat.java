package io.sentinel.server.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.slf4j.event.Level;

/**
 * How a log line looks. {@link #REDIS}: {@code <pid>:X 22 Nov 2026 16:30:18.123 # +sdown master mymaster ...}, with
 * Redis's level marks ({@code .} debug, {@code -} verbose, {@code *} notice, {@code #} warning). {@link #JSON}: one
 * object per line, {@code {"ts":"...","level":"warn","logger":"sentinel.events","event":"+sdown","msg":"master
 * mymaster 127.0.0.1 6379","pid":123}}; {@code event} only for the {@code sentinel.events} logger.
 */
public enum LogFormat {
    REDIS, JSON;

    /** The logger every sentinel event goes to. */
    public static final String EVENTS_LOGGER = "sentinel.events";
    static final long PID = ProcessHandle.current().pid();
    private static final DateTimeFormatter REDIS_TIME =
            DateTimeFormatter.ofPattern("dd MMM yyyy HH:mm:ss.SSS", Locale.ENGLISH).withZone(ZoneId.systemDefault());

    /** {@code redis} or {@code json}, any case. */
    public static LogFormat parse(String name) {
        for (LogFormat f : values()) {
            if (f.name().equalsIgnoreCase(name.trim())) return f;
        }
        throw new IllegalArgumentException("unknown log format '" + name + "' (expected redis or json)");
    }

    /** One line, newline included. */
    String line(long epochMillis, Level level, String logger, String message, Throwable t) {
        StringBuilder b = new StringBuilder(message.length() + 80);
        if (this == REDIS) {
            b.append(PID).append(":X ").append(REDIS_TIME.format(Instant.ofEpochMilli(epochMillis))).append(' ')
                    .append(mark(level)).append(' ').append(message);
            if (t != null) b.append('\n').append(stackTrace(t).stripTrailing());
        } else {
            b.append("{\"ts\":\"").append(Instant.ofEpochMilli(epochMillis)).append("\",\"level\":\"")
                    .append(level.name().toLowerCase(Locale.ROOT)).append("\",\"logger\":");
            Json.string(b, logger);
            int space = message.indexOf(' ');
            if (EVENTS_LOGGER.equals(logger) && space > 0) {
                b.append(",\"event\":");
                Json.string(b, message.substring(0, space));
                message = message.substring(space + 1);
            }
            b.append(",\"msg\":");
            Json.string(b, message);
            if (t != null) {
                b.append(",\"exception\":");
                Json.string(b, stackTrace(t));
            }
            b.append(",\"pid\":").append(PID).append('}');
        }
        return b.append('\n').toString();
    }

    /** Redis's marks: TRACE is Redis's debug, DEBUG its verbose, INFO notice, WARN and ERROR warning. */
    static char mark(Level level) {
        switch (level) {
            case TRACE: return '.';
            case DEBUG: return '-';
            case INFO: return '*';
            default: return '#';
        }
    }

    private static String stackTrace(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }

    /** The JSON string escaping the format needs, and no more. */
    static final class Json {
        private Json() {
        }

        static void string(StringBuilder b, String s) {
            b.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"': b.append("\\\""); break;
                    case '\\': b.append("\\\\"); break;
                    case '\n': b.append("\\n"); break;
                    case '\r': b.append("\\r"); break;
                    case '\t': b.append("\\t"); break;
                    default:
                        if (c < 0x20) {
                            b.append(String.format("\\u%04x", (int) c));
                        } else {
                            b.append(c);
                        }
                }
            }
            b.append('"');
        }
    }
}
