package io.sentinel.server.scripts;

import io.sentinel.core.action.RunScript;
import io.sentinel.core.config.Timing;
import io.sentinel.core.event.Event;
import io.sentinel.core.event.EventType;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs notification and client-reconfig scripts the way redis-sentinel does (sentinelScheduleScriptExecution,
 * sentinelRunPendingScripts, sentinelCollectTerminatedScripts, sentinelKillTimedoutScripts): a queue of at most
 * {@value #MAX_QUEUE} (the oldest waiting script is dropped), at most {@value #MAX_RUNNING} at once, oldest first;
 * a script running longer than script-max-runtime gets SIGKILL; a script killed by a signal or exiting with 1 runs
 * again after script-retry-delay, doubled at each retry, {@value #MAX_RETRIES} runs at most; any other exit code
 * ends it. Scripts are started directly (no shell) in {@code dir}. Everything here runs on one own thread, never
 * the core's: {@link #submit} only hands the job over. That thread starts with the first script, and it wakes
 * only when something is due (every {@value #TIMER_MILLIS} ms while a script runs, to time it out; at the next
 * retry while one waits): an idle sentinel spends no CPU here.
 */
public final class ScriptRunner implements AutoCloseable {
    public static final int MAX_QUEUE = 256;
    public static final int MAX_RUNNING = 16;
    public static final int MAX_RETRIES = 10;
    static final long TIMER_MILLIS = 100;
    private static final int SIGKILL = 9;
    private static final Logger log = LoggerFactory.getLogger(ScriptRunner.class);

    private final LongSupplier clock;
    private final Supplier<Timing> timing;
    private final Consumer<Event> events;
    private final File workingDir;
    /** Made by the first {@link #submit}; null before that and after {@link #close}. Guarded by this. */
    private ScheduledThreadPoolExecutor thread;
    private boolean closed;
    /** Oldest first; owned by {@link #thread}, as are the fields below. */
    private final List<ScriptJob> queue = new ArrayList<>();
    private int running;
    /** The one timer armed, if any: see {@link #rearm}. */
    private ScheduledFuture<?> wakeup;
    private volatile List<PendingScript> pending = List.of();

    /**
     * @param clock      monotonic milliseconds
     * @param timing     the core's current periods (script-max-runtime, script-retry-delay; SENTINEL DEBUG sets them)
     * @param events     where {@code +script-child}, {@code -script-child}, {@code -script-error} and
     *                   {@code -script-timeout} go (log and pub/sub), from this runner's thread
     * @param workingDir the sentinel's {@code dir}, where Redis runs scripts from; null for ours
     */
    public ScriptRunner(LongSupplier clock, Supplier<Timing> timing, Consumer<Event> events, File workingDir) {
        this.clock = clock;
        this.timing = timing;
        this.events = events;
        this.workingDir = workingDir;
    }

    /** Queues {@code path args...}; safe from any thread (the core's dispatcher calls it). */
    public void submit(RunScript script) {
        List<String> argv = new ArrayList<>(script.args().size() + 1);
        argv.add(script.path());
        argv.addAll(script.args());
        ScriptJob job = new ScriptJob(argv);
        execute(() -> enqueue(job));
    }

    /** The queue as last seen, oldest first, for {@code SENTINEL PENDING-SCRIPTS}. */
    public List<PendingScript> pending() {
        return pending;
    }

    /** INFO's sentinel_running_scripts. */
    public int runningScripts() {
        return (int) pending.stream().filter(PendingScript::running).count();
    }

    /** INFO's sentinel_scripts_queue_length: running and waiting. */
    public int queueLength() {
        return pending.size();
    }

    /** True once a script was submitted (the runner's thread exists), until {@link #close}. */
    synchronized boolean started() {
        return thread != null;
    }

    /** Timers armed on the runner's thread: 0 when nothing runs or waits for a retry. */
    synchronized int armedTimers() {
        return thread == null ? 0 : thread.getQueue().size();
    }

    private synchronized ScheduledThreadPoolExecutor thread() {
        if (thread == null && !closed) {
            thread = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, "sentinel-scripts");
                t.setDaemon(true);
                return t;
            });
            thread.setRemoveOnCancelPolicy(true); // a cancelled wake-up leaves the queue at once
        }
        return thread;
    }

    private void execute(Runnable task) {
        ScheduledThreadPoolExecutor t = thread();
        try {
            if (t == null) throw new RejectedExecutionException();
            t.execute(() -> onThread(task));
        } catch (RejectedExecutionException e) {
            log.debug("script runner closed; dropped a task");
        }
    }

    /** Every change is followed by starting what may start and publishing the queue for readers. */
    private void onThread(Runnable task) {
        try {
            task.run();
            runPending();
        } catch (RuntimeException e) {
            log.error("script runner failed", e);
        }
        pending = queue.stream().map(ScriptJob::view).toList();
        rearm();
    }

    /**
     * Arms the one timer for what comes due next: the timeout check every {@value #TIMER_MILLIS} ms while a
     * script runs, else the earliest retry; nothing when the queue is empty.
     */
    private void rearm() {
        long delay = -1;
        if (running > 0) {
            delay = TIMER_MILLIS;
        } else {
            long now = clock.getAsLong();
            for (ScriptJob job : queue) {
                long in = Math.max(1, job.startAt - now);
                if (delay < 0 || in < delay) delay = in;
            }
        }
        if (wakeup != null) wakeup.cancel(false);
        wakeup = null;
        ScheduledThreadPoolExecutor t = thread();
        if (delay < 0 || t == null) return;
        try {
            wakeup = t.schedule(() -> onThread(this::killTimedOut), delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            log.debug("script runner closed; no timer");
        }
    }

    /** Redis drops the oldest script that is not running once the queue is over its limit. */
    private void enqueue(ScriptJob job) {
        queue.add(job);
        if (queue.size() <= MAX_QUEUE) return;
        for (Iterator<ScriptJob> it = queue.iterator(); it.hasNext(); ) {
            if (!it.next().running()) {
                it.remove();
                return;
            }
        }
    }

    private void runPending() {
        long now = clock.getAsLong();
        for (ScriptJob job : new ArrayList<>(queue)) {
            if (running >= MAX_RUNNING) return;
            if (job.running() || job.startAt > now) continue;
            start(job, now);
        }
    }

    private void start(ScriptJob job, long now) {
        job.startAt = now;
        job.retryNum++;
        job.killed = false;
        Process p;
        try {
            p = new ProcessBuilder(job.argv).directory(workingDir).inheritIO().start();
        } catch (IOException e) {
            // Redis's child exits with 2 when execve fails: reported, never retried.
            log.warn("cannot run {}: {}", job.path(), e.getMessage());
            emit(EventType.SCRIPT_ERROR, job.path() + " 0 2");
            queue.remove(job);
            return;
        }
        job.process = p;
        running++;
        emit(EventType.SCRIPT_CHILD, Long.toString(p.pid()));
        p.onExit().thenRun(() -> execute(() -> collect(job)));
    }

    /** sentinelCollectTerminatedScripts for one job; Java reports death by signal n as exit code 128 + n. */
    private void collect(ScriptJob job) {
        Process p = job.process;
        if (p == null) return;
        int code = p.exitValue();
        int signal = job.killed ? SIGKILL : code > 128 ? code - 128 : 0;
        int exit = signal != 0 ? 0 : code;
        emit(EventType.SCRIPT_CHILD_ENDED, p.pid() + " " + exit + " " + signal);
        job.process = null;
        running--;
        if ((signal != 0 || exit == 1) && job.retryNum < MAX_RETRIES) {
            job.startAt = clock.getAsLong() + retryDelay(job.retryNum);
            return;
        }
        if (signal != 0 || exit != 0) emit(EventType.SCRIPT_ERROR, job.path() + " " + signal + " " + exit);
        queue.remove(job);
    }

    /** sentinelScriptRetryDelay: script-retry-delay after the first run, doubled after each further one. */
    long retryDelay(int retryNum) {
        long delay = timing.get().scriptRetryDelay();
        for (int n = retryNum; n > 1; n--) delay *= 2;
        return delay;
    }

    private void killTimedOut() {
        if (running == 0) return; // nothing to time out; and the timing may not exist yet (the core starts later)
        long now = clock.getAsLong();
        long max = timing.get().scriptMaxRuntime();
        for (ScriptJob job : queue) {
            if (!job.running() || job.killed || now - job.startAt <= max) continue;
            emit(EventType.SCRIPT_TIMEOUT, job.path() + " " + job.process.pid());
            job.killed = true;
            job.process.destroyForcibly();
        }
    }

    private void emit(EventType type, String payload) {
        events.accept(Event.of(type, payload));
    }

    /** Stops the runner; scripts still running are killed, as whoever starts a process stops it. */
    @Override
    public void close() {
        ScheduledThreadPoolExecutor thread;
        synchronized (this) {
            thread = this.thread;
            this.thread = null;
            closed = true;
        }
        if (thread == null) return;
        try {
            thread.submit(() -> {
                for (ScriptJob job : queue) if (job.running()) job.process.destroyForcibly();
            }).get(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
            log.warn("could not stop running scripts: {}", e.toString());
        }
        thread.shutdownNow();
    }
}
