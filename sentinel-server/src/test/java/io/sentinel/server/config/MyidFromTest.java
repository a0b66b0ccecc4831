package io.sentinel.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sentinel myid-from}: the run id from a stable string, over any other id, kept across rewrites. */
class MyidFromTest {
    /** {@code printf %s sentinel-0 | sha1sum}. */
    static final String SENTINEL_0 = "9759b5739a26d14f333445176268bfe5496bc289";
    static final String OTHER = "0123456789abcdef0123456789abcdef01234567";
    private static final Predicate<Path> WRITABLE = p -> true;
    @TempDir
    Path dir;

    private LoadedConfig load(String text, Predicate<Path> writable, String... overrides) throws Exception {
        Path f = dir.resolve("sentinel.conf");
        if (text != null) Files.writeString(f, text);
        return ConfigLoader.load(f, List.of(overrides), dir, writable);
    }

    @Test
    void theIdIsTheSha1OfTheStringAndSurvivesTheRewrite() throws Exception {
        LoadedConfig l = load("sentinel myid-from sentinel-0\nsentinel monitor m 127.0.0.1 6379 2\n", WRITABLE);
        assertEquals(SENTINEL_0, l.config().myid());
        assertEquals(List.of(), l.warnings());
        ConfigStore.open(l).persist(l.config());
        String text = Files.readString(l.source());
        assertTrue(text.contains("sentinel myid-from sentinel-0\n") && text.contains("sentinel myid " + SENTINEL_0),
                text);
        assertEquals(SENTINEL_0, load(null, WRITABLE).config().myid());
        assertEquals(List.of(), load(null, WRITABLE).warnings());
    }

    @Test
    void itWinsOverAnotherIdWithAWarning() throws Exception {
        LoadedConfig l = load("sentinel myid " + OTHER + "\nsentinel myid-from sentinel-0\n", WRITABLE);
        assertEquals(SENTINEL_0, l.config().myid());
        assertEquals(List.of("sentinel myid " + OTHER + " replaced by " + SENTINEL_0
                + ", from sentinel myid-from sentinel-0"), l.warnings());
    }

    @Test
    void itWinsOverAStateFilesIdAndComesFromTheCommandLineToo() throws Exception {
        Files.writeString(dir.resolve(LoadedConfig.STATE_FILE_NAME), "sentinel myid " + OTHER + "\n");
        LoadedConfig l = load("sentinel monitor m 127.0.0.1 6379 2\n", p -> false, "--sentinel", "myid-from",
                "sentinel-0");
        assertEquals(SENTINEL_0, l.config().myid());
    }
}
