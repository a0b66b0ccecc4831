package io.sentinel.server.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

class LogFormatTest {
    static final long AT = LocalDateTime.of(2026, 11, 22, 16, 30, 18, 123_000_000)
            .atZone(ZoneId.systemDefault()).toInstant().toEpochMilli();
    static final long PID = ProcessHandle.current().pid();

    @Test
    void redisLinesHavePidRoleTimeAndRedisLevelMarks() {
        String prefix = PID + ":X 22 Nov 2026 16:30:18.123 ";
        assertEquals(prefix + "# +sdown master mymaster 127.0.0.1 6379\n", LogFormat.REDIS.line(AT, Level.WARN,
                "sentinel.events", "+sdown master mymaster 127.0.0.1 6379", null));
        assertEquals(prefix + "* +slave x\n", LogFormat.REDIS.line(AT, Level.INFO, "sentinel.events", "+slave x", null));
        assertEquals(prefix + "- verbose\n", LogFormat.REDIS.line(AT, Level.DEBUG, "a", "verbose", null));
        assertEquals(prefix + ". debug\n", LogFormat.REDIS.line(AT, Level.TRACE, "a", "debug", null));
        assertEquals(prefix + "# bad\n", LogFormat.REDIS.line(AT, Level.ERROR, "a", "bad", null));
    }

    @Test
    void jsonLinesSplitEventsIntoEventAndMessage() {
        assertEquals("{\"ts\":\"" + java.time.Instant.ofEpochMilli(AT) + "\",\"level\":\"warn\",\"logger\":"
                        + "\"sentinel.events\",\"event\":\"+sdown\",\"msg\":\"master mymaster 127.0.0.1 6379\",\"pid\":"
                        + PID + "}\n",
                LogFormat.JSON.line(AT, Level.WARN, "sentinel.events", "+sdown master mymaster 127.0.0.1 6379", null));
        String other = LogFormat.JSON.line(AT, Level.INFO, "io.sentinel.server.runtime.Daemon", "say \"hi\"\n\tnow",
                null);
        assertTrue(other.contains("\"logger\":\"io.sentinel.server.runtime.Daemon\",\"msg\":\"say \\\"hi\\\"\\n\\tnow\""),
                other);
        assertTrue(other.endsWith("}\n") && other.indexOf('\n') == other.length() - 1, "one line: " + other);
    }

    @Test
    void exceptionsStayInTheirLine() {
        String json = LogFormat.JSON.line(AT, Level.ERROR, "x", "failed", new IllegalStateException("boom"));
        assertTrue(json.contains("\"exception\":\"java.lang.IllegalStateException: boom\\n\\tat "), json);
        assertEquals(json.length() - 1, json.indexOf('\n'));
        String redis = LogFormat.REDIS.line(AT, Level.ERROR, "x", "failed", new IllegalStateException("boom"));
        assertTrue(redis.contains("# failed\njava.lang.IllegalStateException: boom\n\tat "), redis);
    }

    @Test
    void parsesNamesInAnyCase() {
        assertEquals(LogFormat.JSON, LogFormat.parse("JSON"));
        assertEquals(LogFormat.REDIS, LogFormat.parse(" redis "));
        assertThrows(IllegalArgumentException.class, () -> LogFormat.parse("xml"));
    }
}
