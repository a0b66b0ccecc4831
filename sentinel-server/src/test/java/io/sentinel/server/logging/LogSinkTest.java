package io.sentinel.server.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

class LogSinkTest {
    /** Records every write call separately, to see how lines were written. */
    static final class Writes extends OutputStream {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Override
        public void write(int b) {
            calls.add(String.valueOf((char) b));
        }

        @Override
        public void write(byte[] b, int off, int len) {
            calls.add(new String(b, off, len, StandardCharsets.UTF_8));
        }
    }

    final Writes out = new Writes();
    final LogSink sink = new LogSink(out, () -> 0);
    final Logger events = new SentinelLoggerFactory(sink).getLogger("sentinel.events");

    @Test
    void noticeByDefaultThenEachRedisLevel() {
        events.debug("verbose");
        events.info("notice {}", 1);
        assertEquals(1, out.calls.size());
        assertTrue(out.calls.get(0).endsWith(" * notice 1\n"), out.calls.toString());
        sink.level("warning");
        events.info("hidden");
        events.warn("shown");
        assertEquals(2, out.calls.size());
        sink.level("verbose");
        assertTrue(events.isDebugEnabled());
        assertFalse(events.isTraceEnabled());
        sink.level("DEBUG");
        assertTrue(events.isTraceEnabled());
        assertThrows(IllegalArgumentException.class, () -> sink.level("loud"));
    }

    @Test
    void librariesStayAtWarningsEvenAtDebug() {
        sink.level("debug");
        Logger netty = new SentinelLoggerFactory(sink).getLogger("io.netty.channel.Foo");
        assertFalse(netty.isInfoEnabled());
        assertTrue(netty.isWarnEnabled());
        sink.quietLibraries(Level.ERROR);
        assertFalse(netty.isWarnEnabled());
    }

    @Test
    void theFormatCanChangeAtRunTime() {
        sink.format(LogFormat.JSON);
        events.warn("+tilt #tilt mode entered");
        assertTrue(out.calls.get(0).startsWith("{\"ts\":\"1970-01-01T00:00:00Z\",\"level\":\"warn\""), out.calls.get(0));
        assertTrue(out.calls.get(0).contains("\"event\":\"+tilt\",\"msg\":\"#tilt mode entered\""));
    }

    @Test
    void eachLineIsOneWriteWhateverTheThreads() throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int id = t;
            threads.add(new Thread(() -> {
                for (int i = 0; i < 500; i++) events.warn("+sdown thread {} line {} {}", id, i, "x".repeat(300));
            }));
        }
        for (Thread t : threads) t.start();
        for (Thread t : threads) t.join();
        assertEquals(8 * 500, out.calls.size());
        for (String call : out.calls) {
            assertTrue(call.endsWith("\n") && call.indexOf('\n') == call.length() - 1, "one whole line: " + call);
        }
    }

    @Test
    void slf4jFindsThisBackend() {
        assertEquals(SentinelLogger.class, LoggerFactory.getLogger("x").getClass());
    }
}
