package io.sentinel.server.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The demo end to end, in plain (non-terminal) output as CI sees it, with keys fed through a pipe as a user types
 * them: the failover happens, the summary tells it, and nothing is left behind.
 */
class DemoIT {
    private static final Pattern ROW_PID = Pattern.compile("^\\S+\\s+127\\.0\\.0\\.1:\\d+\\s+(\\d+)\\s",
            Pattern.MULTILINE);
    private static final Pattern NEW_MASTER_ROW = Pattern.compile(
            "^redis-[23]\\s+127\\.0\\.0\\.1:\\d+\\s+\\d+\\s+master\\s", Pattern.MULTILINE);
    private static final Pattern DIR = Pattern.compile("files in (\\S+)");
    private static final String FIRST_WRITE = "writer            first successful write on the new master";

    private Running demo;

    @AfterEach
    void stopDemo() throws Exception {
        if (demo != null && !demo.task.isDone()) {
            demo.press("q");
            demo.status(Duration.ofSeconds(30));
        }
    }

    @Test
    void ourSentinelsFailOverAndTheSummaryTellsHow() throws Exception {
        assumeTrue(mainExists(), "io.sentinel.server.Main not there yet");
        demo = new Running(new DemoOptions(120, 2, 1000, false));

        demo.await("failover ", FIRST_WRITE, Duration.ofSeconds(60));
        demo.await("failover ", "replicas linked", Duration.ofSeconds(60));
        demo.press("q");

        assertEquals(0, demo.status(Duration.ofSeconds(30)), demo.out());
        assertFailoverSummary(demo.out());
        demo.assertNothingLeft();
    }

    @Test
    void redisSentinelsFailOverToo() throws Exception {
        demo = new Running(new DemoOptions(180, 2, 1000, true));

        demo.await("failover ", FIRST_WRITE, Duration.ofSeconds(120));
        demo.await("failover ", "+switch-master    all 3 sentinels", Duration.ofSeconds(120));
        demo.press("q");

        assertEquals(0, demo.status(Duration.ofSeconds(30)), demo.out());
        assertFailoverSummary(demo.out());
        demo.assertNothingLeft();
    }

    @Test
    void keysKillTheMasterAndBringItBackAsAReplica() throws Exception {
        assumeTrue(mainExists(), "io.sentinel.server.Main not there yet");
        demo = new Running(new DemoOptions(180, 0, 1000, false));
        demo.await("redis-3 ", "replica  up", Duration.ofSeconds(30));

        demo.press("k");
        demo.await("demo: ", "SIGKILL redis-1 (master)", Duration.ofSeconds(10));
        demo.await("failover ", FIRST_WRITE, Duration.ofSeconds(60));
        demo.press("r");
        demo.await("demo: ", "restarted redis-1", Duration.ofSeconds(10));
        demo.await("failover ", "+convert-to-slave redis-1", Duration.ofSeconds(60));
        demo.press("q");

        assertEquals(0, demo.status(Duration.ofSeconds(30)), demo.out());
        assertTrue(demo.out().contains("Failover completed"), demo.out());
        demo.assertNothingLeft();
    }

    @Test
    void aFailoverThatCannotFinishInTimeFailsTheRun() throws Exception {
        assumeTrue(mainExists(), "io.sentinel.server.Main not there yet");
        // down-after 3 s, pinged every second: no sentinel can flag the master down within 1 s of the kill
        demo = new Running(new DemoOptions(2, 1, 3000, false));

        assertEquals(1, demo.status(Duration.ofSeconds(60)), demo.out());
        assertTrue(demo.out().contains("Failover NOT completed: no +switch-master."), demo.out());
        demo.assertNothingLeft();
    }

