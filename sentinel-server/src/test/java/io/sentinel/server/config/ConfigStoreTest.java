package io.sentinel.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentinel.core.config.KnownSentinel;
import io.sentinel.core.config.MasterConfig;
import io.sentinel.core.config.SentinelConfig;
import io.sentinel.core.model.Address;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where state goes (sentinel.conf or state file) and that it comes back on the next load. */
class ConfigStoreTest {
    private static final String PEER = "0123456789abcdef0123456789abcdef01234567";
    private static final Predicate<Path> READ_ONLY = p -> false;
    private static final Predicate<Path> WRITABLE = p -> true;
    @TempDir
    Path dir;

    private Path conf(String text) throws Exception {
        Path f = dir.resolve("sentinel.conf");
        Files.writeString(f, text);
        return f;
    }

    /** What the core would emit after a failover: new address, epochs, a vote, known instances. */
    private static SentinelConfig afterFailover(SentinelConfig c, String myid) {
        MasterConfig m = c.master("m");
        MasterConfig moved = new MasterConfig("m", new Address("127.0.0.1", 6380), m.quorum(), m.downAfterMillis(),
                m.failoverTimeoutMillis(), m.parallelSyncs(), m.authUser(), m.authPass(), null, null, 0,
                m.renamedCommands(), List.of(new Address("127.0.0.1", 6379)),
                List.of(new KnownSentinel(new Address("127.0.0.1", 26380), PEER)), 4, 4, PEER);
        return c.withRuntime(myid, 4, List.of(moved));
    }

    @Test
    void writableConfigIsRewrittenInPlace() throws Exception {
        Path f = conf("# keep me\nsentinel monitor m 127.0.0.1 6379 2\nmaxmemory 1mb\n");
        LoadedConfig l = ConfigLoader.load(f, List.of(), dir, WRITABLE);
        assertTrue(l.rewritesSource());
        ConfigStore store = ConfigStore.open(l);
        assertEquals(f, store.location());
        String id = ConfigLoader.generateMyid();
        SentinelConfig next = afterFailover(l.config(), id);
        assertTrue(store.persist(next) > 0);
        String text = Files.readString(f);
        assertTrue(text.startsWith("# keep me\nsentinel monitor m 127.0.0.1 6380 2\nmaxmemory 1mb\n"), text);
        LoadedConfig again = ConfigLoader.load(f, List.of(), dir, WRITABLE);
        // Redis's file does not carry the vote; leader-epoch alone stops a second vote in that epoch
        assertEquals(next.withRuntime(id, 4, List.of(withoutVote(next.master("m")))), again.config());
        assertFalse(Files.exists(dir.resolve(LoadedConfig.STATE_FILE_NAME)));
    }

    private static MasterConfig withoutVote(MasterConfig m) {
        return new MasterConfig(m.name(), m.address(), m.quorum(), m.downAfterMillis(), m.failoverTimeoutMillis(),
                m.parallelSyncs(), m.authUser(), m.authPass(), m.notificationScript(), m.clientReconfigScript(),
                m.masterRebootDownAfterPeriodMillis(), m.renamedCommands(), m.knownReplicas(), m.knownSentinels(),
                m.configEpoch(), m.leaderEpoch(), null);
    }

    @Test
    void readOnlyConfigKeepsStateInTheStateFile() throws Exception {
        String original = "sentinel monitor m 127.0.0.1 6379 2\nsentinel monitor gone 127.0.0.1 7000 1\n";
        Path f = conf(original);
        LoadedConfig l = ConfigLoader.load(f, List.of(), dir, READ_ONLY);
        assertFalse(l.rewritesSource());
        ConfigStore store = ConfigStore.open(l);
        assertEquals(dir.resolve(LoadedConfig.STATE_FILE_NAME), store.location());
        String id = ConfigLoader.generateMyid();
        SentinelConfig next = afterFailover(l.config(), id).withMasters(List.of(
                afterFailover(l.config(), id).master("m"), l.config().master("gone")));
        store.persist(next);
        assertEquals(original, Files.readString(f));
        String state = Files.readString(store.location());
        assertTrue(state.contains("sentinel leader-vote m 4 " + PEER + "\n"), state);

        // the user edits the config: quorum changes, "gone" is removed; runtime values come from the state file
        Files.writeString(f, "sentinel monitor m 127.0.0.1 6379 3\nsentinel down-after-milliseconds m 500\n");
        SentinelConfig reloaded = ConfigLoader.load(f, List.of(), dir, READ_ONLY).config();
        MasterConfig m = reloaded.master("m");
        assertEquals(new Address("127.0.0.1", 6380), m.address());
        assertEquals(3, m.quorum());
        assertEquals(500, m.downAfterMillis());
        assertEquals(PEER, m.leaderRunId());
        assertEquals(4, m.leaderEpoch());
        assertEquals(List.of(new Address("127.0.0.1", 6379)), m.knownReplicas());
        assertEquals(id, reloaded.myid());
        assertEquals(4, reloaded.currentEpoch());
        assertNull(reloaded.master("gone"));
    }

