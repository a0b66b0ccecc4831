package io.sentinel.server.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentinel.core.Sentinel;
import io.sentinel.core.action.Action;
import io.sentinel.core.action.AskPeer;
import io.sentinel.core.action.PersistState;
import io.sentinel.core.action.Publish;
import io.sentinel.core.action.PublishHello;
import io.sentinel.core.action.Reply;
import io.sentinel.core.action.RunScript;
import io.sentinel.core.action.SendPing;
import io.sentinel.core.config.SentinelConfig;
import io.sentinel.core.config.Timing;
import io.sentinel.core.event.Event;
import io.sentinel.core.event.EventType;
import io.sentinel.core.input.SentinelCommand;
import io.sentinel.core.model.Address;
import io.sentinel.core.model.Target;
import io.sentinel.core.reply.Resp;
import io.sentinel.server.config.ConfigLoader;
import io.sentinel.server.config.ConfigStore;
import io.sentinel.server.config.LoadedConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durable before visible, on the real dispatcher: the state is written before anything of its batch leaves, and a
 * batch whose state write failed sends nothing (no vote, no hello, no event, no script) and answers its waiting
 * client with an error. What leaves is recorded: link actions, and events through the real {@link EventLog} into a
 * recording pub/sub.
 */
class ActionDispatcherTest {
    static final String PEER = "0123456789abcdef0123456789abcdef01234567";
    static final String FAILED = "ERR Failed to save config, command not applied";
    /** What left, in order: "persist", link actions, "publish <channel> <message>", "script <path>". */
    final List<String> out = new ArrayList<>();
    final Map<Long, CompletableFuture<Resp>> pending = new HashMap<>();
    @TempDir
    Path tmp;

    ActionDispatcher dispatcher(ActionDispatcher.StateWriter state) {
        EventLog events = new EventLog((channel, message) -> out.add("publish " + channel + " " + message));
        return new ActionDispatcher(state, a -> out.add(a.toString()), events::emit, r -> out.add("script " + r.path()));
    }

    /** A batch as the core loop runs it: PersistState first, then what the step decided. */
    static List<Action> batch(long requestId) {
        Address master = new Address("127.0.0.1", 6379);
        Target peer = Target.sentinel(new Address("127.0.0.1", 26380));
        return List.of(new PersistState(SentinelConfig.defaults("/tmp")),
                new AskPeer(peer, "m", master, 7, PEER),
                new PublishHello(Target.redis(master), "hello"),
                new SendPing(peer),
                new Publish(new Event(EventType.NEW_EPOCH, "7")),
                new RunScript("/bin/true", List.of()),
                new Reply(requestId, Resp.OK));
    }

    CompletableFuture<Resp> waiting(long requestId) {
        CompletableFuture<Resp> f = new CompletableFuture<>();
        pending.put(requestId, f);
        return f;
    }

    @Test
    void aFailedStateWriteDropsTheRestOfTheBatchAndAnswersWithAnError() {
        CompletableFuture<Resp> reply = waiting(1);
        dispatcher(c -> {
            throw new IOException("No space left on device");
        }).run(batch(1), pending);
        assertEquals(List.of(), out, "nothing leaves");
        assertEquals(Resp.error(FAILED), reply.getNow(null));
        assertTrue(pending.isEmpty(), "the waiting client is answered");
    }

    @Test
    void theStateIsWrittenBeforeAnythingLeaves() {
        CompletableFuture<Resp> reply = waiting(1);
        dispatcher(c -> out.add("persist")).run(batch(1), pending);
        assertEquals("persist", out.get(0));
        assertEquals(List.of("persist", "AskPeer", "PublishHello", "SendPing", "publish +new-epoch 7",
                "script /bin/true"), out.stream().map(s -> s.replaceAll("\\[.*", "")).toList());
        assertEquals(Resp.OK, reply.getNow(null));
    }

    @Test
    void theNextBatchGoesOutOnceTheStateIsWrittenAgain() {
        boolean[] failing = {true};
        ActionDispatcher d = dispatcher(c -> {
            if (failing[0]) throw new IOException("Input/output error");
            out.add("persist");
        });
        CompletableFuture<Resp> first = waiting(1);
        d.run(batch(1), pending);
        failing[0] = false;
        CompletableFuture<Resp> second = waiting(2);
        d.run(batch(2), pending);
        assertEquals(Resp.error(FAILED), first.getNow(null));
        assertEquals(Resp.OK, second.getNow(null));
        assertEquals(6, out.size(), out.toString());
    }

    /**
     * The real core, store and dispatcher: a peer asks for our vote while the state cannot be written (its directory
     * is gone). No vote and no event leaves, and the peer gets an error; once the directory is back, the same
     * request gets the vote, and the vote is on disk when the answer leaves. (The core does not announce
     * +vote-for-leader again for the repeated request: the events of a dropped batch are lost.)
     */
    @Test
    void aVoteLeavesOnlyOnceItIsOnDisk() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("state"));
        Path conf = dir.resolve("sentinel.conf");
        String text = "sentinel monitor mymaster 127.0.0.1 6379 2\nsentinel myid " + "a".repeat(40) + "\n";
        Files.writeString(conf, text);
        LoadedConfig loaded = ConfigLoader.load(conf, List.of(), tmp);
        ConfigStore store = ConfigStore.open(loaded);
        ActionDispatcher d = dispatcher(store::persist);
        Sentinel sentinel = new Sentinel(loaded.config(), Timing.DEFAULTS, new SplittableRandom(1), 1);
        List<String> ask = List.of("is-master-down-by-addr", "127.0.0.1", "6379", "3", PEER);

        deleteTree(dir);
        CompletableFuture<Resp> refused = waiting(1);
        d.run(sentinel.handle(new SentinelCommand(1, ask), 10), pending);
        assertEquals(Resp.error(FAILED), refused.getNow(null));
        assertEquals(List.of(), out, "no vote, no +new-epoch, no +vote-for-leader");

        Files.createDirectory(dir);
        Files.writeString(conf, text);
        CompletableFuture<Resp> voted = waiting(2);
        String[] onDiskWhenAnswered = {null};
        voted.thenRun(() -> onDiskWhenAnswered[0] = read(conf));
        d.run(sentinel.handle(new SentinelCommand(2, ask), 20), pending);
        assertEquals(Resp.array(List.of(Resp.integer(0), Resp.bulk(PEER), Resp.integer(3))), voted.getNow(null));
        assertTrue(onDiskWhenAnswered[0].contains("\nsentinel leader-epoch mymaster 3\n"), onDiskWhenAnswered[0]);
        assertTrue(onDiskWhenAnswered[0].contains("\nsentinel current-epoch 3\n"), onDiskWhenAnswered[0]);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) Files.delete(f);
        }
        Files.delete(dir);
    }
}
