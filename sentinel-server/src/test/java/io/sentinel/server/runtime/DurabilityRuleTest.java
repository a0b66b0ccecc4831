package io.sentinel.server.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentinel.core.Sentinel;
import io.sentinel.core.action.AskPeer;
import io.sentinel.core.action.Outcome;
import io.sentinel.core.config.Timing;
import io.sentinel.core.input.VoteRequested;
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
 * Durable before visible, end to end in the shell: the real core, the real dispatcher and the real ConfigStore. A
 * peer's vote request while the state directory is gone gets an error and nothing of the vote leaves; once the
 * directory is back, the vote is on disk when the answer leaves.
 */
class DurabilityRuleTest {
    static final String PEER = "0123456789abcdef0123456789abcdef01234567";
    /** What left, in order: link actions and "publish <channel> <message>". */
    final List<String> out = new ArrayList<>();
    final Map<Long, CompletableFuture<Outcome>> pending = new HashMap<>();
    @TempDir
    Path tmp;

    CompletableFuture<Outcome> waiting(long requestId) {
        CompletableFuture<Outcome> f = new CompletableFuture<>();
        pending.put(requestId, f);
        return f;
    }

    @Test
    void aVoteLeavesOnlyOnceItIsOnDisk() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("state"));
        Path conf = dir.resolve("sentinel.conf");
        String text = "sentinel monitor mymaster 127.0.0.1 6379 2\nsentinel myid " + "a".repeat(40) + "\n";
        Files.writeString(conf, text);
        LoadedConfig loaded = ConfigLoader.load(conf, List.of(), tmp);
        ConfigStore store = ConfigStore.open(loaded);
        EventLog events = new EventLog((channel, message) -> out.add("publish " + channel + " " + message));
        ActionDispatcher d = new ActionDispatcher(store::persist, a -> out.add(a.toString()), events::emit,
                r -> out.add("script " + r.path()));
        Sentinel sentinel = new Sentinel(loaded.config(), Timing.DEFAULTS, new SplittableRandom(1), 1);

        deleteTree(dir);
        CompletableFuture<Outcome> refused = waiting(1);
        d.run(sentinel.handle(new VoteRequested(1, "127.0.0.1", 6379, 3, PEER), 10), pending);
        assertInstanceOf(Outcome.NotSaved.class, refused.getNow(null));
        assertTrue(out.stream().noneMatch(o -> o.contains("vote-for-leader") || o.contains("new-epoch")
                || o.startsWith(AskPeer.class.getSimpleName())), out.toString());

        Files.createDirectory(dir);
        Files.writeString(conf, text);
        CompletableFuture<Outcome> voted = waiting(2);
        String[] onDiskWhenAnswered = {null};
        voted.thenRun(() -> onDiskWhenAnswered[0] = read(conf));
        d.run(sentinel.handle(new VoteRequested(2, "127.0.0.1", 6379, 3, PEER), 20), pending);
        assertEquals(new Outcome.VoteAnswer(false, PEER, 3), voted.getNow(null));
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