    /** Key w: a coordinated switchover, with the writer running, and the summary says nothing was lost. */
    @Test
    void keyWSwitchesOverAndTheWriterLosesNothing() throws Exception {
        assumeTrue(mainExists(), "io.sentinel.server.Main not there yet");
        demo = new Running(new DemoOptions(180, 0, 1000, false));
        demo.await("redis-3 ", "replica  up", Duration.ofSeconds(30));

        demo.press("w");
        demo.await("demo: ", "SENTINEL FAILOVER mymaster COORDINATED to sentinel-1: OK", Duration.ofSeconds(10));
        demo.await("failover ", "+writes-paused", Duration.ofSeconds(60));
        demo.await("failover ", FIRST_WRITE, Duration.ofSeconds(60));
        demo.press("q");

        assertEquals(0, demo.status(Duration.ofSeconds(30)), demo.out());
        assertFailoverSummary(demo.out());
        String summary = demo.out().substring(demo.out().lastIndexOf("Failover timeline"));
        assertTrue(summary.startsWith("Failover timeline (ms since the COORDINATED switchover of redis-1"), summary);
        assertTrue(summary.contains("\nAcknowledged writes lost: 0 "), summary);
        assertFalse(summary.contains("+sdown"), summary);
        demo.assertNothingLeft();
    }

    private static void assertFailoverSummary(String out) {
        String summary = out.substring(out.lastIndexOf("Failover timeline"));
        assertTrue(summary.contains("+switch-master    first:"), summary);
        assertTrue(summary.contains(FIRST_WRITE), summary);
        assertTrue(summary.contains("\nFailover completed: new master redis-"), summary);
        String lastBlock = out.substring(out.lastIndexOf("sentinel demo:"), out.lastIndexOf("Failover timeline"));
        assertTrue(NEW_MASTER_ROW.matcher(lastBlock).find(), "no promoted replica in the ROLE column\n" + lastBlock);
    }

    private static boolean mainExists() {
        try {
            Class.forName("io.sentinel.server.Main");
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** The demo on a thread, its output in memory, its keys through a pipe. */
    private static final class Running {
        // synchronized: safe to read while the demo writes
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final ByteArrayOutputStream err = new ByteArrayOutputStream();
        private final PipedOutputStream keys = new PipedOutputStream();
        private final FutureTask<Integer> task;

        Running(DemoOptions options) throws IOException {
            PipedInputStream in = new PipedInputStream(keys);
            task = new FutureTask<>(() -> Demo.run(options, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8), System.getenv("PATH"), in, false));
            Thread thread = new Thread(task, "demo-under-test");
            thread.setDaemon(true);
            thread.start();
        }

        String out() {
            return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        }

        void press(String key) throws IOException {
            keys.write((key + "\n").getBytes(StandardCharsets.UTF_8));
            keys.flush();
        }

        /** Polls the output for a line that starts with {@code prefix} and contains {@code text}. */
        void await(String prefix, String text, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() - deadline < 0) {
                if (out().lines().anyMatch(l -> l.startsWith(prefix) && l.contains(text))) return;
                if (task.isDone()) fail("the demo ended before '" + text + "'\n" + out());
                Thread.sleep(100);
            }
            fail("no line '" + prefix + "... " + text + "' within " + timeout + "\n" + out());
        }

        int status(Duration timeout) throws InterruptedException, ExecutionException {
            try {
                return task.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                throw new AssertionError("the demo did not end within " + timeout + "\n" + out());
            }
        }

        void assertNothingLeft() {
            String text = out();
            List<String> pids = new ArrayList<>();
            Matcher m = ROW_PID.matcher(text);
            while (m.find()) pids.add(m.group(1));
            assertTrue(pids.size() >= 6, "expected 6 process rows\n" + text);
            for (String pid : pids) assertFalse(Files.exists(Path.of("/proc/" + pid)), "pid " + pid + " still runs");
            Matcher dir = DIR.matcher(text);
            assertTrue(dir.find(), text);
            assertFalse(Files.exists(Path.of(dir.group(1))), "temp dir left: " + dir.group(1));
        }
    }
}
