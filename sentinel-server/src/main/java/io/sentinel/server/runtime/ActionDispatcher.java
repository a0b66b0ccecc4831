package io.sentinel.server.runtime;

import io.sentinel.core.action.Action;
import io.sentinel.core.action.CloseLink;
import io.sentinel.core.action.OpenLink;
import io.sentinel.core.action.Outcome;
import io.sentinel.core.action.PersistState;
import io.sentinel.core.action.Publish;
import io.sentinel.core.action.Reply;
import io.sentinel.core.action.RequestInfo;
import io.sentinel.core.action.RunScript;
import io.sentinel.core.action.SendPing;
import io.sentinel.core.config.SentinelConfig;
import io.sentinel.core.event.Event;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a batch of core actions in order on the core thread, {@link PersistState} first. Rule (durable before
 * visible): while the newest state the core asked to persist is not on disk, nothing leaves that a peer or client
 * could take for it. The replies of a batch that changed it answer {@code NotSaved}, its events and scripts are
 * dropped, and no vote request, hello (it carries the epochs), promotion or repointing goes out at all; but
 * monitoring goes on (PING, INFO, links), or a full disk would blind the sentinel: the core counts each PING as
 * sent, and dropped ones left its instances unpinged. The unwritten state is written again before each later
 * batch, so the sentinel recovers as soon as the disk does, without waiting for another change.
 */
public final class ActionDispatcher {
    private static final Logger log = LoggerFactory.getLogger(ActionDispatcher.class);

    /** Writes the state durably; throws when it could not. */
    public interface StateWriter {
        void persist(SentinelConfig config) throws Exception;
    }

    private final StateWriter state;
    private final Consumer<Action> links;
    private final Consumer<Event> events;
    private final Consumer<RunScript> scripts;
    /** The newest state the core asked to persist that is not on disk yet (core thread only); null: none. */
    private SentinelConfig unwritten;
    /** The last write failed (core thread only): the first failure and the recovery are logged, not each retry. */
    private boolean failing;

    /**
     * @param links runs OpenLink, CloseLink, SendPing, RequestInfo, PublishHello, AskPeer, PromoteReplica,
     *     RepointReplica, HandOver, CancelHandOver, ReleaseClients, SaveConfig
     * @param events  logs, publishes and counts an event ({@link EventLog})
     * @param scripts queues a script ({@code ScriptRunner}); it must not block
     */
    public ActionDispatcher(StateWriter state, Consumer<Action> links, Consumer<Event> events,
            Consumer<RunScript> scripts) {
        this.state = state;
        this.links = links;
        this.events = events;
        this.scripts = scripts;
    }

    public void run(List<Action> batch, Map<Long, CompletableFuture<Outcome>> pendingReplies) {
        boolean changed = false;
        for (Action a : batch) {
            if (a instanceof PersistState p) {
                unwritten = p.config();
                changed = true;
            }
        }
        boolean durable = unwritten == null || persist(unwritten);
        for (Action a : batch) {
            if (a instanceof PersistState) continue;
            if (durable) {
                runOne(a, pendingReplies);
            } else if (a instanceof Reply r) {
                complete(pendingReplies, r, changed ? new Outcome.NotSaved() : r.outcome());
            } else if (a instanceof Publish || a instanceof RunScript) {
                if (!changed) runOne(a, pendingReplies);
            } else if (monitoring(a)) {
                links.accept(a);
            }
        }
    }

    private void runOne(Action a, Map<Long, CompletableFuture<Outcome>> pendingReplies) {
        if (a instanceof Publish p) {
            events.accept(p.event());
        } else if (a instanceof RunScript r) {
            scripts.accept(r);
        } else if (a instanceof Reply r) {
            complete(pendingReplies, r, r.outcome());
        } else {
            links.accept(a);
        }
    }

    /** What keeps the sentinel seeing its instances, and carries no epoch or vote. */
    private static boolean monitoring(Action a) {
        return a instanceof SendPing || a instanceof RequestInfo || a instanceof OpenLink || a instanceof CloseLink;
    }

    private static void complete(Map<Long, CompletableFuture<Outcome>> pendingReplies, Reply r, Outcome outcome) {
        CompletableFuture<Outcome> f = pendingReplies.remove(r.requestId());
        if (f != null) f.complete(outcome);
    }

    private boolean persist(SentinelConfig config) {
        try {
            state.persist(config);
        } catch (Exception e) {
            if (!failing) {
                log.error("could not persist state: answering changes with an error, giving no vote and sending no"
                        + " hello until it can (monitoring goes on); retrying before each step", e);
            }
            failing = true;
            return false;
        }
        if (failing) log.warn("state written again");
        failing = false;
        unwritten = null;
        return true;
    }
}
