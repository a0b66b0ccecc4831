package io.sentinel.server.runtime;

import io.sentinel.core.action.Action;
import io.sentinel.core.action.Outcome;
import io.sentinel.core.action.PersistState;
import io.sentinel.core.action.Publish;
import io.sentinel.core.action.Reply;
import io.sentinel.core.action.RunScript;
import io.sentinel.core.event.Event;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a batch of core actions in order on the core thread. {@link PersistState} comes first and, when it fails,
 * the rest of the batch is dropped: no vote, reply or event leaves that was not made durable.
 */
public final class ActionDispatcher {
    private static final Logger log = LoggerFactory.getLogger(ActionDispatcher.class);

    /** Writes the state durably; throws when it could not. */
    public interface StateWriter {
        void persist(io.sentinel.core.config.SentinelConfig config) throws Exception;
    }

    private final StateWriter state;
    private final Consumer<Action> links;
    private final Consumer<Event> events;
    private final Consumer<RunScript> scripts;
    private volatile boolean persistFailing;

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
        for (Action a : batch) {
            if (a instanceof PersistState p) {
                if (!persist(p)) {
                    failReplies(batch, pendingReplies);
                    return;
                }
            } else if (a instanceof Publish p) {
                events.accept(p.event());
            } else if (a instanceof RunScript r) {
                scripts.accept(r);
            } else if (a instanceof Reply r) {
                CompletableFuture<Outcome> f = pendingReplies.remove(r.requestId());
                if (f != null) f.complete(r.outcome());
            } else {
                links.accept(a);
            }
        }
    }

    /** A dropped batch still answers its clients, with an error that promises nothing. */
    private static void failReplies(List<Action> batch, Map<Long, CompletableFuture<Outcome>> pendingReplies) {
        for (Action a : batch) {
            if (a instanceof Reply r) {
                CompletableFuture<Outcome> f = pendingReplies.remove(r.requestId());
                if (f != null) f.complete(new Outcome.NotSaved());
            }
        }
    }

    private boolean persist(PersistState p) {
        try {
            state.persist(p.config());
            if (persistFailing) log.warn("state written again");
            persistFailing = false;
            return true;
        } catch (Exception e) {
            if (!persistFailing) log.error("could not persist state; dropping this step's replies and actions", e);
            persistFailing = true;
            return false;
        }
    }
}
