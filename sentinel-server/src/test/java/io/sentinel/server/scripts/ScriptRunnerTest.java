package io.sentinel.server.scripts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentinel.core.action.RunScript;
import io.sentinel.core.config.Timing;
import io.sentinel.core.event.Event;
import io.sentinel.server.it.Await;
import io.sentinel.server.runtime.MonotonicClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Redis's script semantics with real /bin/sh scripts in a temp dir. */
class ScriptRunnerTest {
    static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    final List<String> events = new CopyOnWriteArrayList<>();
    final AtomicReference<Timing> timing = new AtomicReference<>(Timing.DEFAULTS);
    ScriptRunner runner;

    ScriptRunner runner() {
        runner = new ScriptRunner(MonotonicClock::millis, timing::get, (Event e) -> events.add(e.logLine()),
                dir.toFile());
        return runner;
    }

    @AfterEach
    void close() {
        if (runner != null) runner.close();
    }

    Path script(String name, String body) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
        return p;
    }

    String state() {
        return "events=" + events + " pending=" + (runner == null ? "" : runner.pending());
    }

    long count(String prefix) {
        return events.stream().filter(e -> e.startsWith(prefix)).count();
    }

    @Test
    void runsTheScriptWithItsArgumentsInDirAndForgetsItOnExitZero() throws IOException {
        Path s = script("notify.sh", "printf '%s|' \"$@\" > out.txt");
        runner().submit(new RunScript(s.toString(), List.of("+sdown", "master mymaster 127.0.0.1 6379")));
        Path out = dir.resolve("out.txt");
        Await.until(WAIT, "the script ran and was collected", () -> Files.exists(out)
                && count("-script-child") == 1 && runner.pending().isEmpty(), this::state);
        assertEquals("+sdown|master mymaster 127.0.0.1 6379|", Files.readString(out));
        assertTrue(events.get(0).matches("\\+script-child \\d+"), events.toString());
        assertTrue(events.get(1).matches("-script-child \\d+ 0 0"), events.toString());
        assertEquals(2, events.size(), "no -script-error on success: " + events);
    }

    @Test
    void anIdleRunnerHasNoThreadAndArmsNoTimer() throws IOException {
        ScriptRunner r = runner();
        assertFalse(r.started(), "no thread before the first script: a sentinel without scripts pays nothing");
        r.submit(new RunScript(script("ok.sh", "exit 0").toString(), List.of()));
        assertTrue(r.started());
        Await.until(WAIT, "collected, and no timer left armed", () -> count("-script-child") == 1
                && r.pending().isEmpty() && r.armedTimers() == 0, this::state);
    }

    @Test
    void exitOneIsRetriedWithDoublingDelaysUpToTenRuns() throws IOException {
        timing.set(Timing.DEFAULTS.with("script-retry-delay", 1));
        Path s = script("flaky.sh", "echo run >> runs.txt; exit 1");
        runner().submit(new RunScript(s.toString(), List.of()));
        Await.until(WAIT, "-script-error after the last retry", () -> count("-script-error") == 1, this::state);
        assertEquals(10, Files.readAllLines(dir.resolve("runs.txt")).size(), "ten runs in all, as Redis");
        assertTrue(events.contains("-script-error " + s + " 0 1"), events.toString());
        assertTrue(runner.pending().isEmpty());
    }

    @Test
    void theRetryDelayDoublesAfterEachRun() {
        timing.set(Timing.DEFAULTS.with("script-retry-delay", 30_000));
        ScriptRunner r = runner();
        assertEquals(30_000, r.retryDelay(1));
        assertEquals(60_000, r.retryDelay(2));
        assertEquals(30_000L << 8, r.retryDelay(9));
    }

    @Test
    void aRetryWaitsAsScheduledWithItsRetryNumber() throws IOException {
        Path s = script("fails.sh", "exit 1");
        runner().submit(new RunScript(s.toString(), List.of("a")));
        Await.until(WAIT, "a scheduled retry", () -> runner.pending().size() == 1
                && !runner.pending().get(0).running(), this::state);
        PendingScript p = runner.pending().get(0);
        assertEquals(List.of(s.toString(), "a"), p.argv());
        assertEquals(1, p.retryNum());
        assertEquals(0, p.pid());
        Await.until(WAIT, "one timer, for the retry", () -> runner.armedTimers() == 1, this::state);
        long delay = p.millisAt(MonotonicClock.millis());
        assertTrue(delay > 25_000 && delay <= 30_000, "run-delay about script-retry-delay (30 s): " + delay);
    }

    @Test
    void exitTwoAndAMissingScriptAreErrorsNeverRetried() throws IOException {
        Path s = script("broken.sh", "exit 2");
        ScriptRunner r = runner();
        r.submit(new RunScript(s.toString(), List.of()));
        r.submit(new RunScript(dir.resolve("missing.sh").toString(), List.of()));
        Await.until(WAIT, "two -script-error", () -> count("-script-error") == 2, this::state);
        assertTrue(events.contains("-script-error " + s + " 0 2"), events.toString());
        assertTrue(events.contains("-script-error " + dir.resolve("missing.sh") + " 0 2"), events.toString());
        Await.until(WAIT, "queue empty", () -> r.pending().isEmpty(), this::state);
    }

    @Test
    void aScriptOverMaxRuntimeIsKilledThenScheduledAgain() throws IOException {
        timing.set(Timing.DEFAULTS.with("script-max-runtime", 300));
        Path s = script("hangs.sh", "exec sleep 60");
        runner().submit(new RunScript(s.toString(), List.of()));
        Await.until(WAIT, "running", () -> runner.runningScripts() == 1, this::state);
        long pid = runner.pending().get(0).pid();
        Await.until(WAIT, "killed and scheduled again", () -> count("-script-child") == 1
                && runner.pending().size() == 1 && !runner.pending().get(0).running(), this::state);
        assertTrue(events.contains("-script-timeout " + s + " " + pid), events.toString());
        assertTrue(events.contains("-script-child " + pid + " 0 9"), "SIGKILL: " + events);
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the script is dead");
        assertEquals(0, count("-script-error"), "a killed script is retried, not an error yet");
    }

    @Test
    void atMostSixteenRunAndTheQueueKeepsTheNewest256() throws IOException {
        Path s = script("hangs.sh", "exec sleep 60");
        ScriptRunner r = runner();
        for (int i = 0; i < 16 + 300; i++) r.submit(new RunScript(s.toString(), List.of(Integer.toString(i))));
        // the last submit handled too: 256 queued is reached (and kept) from the 256th submit on
        Await.until(WAIT, "16 running, 256 queued", () -> r.runningScripts() == 16 && r.queueLength() == 256
                && r.pending().get(255).argv().get(1).equals("315"), this::state);
        List<PendingScript> q = r.pending();
        assertEquals("0", q.get(0).argv().get(1), "running scripts are never dropped");
        assertEquals("76", q.get(16).argv().get(1), "the 60 oldest waiting scripts (16..75) were dropped");
        assertEquals("315", q.get(255).argv().get(1));
        List<Long> pids = q.subList(0, 16).stream().map(PendingScript::pid).toList();
        r.close();
        for (long pid : pids) {
            Await.until(WAIT, "script " + pid + " killed on close",
                    () -> !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        }
    }
}
