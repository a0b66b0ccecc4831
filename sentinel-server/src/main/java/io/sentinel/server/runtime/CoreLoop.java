package io.sentinel.server.runtime;

import io.sentinel.core.Sentinel;
import io.sentinel.core.action.Action;
import io.sentinel.core.action.Outcome;
import io.sentinel.core.action.PersistState;
import io.sentinel.core.action.Publish;
import io.sentinel.core.action.Reply;
import io.sentinel.core.input.AdminRequest;
import io.sentinel.core.input.Input;
import io.sentinel.core.input.Started;
import io.sentinel.core.input.Tick;
import io.sentinel.core.input.VoteReplied;
import io.sentinel.core.input.VoteRequested;
import io.sentinel.core.view.SentinelView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that touches the {@link Sentinel}: the RESP server's handlers and the links' event loops only
 * {@link #submit} inputs (or {@link #request} a reply). After a step that changed what clients can see, it
 * publishes a fresh immutable {@link SentinelView} before any event of that step goes out, so a client reacting to
 * {@code +switch-master} reads the new master.
 * <p>
 * Group commit: the inputs waiting when the thread gets to them are handled one by one, then their actions run as
 * one batch behind one {@code PersistState} (the newest snapshot, which holds every earlier step's durable
 * changes). A node outage brings a vote request per master and peer, each needing the state on disk before its
 * answer leaves; one fsync for the lot instead of one each (5 ms or more apiece) kept a sentinel's votes from
 * trickling out behind its disk while the others, waiting, voted for themselves.
 */
public final class CoreLoop implements AutoCloseable {
    public static final long TICK_MILLIS = 100;
    /** INFO cpu finds the core thread by this name: its CPU is what Redis reports as the main thread's. */
    public static final String THREAD_NAME = "sentinel-core";
    private static final Logger log = LoggerFactory.getLogger(CoreLoop.class);

    private final Sentinel sentinel;
    private final ActionDispatcher dispatcher;
    private final ScheduledThreadPoolExecutor thread;
    /** The most inputs handled before their actions run: bounds the wait of the first one's replies. */
    static final int MAX_BATCH_INPUTS = 256;

    private final Map<Long, CompletableFuture<Outcome>> pending = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Input> inbox = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainQueued = new AtomicBoolean();
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
        runBatch(new Tick());
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
        inbox.add(input);
        if (!drainQueued.compareAndSet(false, true)) return;
        try {
            thread.execute(this::drain);
        } catch (RejectedExecutionException e) {
            log.debug("core loop stopped, input dropped: {}", input);
        }
    }

    private void drain() {
        drainQueued.set(false);
        runBatch(null);
    }

    /** A client's request for the core, made with the id its reply will carry; completes with the core's outcome. */
    public CompletionStage<Outcome> request(LongFunction<Input> request) {
        long id = requestIds.incrementAndGet();
        CompletableFuture<Outcome> reply = new CompletableFuture<>();
        pending.put(id, reply);
        submit(request.apply(id));
        return reply;
    }

    public SentinelView view() {
        return view;
    }

    /** When the core thread last finished a step (monotonic ms), for the liveness probe. */
    public long lastStepAtMillis() {
        return lastStepAtMillis;
    }

    /** Core thread: handles {@code first} (when not null) and the waiting inputs, then runs their actions once. */
    private void runBatch(Input first) {
        Batch batch = new Batch();
        if (first != null) step(first, batch);
        Input input;
        while (!batch.crashed && batch.inputs < MAX_BATCH_INPUTS && (input = inbox.poll()) != null) {
            step(input, batch);
        }
        if (!inbox.isEmpty() && drainQueued.compareAndSet(false, true)) thread.execute(this::drain);
        if (batch.inputs > 0) dispatch(batch);
    }

    private void step(Input input, Batch batch) {
        if (early != null && !(input instanceof Started)) {
            early.add(input);
            return;
        }
        handle(input, batch);
        if (input instanceof Started && early != null) {
            List<Input> held = early;
            early = null;
            for (Input i : held) handle(i, batch);
        }
    }

    private void handle(Input input, Batch batch) {
        if (batch.crashed) return;
        List<Action> actions;
        try {
            actions = sentinel.handle(input, MonotonicClock.millis());
        } catch (RuntimeException e) {
            // A broken invariant: a corrupt sentinel must not vote. Log with the input and stop.
            log.error("core failed on input {}; exiting", input, e);
            batch.crashed = true;
            onCrash.run();
            return;
        }
        batch.add(input, actions);
    }

    private void dispatch(Batch batch) {
        long now = MonotonicClock.millis();
        if (batch.viewChanged) view = sentinel.view(now);
        List<Action> actions = batch.actions();
        try {
            dispatcher.run(actions, pending);
        } catch (RuntimeException e) {
            // The executor would swallow it silently, and the step's replies would never come.
            log.error("running the actions of {} inputs failed (last: {})", batch.inputs, batch.last, e);
            for (Action a : actions) {
                CompletableFuture<Outcome> f = a instanceof Reply r ? pending.remove(r.requestId()) : null;
                if (f != null) f.completeExceptionally(e);
            }
        }
        lastStepAtMillis = MonotonicClock.millis();
        // A vote answer or a command may have started a failover whose own vote falls due before the next tick.
        // (Not after every input: nextDueAt walks every instance, and INFO and PING answers are most inputs.)
        if (batch.checkDue && nextTick != null) {
            long due = sentinel.nextDueAt(MonotonicClock.millis());
            if (due < nextTickAtMillis) scheduleTick(due);
        }
        if (sentinel.crashed()) {
            log.warn("Sentinel is simulating a failure: exiting");
            onCrash.run();
        }
    }

    /** The inputs of one batch and their actions, the newest PersistState kept apart to run first. */
    private static final class Batch {
        final List<Action> actions = new ArrayList<>();
        PersistState persist;
        int inputs;
        Input last;
        boolean viewChanged;
        boolean checkDue;
        boolean crashed;

        void add(Input input, List<Action> stepActions) {
            inputs++;
            last = input;
            for (Action a : stepActions) {
                if (a instanceof PersistState p) persist = p;
                else actions.add(a);
            }
            if (input instanceof Tick || visible(stepActions)) viewChanged = true;
            if (input instanceof VoteReplied || input instanceof AdminRequest || input instanceof VoteRequested) checkDue = true;
        }

        List<Action> actions() {
            if (persist == null) return actions;
            List<Action> all = new ArrayList<>(actions.size() + 1);
            all.add(persist);
            all.addAll(actions);
            return all;
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
        for (CompletableFuture<Outcome> f : pending.values()) f.cancel(false);
    }
}
