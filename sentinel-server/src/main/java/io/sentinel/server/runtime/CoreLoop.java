package io.sentinel.server.runtime;

import io.sentinel.core.Sentinel;
import io.sentinel.core.action.Action;
import io.sentinel.core.action.Publish;
import io.sentinel.core.action.Reply;
import io.sentinel.core.input.Input;
import io.sentinel.core.input.SentinelCommand;
import io.sentinel.core.input.Started;
import io.sentinel.core.input.Tick;
import io.sentinel.core.input.VoteReplied;
import io.sentinel.core.reply.Resp;
import io.sentinel.core.view.SentinelView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that touches the {@link Sentinel}: Netty handlers and Lettuce callbacks only {@link #submit}
 * inputs. After a step that changed what clients can see, it publishes a fresh immutable {@link SentinelView}
 * before any event of that step goes out, so a client reacting to {@code +switch-master} reads the new master.
 */
public final class CoreLoop implements AutoCloseable {
    public static final long TICK_MILLIS = 100;
    /** INFO cpu finds the core thread by this name: its CPU is what Redis reports as the main thread's. */
    public static final String THREAD_NAME = "sentinel-core";
    private static final Logger log = LoggerFactory.getLogger(CoreLoop.class);

    private final Sentinel sentinel;
    private final ActionDispatcher dispatcher;
    private final ScheduledThreadPoolExecutor thread;
    private final Map<Long, CompletableFuture<Resp>> pending = new ConcurrentHashMap<>();
    private final AtomicLong requestIds = new AtomicLong();
    private final Runnable onCrash;
    private volatile SentinelView view;
    private volatile long lastStepAtMillis;
    /** The next tick (core thread only): every 100 ms, or earlier when the core has something due. */
    private ScheduledFuture<?> nextTick;
    private long nextTickAtMillis = Long.MAX_VALUE;
    /**
     * Inputs that came before {@code Started} (core thread only). The RESP port answers before the links exist, so
     * a SENTINEL MONITOR sent at once used to reach a dispatcher with nowhere to open its link, and its reply was
     * lost. They run, in order, right after {@code Started}.
     */
    private List<Input> early = new ArrayList<>();

    public CoreLoop(Sentinel sentinel, ActionDispatcher dispatcher, Runnable onCrash) {
        this.sentinel = sentinel;
        this.dispatcher = dispatcher;
        this.onCrash = onCrash;
        this.thread = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, THREAD_NAME);
            t.setDaemon(true);
            return t;
        });
        thread.setRemoveOnCancelPolicy(true);
        this.view = sentinel.view(MonotonicClock.millis());
    }

    /** Runs {@code Started}, then ticks every 100 ms, and at the times the core says something is due. */
    public void start() {
        submit(new Started());
        try {
            thread.execute(() -> scheduleTick(MonotonicClock.millis() + TICK_MILLIS));
        } catch (RejectedExecutionException e) {
            log.debug("core loop stopped before it started");
        }
    }

    private void tick() {
        nextTick = null;
        nextTickAtMillis = Long.MAX_VALUE;
        step(new Tick());
        long now = MonotonicClock.millis();
        scheduleTick(Math.min(now + TICK_MILLIS, sentinel.nextDueAt(now)));
    }

    /** Core thread only. Moves the next tick to {@code atMillis} (monotonic), earlier or later. */
    private void scheduleTick(long atMillis) {
        if (nextTick != null) nextTick.cancel(false);
        nextTickAtMillis = atMillis;
        try {
            nextTick = thread.schedule(this::tick, Math.max(0, atMillis - MonotonicClock.millis()),
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            nextTick = null; // closing
        }
    }

    /** Hands an input to the core thread; safe from any thread. */
    public void submit(Input input) {
        try {
            thread.execute(() -> step(input));
        } catch (RejectedExecutionException e) {
            log.debug("core loop stopped, input dropped: {}", input);
        }
    }

    /** A SENTINEL subcommand for the core; completes with the core's reply. */
    public CompletionStage<Resp> request(List<String> sentinelArgs) {
        long id = requestIds.incrementAndGet();
        CompletableFuture<Resp> reply = new CompletableFuture<>();
        pending.put(id, reply);
        submit(new SentinelCommand(id, sentinelArgs));
        return reply;
    }

    public SentinelView view() {
        return view;
    }

    /** When the core thread last finished a step (monotonic ms), for the liveness probe. */
    public long lastStepAtMillis() {
        return lastStepAtMillis;
    }

    private void step(Input input) {
        if (early != null && !(input instanceof Started)) {
            early.add(input);
            return;
        }
        run(input);
        if (input instanceof Started && early != null) {
            List<Input> held = early;
            early = null;
            for (Input i : held) run(i);
        }
    }

    private void run(Input input) {
        long now = MonotonicClock.millis();
        List<Action> actions;
        try {
            actions = sentinel.handle(input, now);
        } catch (RuntimeException e) {
            // A broken invariant: a corrupt sentinel must not vote. Log with the input and stop.
            log.error("core failed on input {}; exiting", input, e);
            onCrash.run();
            return;
        }
        if (input instanceof Tick || visible(actions)) view = sentinel.view(now);
        try {
            dispatcher.run(actions, pending);
        } catch (RuntimeException e) {
            // The executor would swallow it silently, and the step's replies would never come.
            log.error("running the actions of input {} failed", input, e);
            for (Action a : actions) {
                CompletableFuture<Resp> f = a instanceof Reply r ? pending.remove(r.requestId()) : null;
                if (f != null) f.complete(Resp.error("ERR internal error: " + e));
            }
        }
        lastStepAtMillis = MonotonicClock.millis();
        // A vote answer or a command may have started a failover whose own vote falls due before the next tick.
        // (Not after every input: nextDueAt walks every instance, and INFO and PING answers are most inputs.)
        if ((input instanceof VoteReplied || input instanceof SentinelCommand) && nextTick != null) {
            long due = sentinel.nextDueAt(MonotonicClock.millis());
            if (due < nextTickAtMillis) scheduleTick(due);
        }
        if (sentinel.crashed()) {
            log.warn("Sentinel is simulating a failure: exiting");
            onCrash.run();
        }
    }

    private static boolean visible(List<Action> actions) {
        for (Action a : actions) {
            if (a instanceof Publish || a instanceof Reply) return true;
        }
        return false;
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (CompletableFuture<Resp> f : pending.values()) f.complete(Resp.error("ERR sentinel is shutting down"));
    }
}
