package io.sentinel.server.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentinel.core.action.Action;
import io.sentinel.core.action.AskPeer;
import io.sentinel.core.action.CloseLink;
import io.sentinel.core.action.OpenLink;
import io.sentinel.core.action.Outcome;
import io.sentinel.core.action.PersistState;
import io.sentinel.core.action.PromoteReplica;
import io.sentinel.core.action.Publish;
import io.sentinel.core.action.PublishHello;
import io.sentinel.core.action.Reply;
import io.sentinel.core.action.RepointReplica;
import io.sentinel.core.action.RequestInfo;
import io.sentinel.core.action.RunScript;
import io.sentinel.core.action.SendPing;
import io.sentinel.core.config.SentinelConfig;
import io.sentinel.core.event.Event;
import io.sentinel.core.event.EventType;
import io.sentinel.core.model.Address;
import io.sentinel.core.model.Target;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The durability rule at the dispatcher, with a state writer that fails on demand (StateDiskFaultIT: for real). */
class ActionDispatcherTest {
    static final Address M = new Address("127.0.0.1", 6379);
    static final Target REDIS = Target.redis(M);
    static final Target PEER = Target.sentinel(new Address("127.0.0.1", 26380));
    static final SentinelConfig STATE_1 = SentinelConfig.defaults("/tmp").withRuntime("a".repeat(40), 1, List.of());
    static final SentinelConfig STATE_2 = STATE_1.withRuntime("a".repeat(40), 2, List.of());

    final List<SentinelConfig> written = new ArrayList<>();
    final List<Object> out = new ArrayList<>();
    final Map<Long, CompletableFuture<Outcome>> pending = new HashMap<>();
    boolean diskFails;

    final ActionDispatcher dispatcher = new ActionDispatcher(c -> {
        if (diskFails) throw new IOException("No space left on device");
        written.add(c);
    }, out::add, out::add, out::add);

    static final Action PING = new SendPing(REDIS);
    static final Action INFO = new RequestInfo(REDIS);
    static final Action CLOSE = new CloseLink(REDIS);
    static final Action OPEN = new OpenLink(REDIS, null);
    static final Action ASK = new AskPeer(PEER, "m", M, 2, "a".repeat(40));
    static final Action HELLO = new PublishHello(REDIS, "hello");
    static final Action PROMOTE = new PromoteReplica(REDIS);
    static final Action REPOINT = new RepointReplica(REDIS, M);
    static final Event SDOWN = new Event(EventType.SDOWN, "m", Event.Instance.master("m", M), null);
    static final RunScript SCRIPT = new RunScript("/bin/true", List.of());

    CompletableFuture<Outcome> request(long id) {
        CompletableFuture<Outcome> f = new CompletableFuture<>();
        pending.put(id, f);
        return f;
    }

    @Test
    void aWrittenBatchRunsInOrder() {
        CompletableFuture<Outcome> reply = request(1);
        dispatcher.run(List.of(new PersistState(STATE_1), PING, ASK, new Publish(SDOWN), new Reply(1, Outcome.OK)),
                pending);
        assertEquals(List.of(STATE_1), written);
        assertEquals(List.of(PING, ASK, SDOWN), out);
        assertEquals(Outcome.OK, reply.getNow(null));
    }

    @Test
    void aFailedWriteDropsWhatRevealsTheStateButMonitoringGoesOn() {
        diskFails = true;
        CompletableFuture<Outcome> reply = request(1);
        dispatcher.run(List.of(new PersistState(STATE_1), PING, INFO, CLOSE, OPEN, ASK, HELLO, PROMOTE, REPOINT,
                new Publish(SDOWN), SCRIPT, new Reply(1, new Outcome.VoteAnswer(true, "x", 1))), pending);
        assertEquals(List.of(PING, INFO, CLOSE, OPEN), out, "PING, INFO and links only");
        assertEquals(new Outcome.NotSaved(), reply.getNow(null), "no vote leaves unpersisted");
    }

    @Test
    void untilTheStateIsWrittenNoLaterBatchSendsEpochsOrVotes() {
        diskFails = true;
        dispatcher.run(List.of(new PersistState(STATE_1), ASK), pending);
        CompletableFuture<Outcome> query = request(2);
        dispatcher.run(List.of(PING, ASK, HELLO, PROMOTE, new Publish(SDOWN), SCRIPT,
                new Reply(2, new Outcome.VoteAnswer(true, null, 0))), pending);
        assertEquals(List.of(PING, SDOWN, SCRIPT), out, "monitoring and its events go on; no vote request or hello");
        assertEquals(new Outcome.VoteAnswer(true, null, 0), query.getNow(null), "a reply that changed nothing");
        assertTrue(written.isEmpty());
    }

    @Test
    void theUnwrittenStateIsWrittenAsSoonAsTheDiskWorks() {
        diskFails = true;
        dispatcher.run(List.of(new PersistState(STATE_1)), pending);
        dispatcher.run(List.of(new PersistState(STATE_2)), pending);
        diskFails = false;
        dispatcher.run(List.of(PING, HELLO), pending);
        assertEquals(List.of(STATE_2), written, "the newest snapshot, before a batch with no change of its own");
        assertEquals(List.of(PING, HELLO), out);
        dispatcher.run(List.of(PING), pending);
        assertEquals(List.of(STATE_2), written, "and only once");
    }
}