    @Test
    void yamlAndIncludeUseTheStateFile() throws Exception {
        Path y = dir.resolve("s.yaml");
        Files.writeString(y, "masters:\n  m: {address: 127.0.0.1:6379, quorum: 1}\n");
        assertFalse(ConfigLoader.load(y, List.of(), dir, WRITABLE).rewritesSource());
        Files.writeString(dir.resolve("part.conf"), "sentinel monitor m 127.0.0.1 6379 2\n");
        Path f = conf("include part.conf\n");
        assertFalse(ConfigLoader.load(f, List.of(), dir, WRITABLE).rewritesSource());
    }

    @Test
    void defaultWritabilityCheckSeesAWritableFile() throws Exception {
        Path f = conf("sentinel monitor m 127.0.0.1 6379 2\n");
        assertTrue(ConfigLoader.load(f, List.of("--port", "26390"), dir).rewritesSource());
    }

    @Test
    void stateFileRoundTrips() throws Exception {
        Path f = conf("sentinel monitor m 127.0.0.1 6379 2\nsentinel rename-command m CONFIG c\n");
        LoadedConfig l = ConfigLoader.load(f, List.of(), dir, READ_ONLY);
        SentinelConfig next = afterFailover(l.config(), ConfigLoader.generateMyid());
        ConfigStore.open(l).persist(next);
        assertEquals(next, ConfigLoader.load(f, List.of(), dir, READ_ONLY).config());
        assertEquals(Map.of("CONFIG", "c"), next.master("m").renamedCommands());
    }

    /**
     * Found by fuzzing: with resolve-hostnames a read-only config monitors a master by name, and the state file
     * written for it must load again at the next start (it was read without the configuration's resolve-hostnames).
     */
    @Test
    void aStateFileWithAMasterKnownByNameLoadsWithResolveHostnames() throws Exception {
        Path f = conf("sentinel resolve-hostnames yes\nsentinel monitor m redis-0.test 6379 2\n");
        LoadedConfig l = ConfigLoader.load(f, List.of(), dir, READ_ONLY);
        SentinelConfig next = l.config().withRuntime(ConfigLoader.generateMyid(), 4, l.config().masters());
        ConfigStore.open(l).persist(next);
        assertEquals(next, ConfigLoader.load(f, List.of(), dir, READ_ONLY).config());
    }

    @Test
    void usersChangedAtRunTimeAreRewrittenInPlace() throws Exception {
        Path f = conf("user app on >a\n# note\nsentinel monitor m 127.0.0.1 6379 2\n");
        LoadedConfig l = ConfigLoader.load(f, List.of(), dir, WRITABLE);
        ConfigStore.open(l).persist(l.config().withUsers(List.of("app on nopass -@all +ping",
                "default on nopass ~* &* +@all")));
        String text = Files.readString(f);
        assertTrue(text.startsWith("user app on nopass -@all +ping\n# note\n"), text);
        assertTrue(text.contains("\nuser default on nopass ~* &* +@all\n"), text);
        assertEquals(List.of("app on nopass -@all +ping", "default on nopass ~* &* +@all"),
                ConfigLoader.load(f, List.of(), dir, WRITABLE).config().users());
    }

    @Test
    void theStateFileHoldsUsersOnlyOnceTheyChanged() throws Exception {
        Path f = conf("user app on >a\nsentinel monitor m 127.0.0.1 6379 2\n");
        LoadedConfig l = ConfigLoader.load(f, List.of(), dir, READ_ONLY);
        Path state = dir.resolve(LoadedConfig.STATE_FILE_NAME);
        ConfigStore store = ConfigStore.open(l);
        store.persist(afterFailover(l.config(), ConfigLoader.generateMyid()));
        assertFalse(Files.readString(state).contains("user "), "configured users stay the configuration's");
        store.persist(l.config().withUsers(List.of("app on nopass", "tmp off")));
        assertTrue(Files.readString(state).contains("\nuser app on nopass\nuser tmp off\n"), Files.readString(state));
        LoadedConfig again = ConfigLoader.load(f, List.of(), dir, READ_ONLY);
        assertEquals(List.of("app on nopass", "tmp off"), again.config().users());
        ConfigStore.open(again).persist(again.config());
        assertTrue(Files.readString(state).contains("\nuser tmp off\n"), "still held after a restart");
    }

    @Test
    void leftoverStateFileIsIgnoredWithAWarning() throws Exception {
        Path f = conf("sentinel monitor m 127.0.0.1 6379 2\n");
        Files.writeString(dir.resolve(LoadedConfig.STATE_FILE_NAME), "sentinel current-epoch 9\n");
        LoadedConfig l = ConfigLoader.load(f, List.of(), dir, WRITABLE);
        assertEquals(0, l.config().currentEpoch());
        assertEquals(1, l.warnings().size());
        assertTrue(l.warnings().get(0).contains("is ignored"), l.warnings().get(0));
    }

    @Test
    void generatedIdsAreFortyLowercaseHex() {
        String a = ConfigLoader.generateMyid();
        assertTrue(a.matches("[0-9a-f]{40}"), a);
        assertNotEquals(a, ConfigLoader.generateMyid());
    }
}
