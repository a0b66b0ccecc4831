package io.sentinel.server.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The demo end to end, non-interactive as CI runs it: it shows the cluster, then leaves nothing behind. */
class DemoIT {
    private static final Pattern ROW_PID = Pattern.compile("^\\S+\\s+127\\.0\\.0\\.1:\\d+\\s+(\\d+)\\s", Pattern.MULTILINE);
    private static final Pattern DIR = Pattern.compile("files in (\\S+)");

    @Test
    void withRedisSentinelsItShowsTheClusterAndTheSdownOfAKilledMaster() {
        Result r = run(new DemoOptions(5, 1, 1000, true));

        assertEquals(0, r.status, r.err);
        assertTrue(r.out.contains("sentinel  -     -          master 127.0.0.1:"), r.out);
        assertTrue(r.out.contains("replica   up"), r.out);
        assertTrue(r.out.contains("demo: SIGKILL master pid"), r.out);
        assertTrue(r.out.contains("s_down,"), "sentinel-1 never flagged the killed master\n" + r.out);
        r.assertNothingLeft();
    }

    @Test
    void withOurSentinelsItShowsTheClusterAndTheSdownOfAKilledMaster() {
        assumeTrue(mainExists(), "io.sentinel.server.Main not there yet");

        Result r = run(new DemoOptions(5, 1, 1000, false));

        assertEquals(0, r.status, r.out + r.err);
        assertTrue(r.out.contains("[master] replicas=2"), r.out);
        assertTrue(r.out.contains("replica   up"), r.out);
        assertTrue(r.out.contains("s_down,"), "sentinel-1 never flagged the killed master\n" + r.out);
        r.assertNothingLeft();
    }

    private static Result run(DemoOptions options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Demo.run(options, new PrintStream(out, true), new PrintStream(err, true), System.getenv("PATH"), null, false);
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static boolean mainExists() {
        try {
            Class.forName("io.sentinel.server.Main");
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private record Result(int status, String out, String err) {
        void assertNothingLeft() {
            List<String> pids = new ArrayList<>();
            Matcher m = ROW_PID.matcher(out);
            while (m.find()) pids.add(m.group(1));
            assertTrue(pids.size() >= 6, "expected 6 process rows\n" + out);
            for (String pid : pids) assertFalse(Files.exists(Path.of("/proc/" + pid)), "pid " + pid + " still runs");
            Matcher dir = DIR.matcher(out);
            assertTrue(dir.find(), out);
            assertFalse(Files.exists(Path.of(dir.group(1))), "temp dir left: " + dir.group(1));
        }
    }
}
