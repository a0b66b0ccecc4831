package io.sentinel.server.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.event.Level;

/** Lines to syslog as redis-sentinel 7.0.15 sends them through glibc (datagrams seen live, in docs/operations.md). */
class SyslogTest {
    /** 2026-12-07T11:26:43Z, redis-sentinel's line: {@code <157>Dec  7 11:26:43 sntl[16413]: Running mode=...}. */
    static final long AT = 1796642803000L;

    @TempDir
    Path dir;

    @AfterEach
    void clearProperty() {
        System.clearProperty(Syslog.SOCKET_PROPERTY);
    }

    private Syslog open(String ident, String facility) {
        System.setProperty(Syslog.SOCKET_PROPERTY, dir.resolve("log").toString());
        Syslog s = Syslog.open(ident, facility, () -> AT);
        assertNotNull(s, Syslog.unavailableReason());
        return s;
    }

    @Test
    void facilitiesAndSeveritiesAreSyslogHs() {
        assertEquals(8, Syslog.facilityCode("user"));
        assertEquals(128, Syslog.facilityCode("local0"));
        assertEquals(152, Syslog.facilityCode("LOCAL3"));
        assertEquals(184, Syslog.facilityCode("local7"));
        assertThrows(IllegalArgumentException.class, () -> Syslog.facilityCode("local8"));
        assertEquals(List.of(7, 6, 5, 4, 4), List.of(Syslog.severity(Level.TRACE), Syslog.severity(Level.DEBUG),
                Syslog.severity(Level.INFO), Syslog.severity(Level.WARN), Syslog.severity(Level.ERROR)));
    }

    @Test
    void aDatagramIsGlibcsRfc3164Line() {
        Syslog s = open("sntl", "local3");
        ZonedDateTime t = ZonedDateTime.ofInstant(Instant.ofEpochMilli(AT), ZoneId.systemDefault());
        String time = String.format(Locale.ROOT, "%s %2d %02d:%02d:%02d",
                t.getMonth().getDisplayName(TextStyle.SHORT, Locale.US), t.getDayOfMonth(),
                t.getHour(), t.getMinute(), t.getSecond());
        long pid = ProcessHandle.current().pid();
        assertEquals("<157>" + time + " sntl[" + pid + "]: Running mode=sentinel, port=55555.", new String(
                s.datagram(Level.INFO, "Running mode=sentinel, port=55555."), StandardCharsets.UTF_8));
        if (ZoneId.systemDefault().getRules().getOffset(Instant.ofEpochMilli(AT)).getTotalSeconds() == 0) {
            assertEquals("Dec  7 11:26:43", time);
        }
        s.close();
    }

    @Test
    void theSinkSendsEachLineItWritesWithRedisDefaults() throws Exception {
        try (SyslogReceiver r = new SyslogReceiver(dir.resolve("log"))) {
            LogSinkTest.Writes out = new LogSinkTest.Writes();
            LogSink sink = new LogSink(out, () -> AT);
            sink.syslog(open(null, null));
            Logger log = new SentinelLoggerFactory(sink).getLogger("sentinel.events");
            log.warn("+sdown master m 127.0.0.1 6379");
            log.info("+slave slave 127.0.0.1:6380");
            log.debug("hidden at notice");
            sink.level("debug");
            log.debug("verbose line");
            log.trace("debug line");
            List<String> got = r.awaitCount(4, Duration.ofSeconds(10));
            assertEquals(4, got.size(), got.toString());
            String pid = "redis[" + ProcessHandle.current().pid() + "]: ";
            assertTrue(got.get(0).startsWith("<132>") && got.get(0).endsWith(pid + "+sdown master m 127.0.0.1 6379"),
                    got.get(0));
            assertTrue(got.get(1).startsWith("<133>") && got.get(1).endsWith(pid + "+slave slave 127.0.0.1:6380"));
            assertTrue(got.get(2).startsWith("<134>") && got.get(2).endsWith(pid + "verbose line"));
            assertTrue(got.get(3).startsWith("<135>") && got.get(3).endsWith(pid + "debug line"));
            assertEquals(4, out.calls.size(), "the log itself still has every line");
            sink.syslog(null);
        }
    }

    /** A daemon's socket queue holds about 10 datagrams: the sender waits for it instead of dropping a burst. */
    @Test
    void aBurstLargerThanTheSocketQueueArrivesWhole() throws Exception {
        try (SyslogReceiver r = new SyslogReceiver(dir.resolve("log"))) {
            LogSink sink = new LogSink(new LogSinkTest.Writes(), () -> AT);
            sink.syslog(open("b", "user"));
            Logger log = new SentinelLoggerFactory(sink).getLogger("x");
            for (int i = 0; i < 200; i++) log.warn("line " + i);
            List<String> got = r.awaitCount(200, Duration.ofSeconds(10));
            for (int i = 0; i < 200; i++) assertTrue(got.get(i).endsWith(": line " + i), got.get(i));
            sink.syslog(null);
        }
    }

    @Test
    void withNobodyListeningLinesAreDropped() {
        LogSinkTest.Writes out = new LogSinkTest.Writes();
        LogSink sink = new LogSink(out, () -> AT);
        sink.syslog(open("x", "user"));
        new SentinelLoggerFactory(sink).getLogger("a").warn("no socket at all");
        assertEquals(1, out.calls.size());
        sink.syslog(null);
    }
}
