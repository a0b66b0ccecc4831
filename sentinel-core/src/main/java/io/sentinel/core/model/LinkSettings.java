package io.sentinel.core.model;

import java.util.Locale;
import java.util.Map;

/**
 * How to log in to a target: ACL user (null for the default user), password (null for none), and the master's
 * {@code rename-command} table (original name, upper case -> name to send; empty string disables it).
 */
public record LinkSettings(String user, String password, Map<String, String> renamedCommands) {
    public static final LinkSettings NONE = new LinkSettings(null, null, Map.of());

    public LinkSettings {
        renamedCommands = Map.copyOf(renamedCommands);
    }

    /** The name to send for {@code command}, after {@code rename-command}. */
    public String commandName(String command) {
        return renamedCommands.getOrDefault(command.toUpperCase(Locale.ROOT), command);
    }
}
