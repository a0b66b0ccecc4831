package io.sentinel.server.config;

import io.sentinel.core.config.SentinelConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A configuration as loaded, with what the caller needs around it.
 *
 * @param config         the model the core starts from (state file already merged in)
 * @param warnings       one line each for directives accepted but ignored; the caller logs them
 * @param source         the absolute path of the file read
 * @param yaml           whether {@code source} is YAML
 * @param serverSettings redis-server settings a sentinel may still honour: {@code loglevel}, {@code pidfile}, and
 *                       our {@code log-format}
 * @param includes       files read through {@code include}, in order
 * @param stateFile      where runtime state is written; null when it is written back into {@code source}
 */
public record LoadedConfig(
        SentinelConfig config,
        List<String> warnings,
        Path source,
        boolean yaml,
        Map<String, String> serverSettings,
        List<Path> includes,
        Path stateFile) {

    /** The state file's name under {@code dir}. */
    public static final String STATE_FILE_NAME = "sentinel-state.conf";

    public LoadedConfig {
        warnings = List.copyOf(warnings);
        serverSettings = Map.copyOf(serverSettings);
        includes = List.copyOf(includes);
    }

    public LoadedConfig withConfig(SentinelConfig newConfig) {
        return new LoadedConfig(newConfig, warnings, source, yaml, serverSettings, includes, stateFile);
    }

    public LoadedConfig withStateFile(Path newStateFile) {
        return new LoadedConfig(config, warnings, source, yaml, serverSettings, includes, newStateFile);
    }

    public LoadedConfig withWarning(String warning) {
        List<String> more = new java.util.ArrayList<>(warnings);
        more.add(warning);
        return new LoadedConfig(config, more, source, yaml, serverSettings, includes, stateFile);
    }

    /** True when runtime state is rewritten into the user's sentinel.conf, as redis-sentinel does. */
    public boolean rewritesSource() {
        return stateFile == null;
    }
}
