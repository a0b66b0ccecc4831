package io.sentinel.server.config;

import io.sentinel.core.config.SentinelConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Loads the configuration the way the daemon starts: sentinel.conf or YAML (by extension), command line overrides,
 * then, when runtime state cannot go back into the file, the state file under {@code dir}.
 */
public final class ConfigLoader {
    private static final SecureRandom RANDOM = new SecureRandom();

    private ConfigLoader() {
    }

    /** Loads {@code file}; relative paths resolve against {@code startDir}, the process's start directory. */
    public static LoadedConfig load(Path file, List<String> overrides, Path startDir) throws ConfigException {
        return load(file, overrides, startDir, Files::isWritable);
    }

    /** As {@link #load(Path, List, Path)}, with the writability test replaceable (tests run as root). */
    static LoadedConfig load(Path file, List<String> overrides, Path startDir, Predicate<Path> writable)
            throws ConfigException {
        Path source = startDir.resolve(file);
        return MyidFrom.apply(loadWithState(source, overrides, startDir, writable));
    }

    private static LoadedConfig loadWithState(Path source, List<String> overrides, Path startDir,
                                              Predicate<Path> writable) throws ConfigException {
        LoadedConfig loaded = isYaml(source)
                ? new YamlConfigLoader(startDir).load(source, overrides)
                : new ConfFileParser(startDir).parse(source, overrides);
        Path dir = Path.of(loaded.config().dir());
        Path stateFile = dir.resolve(LoadedConfig.STATE_FILE_NAME);
        if (!needsStateFile(loaded, writable)) {
            // a leftover from a read-only period: its state may be older than the file's, so it is not merged
            if (!Files.exists(stateFile)) return loaded;
            return loaded.withWarning(stateFile + " is ignored: " + loaded.source()
                    + " is writable and holds the state now; delete the state file");
        }
        loaded = loaded.withStateFile(stateFile);
        if (!Files.exists(stateFile)) return loaded;
        SentinelConfig state = ConfFileParser.readState(stateFile, dir, loaded.config().resolveHostnames());
        return loaded.withConfig(StateFileFormat.merge(loaded.config(), state));
    }

    /**
     * Runtime state goes to a state file when the config cannot be rewritten: YAML (we never rewrite the user's YAML),
     * a sentinel.conf we may not write, or one split with {@code include} (owned lines in included files would be
     * duplicated by a rewrite of the main file).
     */
    static boolean needsStateFile(LoadedConfig loaded, Predicate<Path> writable) {
        return loaded.yaml() || !loaded.includes().isEmpty() || !writable.test(loaded.source());
    }

    static boolean isYaml(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }

    /** A new sentinel id: 40 lowercase hex characters from a secure random source, as Redis's getRandomHexChars. */
    public static String generateMyid() {
        byte[] bytes = new byte[20];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
