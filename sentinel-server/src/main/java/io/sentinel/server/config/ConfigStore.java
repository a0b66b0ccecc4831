package io.sentinel.server.config;

import io.sentinel.core.config.SentinelConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the core's {@code PersistState} snapshots go: back into the user's sentinel.conf, rewritten as redis-sentinel
 * does, or into the state file when the configuration is read-only, YAML or split with {@code include}. Every write is
 * crash-safe ({@link AtomicFile}). Used from the core loop's thread only.
 */
public final class ConfigStore {
    private final Path location;
    private final boolean rewriteSource;
    /** The users as loaded; the state file holds users once they differ (or when it held them already). */
    private final List<String> loadedUsers;
    private boolean stateHasUsers;

    private ConfigStore(Path location, boolean rewriteSource, List<String> loadedUsers, boolean stateHasUsers) {
        this.location = location;
        this.rewriteSource = rewriteSource;
        this.loadedUsers = loadedUsers;
        this.stateHasUsers = stateHasUsers;
    }

    public static ConfigStore open(LoadedConfig loaded) {
        List<String> users = loaded.config().users();
        return loaded.rewritesSource()
                ? new ConfigStore(loaded.source(), true, users, false)
                : new ConfigStore(loaded.stateFile(), false, users, hasUserLines(loaded.stateFile()));
    }

    private static boolean hasUserLines(Path stateFile) {
        try {
            return Files.readAllLines(stateFile, StandardCharsets.UTF_8).stream()
                    .anyMatch(l -> "user".equals(ConfRewriter.key(l.strip())));
        } catch (IOException e) {
            return false;
        }
    }

    /** Writes {@code config} durably; returns the nanoseconds the write took. */
    public long persist(SentinelConfig config) throws IOException {
        stateHasUsers |= !config.users().equals(loadedUsers);
        String text = rewriteSource ? ConfRewriter.rewrite(readCurrent(), config)
                : StateFileFormat.render(config, stateHasUsers);
        return AtomicFile.write(location, text.getBytes(StandardCharsets.UTF_8));
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
