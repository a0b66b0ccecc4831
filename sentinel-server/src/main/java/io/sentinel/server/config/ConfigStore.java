package io.sentinel.server.config;

import io.sentinel.core.config.SentinelConfig;
import io.sentinel.server.runtime.StateFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Where the core's {@code PersistState} snapshots go: back into the user's sentinel.conf, rewritten as redis-sentinel
 * does, or into the state file when the configuration is read-only, YAML or split with {@code include}. Every write is
 * crash-safe ({@link StateFile}). Used from the core loop's thread only.
 */
public final class ConfigStore {
    private final Path location;
    private final boolean rewriteSource;

    private ConfigStore(Path location, boolean rewriteSource) {
        this.location = location;
        this.rewriteSource = rewriteSource;
    }

    public static ConfigStore open(LoadedConfig loaded) {
        return loaded.rewritesSource()
                ? new ConfigStore(loaded.source(), true)
                : new ConfigStore(loaded.stateFile(), false);
    }

    /** Writes {@code config} durably; returns the nanoseconds the write took. */
    public long persist(SentinelConfig config) throws IOException {
        String text = rewriteSource ? ConfRewriter.rewrite(readCurrent(), config) : StateFileFormat.render(config);
        return StateFile.write(location, text.getBytes(StandardCharsets.UTF_8));
    }

    /** The file this store writes. */
    public Path location() {
        return location;
    }

    /** True when it rewrites the user's sentinel.conf, false when it writes the state file. */
    public boolean rewritesSource() {
        return rewriteSource;
    }

    /** The file as it is now: like Redis, we keep whatever the user changed in it since we started. */
    private String readCurrent() throws IOException {
        try {
            return Files.readString(location, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return "";
        }
    }
}
