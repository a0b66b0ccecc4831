package io.sentinel.server.config;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.sentinel.server.fuzz.FuzzRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;

/**
 * Fuzzes the YAML loader (SnakeYAML's composer with our limits, then our schema). Properties: only
 * {@link ConfigException} comes out; aliases and nesting allocate in proportion to the bytes, not to what they
 * expand to; a YAML that loads has its runtime state in the state file, which must read back. Seeds:
 * {@code YamlConfigLoaderFuzzTestInputs/}.
 */
class YamlConfigLoaderFuzzTest {
    private static final FuzzRun RUN = new FuzzRun("sentinel.yaml", 8 << 20, 4096);
    private static final Path DIR = ConfFileParserFuzzTest.tempDir("yaml-fuzz");

    @FuzzTest(maxDuration = "5s")
    @DictionaryEntries({"masters:", "mymaster:", "address:", "host:", "port:", "quorum:", "down-after-milliseconds:",
            "failover-timeout:", "parallel-syncs:", "auth-pass:", "known-replicas:", "known-sentinels:", "users:",
            "bind:", "dir:", "announce-ip:", "resolve-hostnames:", "&a ", "*a", "- ", "{", "}", "[", "]", "!!",
            "'", "yes", "no", "~", "127.0.0.1", "6379"})
    void load(byte[] input) throws Exception {
        RUN.run(input.length, () -> check(input));
    }

    private static void check(byte[] input) throws IOException {
        Path file = DIR.resolve("sentinel.yaml");
        Files.write(file, input);
        LoadedConfig loaded;
        try {
            loaded = new YamlConfigLoader(DIR).load(file, List.of());
        } catch (ConfigException expected) {
            return;
        }
        ConfFileParserFuzzTest.statesReadBack(DIR.resolve(LoadedConfig.STATE_FILE_NAME), loaded.config());
    }

    @AfterAll
    static void report() {
        RUN.report();
    }
}
