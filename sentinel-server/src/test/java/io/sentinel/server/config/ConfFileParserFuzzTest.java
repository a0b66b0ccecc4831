package io.sentinel.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.sentinel.core.config.SentinelConfig;
import io.sentinel.server.fuzz.FuzzRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;

/**
 * Fuzzes the sentinel.conf parser, and the state file reader on the same bytes. Properties: only
 * {@link ConfigException} comes out (a startup error naming file and line); a file that loads is rewritten as the
 * daemon would persist it, and that rewrite loads again and rewrites to itself; its state file reads back. Seeds:
 * {@code ConfFileParserFuzzTestInputs/} (the examples of conf/ and redis-sentinel's own lines).
 */
class ConfFileParserFuzzTest {
    private static final FuzzRun RUN = new FuzzRun("sentinel.conf", 8 << 20, 4096);
    private static final Path DIR = tempDir("conf-fuzz");

    static Path tempDir(String prefix) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "5s")
    @DictionaryEntries({"sentinel ", "monitor ", "mymaster ", "127.0.0.1 ", "6379 ", "down-after-milliseconds ",
            "failover-timeout ", "parallel-syncs ", "auth-pass ", "auth-user ", "known-replica ", "known-slave ",
            "known-sentinel ", "config-epoch ", "leader-epoch ", "current-epoch ", "myid ", "announce-ip ",
            "announce-port ", "resolve-hostnames ", "announce-hostnames ", "rename-command ", "deny-scripts-reconfig ",
            "user ", "requirepass ", "port ", "bind ", "dir ", "logfile ", "include ", "tls-port ", "'", "yes", "no", "-1", "0", "9223372036854775807", "f62a780e27f77d44f033eba70d09c1633a3c42f9"})
    void parse(byte[] input) throws Exception {
        RUN.run(input.length, () -> check(input));
    }

    private static void check(byte[] input) throws IOException {
        Path file = DIR.resolve("sentinel.conf");
        Files.write(file, input);
        try {
            ConfFileParser.readState(file, DIR, false);
        } catch (ConfigException expected) {
            // a startup error with file and line
        }
        LoadedConfig loaded;
        try {
            loaded = new ConfFileParser(DIR).parse(file, List.of());
        } catch (ConfigException expected) {
            return;
        }
        if (!loaded.includes().isEmpty()) return; // the daemon keeps such a config's state in the state file
        String text = new String(input, StandardCharsets.UTF_8);
        String rewritten = ConfRewriter.rewrite(text, loaded.config());
        SentinelConfig again = loads(file, rewritten);
        assertEquals(rewritten, ConfRewriter.rewrite(rewritten, again), "a rewrite of the rewrite");
        statesReadBack(file, loaded.config());
    }

    /** What {@link ConfigStore} would write for {@code config} loads, or the sentinel could not start again. */
    static SentinelConfig loads(Path file, String text) throws IOException {
        Files.writeString(file, text);
        try {
            return new ConfFileParser(DIR).parse(file, List.of()).config();
        } catch (ConfigException e) {
            throw new AssertionError("what the daemon writes does not load:\n" + text, e);
        }
    }

    /** The state file of {@code config} reads back. */
    static void statesReadBack(Path file, SentinelConfig config) throws IOException {
        String state = StateFileFormat.render(config, true);
        Files.writeString(file, state);
        try {
            ConfFileParser.readState(file, file.getParent(), config.resolveHostnames());
        } catch (ConfigException e) {
            throw new AssertionError("the state file written does not read back:\n" + state, e);
        }
    }

    @AfterAll
    static void report() {
        RUN.report();
    }
}
