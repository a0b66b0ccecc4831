package io.sentinel.server.resp;

import io.sentinel.server.command.Errors;
import io.sentinel.server.reply.Resp;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * CLIENT PAUSE and UNPAUSE as redis-sentinel 7.0 has them (checked against it). While a pause lasts, a request that
 * passed every check (arity, authentication, ACL, subscribed mode) waits before it runs, and everything its client
 * sent after it waits behind it: ALL holds every command, CLIENT UNPAUSE included (an ALL pause only expires), WRITE
 * only PUBLISH (the one sentinel command Redis flags may_replicate, a flag COMMAND does not show). Peers' hellos and
 * votes come in as such requests, so they wait too; our own links to instances and peers do not. While a pause
 * lasts the most restrictive mode and the latest end win. Held clients run again when it ends, each on its own
 * event loop, and are held again if a pause still applies to them.
 */
final class ClientPause {
    enum Mode { OFF, WRITE, ALL }

    /** A client holding a request: asked to run it again, from any thread. */
    interface Waiter {
        void wake();
    }

    private record State(Mode mode, long endMillis) {
    }

    private static final State OFF = new State(Mode.OFF, 0);

    private final LongSupplier clock;
    private final AtomicReference<State> state = new AtomicReference<>(OFF);
    private final Set<Waiter> waiting = ConcurrentHashMap.newKeySet();

    ClientPause(LongSupplier clock) {
        this.clock = clock;
    }

    void register(CommandDispatcher d) {
        d.define("client|pause", this::pauseCommand);
        d.define("client|unpause", (c, a) -> {
            unpause();
            c.reply(Resp.OK);
        });
    }

    /** CLIENT PAUSE timeout [WRITE|ALL]: the mode is checked before the timeout, as clientCommand does. */
    private void pauseCommand(ClientConnection c, List<String> args) {
        if (args.size() > 4) {
            c.reply(Errors.reply(Errors.subcommandSyntax(args.get(1), "client")));
            return;
        }
        Mode mode = Mode.ALL;
        if (args.size() == 4) {
            String m = args.get(3).toLowerCase(Locale.ROOT);
            if (!m.equals("write") && !m.equals("all")) {
                c.reply(Errors.reply(Errors.PAUSE_MODE));
                return;
            }
            mode = m.equals("write") ? Mode.WRITE : Mode.ALL;
        }
        Long timeout = ConnectionCommands.parseLong(args.get(2));
        if (timeout == null) {
            c.reply(Errors.reply(Errors.TIMEOUT_NOT_INTEGER));
            return;
        }
        if (timeout < 0) {
            c.reply(Errors.reply(Errors.TIMEOUT_NEGATIVE));
            return;
        }
        // Redis 7.0 adds the timeout to its wall clock: 0, or a sum that overflows, is a pause already over
        if (timeout > 0 && timeout <= Long.MAX_VALUE - System.currentTimeMillis()) {
            long now = clock.getAsLong();
            long delay = pause(mode, now + timeout, now);
            c.channel().eventLoop().schedule(this::expireIfDue, delay, TimeUnit.MILLISECONDS);
        }
        c.reply(Resp.OK);
    }

    /** Starts or widens the pause; returns the milliseconds until the pause now in force ends, plus one. */
    long pause(Mode mode, long endMillis, long now) {
        while (true) {
            State s = state.get();
            boolean over = s.mode == Mode.OFF || s.endMillis < now;
            State next = over ? new State(mode, endMillis)
                    : new State(mode.compareTo(s.mode) > 0 ? mode : s.mode, Math.max(endMillis, s.endMillis));
            if (state.compareAndSet(s, next)) {
                // a pause that had ended but not yet expired may hold clients the new one lets through
                if (over && s.mode != Mode.OFF) wakeAll();
                return next.endMillis - now + 1;
            }
        }
    }

    /** CLIENT UNPAUSE, and the end of a pause: every held client runs again. */
    void unpause() {
        if (state.getAndSet(OFF).mode != Mode.OFF) wakeAll();
    }

    /** The timer set by CLIENT PAUSE; a pause extended since then has its own timer. */
    void expireIfDue() {
        State s = state.get();
        if (s.mode != Mode.OFF && s.endMillis < clock.getAsLong() && state.compareAndSet(s, OFF)) wakeAll();
    }

    /** True if a pause holds a command now; {@code mayReplicate} is PUBLISH. One volatile read when not paused. */
    boolean holds(boolean mayReplicate) {
        State s = state.get();
        if (s.mode == Mode.OFF) return false;
        if (s.endMillis < clock.getAsLong()) {
            expireIfDue();
            return false;
        }
        return s.mode == Mode.ALL || mayReplicate;
    }

    /** Remembers a held client; wakes it at once if the pause ended meanwhile (so no end is missed). */
    void park(Waiter w, boolean mayReplicate) {
        waiting.add(w);
        if (!holds(mayReplicate) && waiting.remove(w)) w.wake();
    }

    /** A held client went away. */
    void unpark(Waiter w) {
        waiting.remove(w);
    }

    int held() {
        return waiting.size();
    }

    private void wakeAll() {
        for (Waiter w : waiting) {
            if (waiting.remove(w)) w.wake();
        }
    }
}
