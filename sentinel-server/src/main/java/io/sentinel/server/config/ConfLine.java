package io.sentinel.server.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * One directive as read: where it came from ({@code origin} is a file path or {@code (command line)}), its 1-based
 * line number, the text as written and its arguments after splitting. {@code args.get(0)} is the directive name.
 */
public record ConfLine(String origin, int lineNumber, String text, List<String> args, String yamlKey) {
    public static final String COMMAND_LINE = "(command line)";

    public ConfLine {
        args = List.copyOf(args);
    }

    public ConfLine(String origin, int lineNumber, String text, List<String> args) {
        this(origin, lineNumber, text, args, null);
    }

    /** A directive made from a YAML key: errors name the key ({@code masters.mymaster.quorum}), not a text line. */
    static ConfLine fromYaml(String origin, int lineNumber, String yamlKey, List<String> args) {
        return new ConfLine(origin, lineNumber, ConfTokens.join(args), args, yamlKey);
    }

    public String name() {
        return args.get(0).toLowerCase(Locale.ROOT);
    }

    public int argc() {
        return args.size();
    }

    public String arg(int i) {
        return args.get(i);
    }

    /** The error Redis would print, on one line: {@code file:line: reason >>> 'text'}. */
    public ConfigException error(String reason) {
        if (yamlKey != null) return new ConfigException(origin + ":" + lineNumber + ": " + yamlKey + ": " + reason);
        return new ConfigException(origin + ":" + lineNumber + ": " + reason + " >>> '" + text + "'");
    }

    /**
     * {@code value} resolved against {@code base}: a path the file system cannot name (a NUL byte in it) is this
     * line's error, not an exception that stops the daemon.
     */
    public Path resolve(Path base, String value) throws ConfigException {
        try {
            return base.resolve(value).normalize();
        } catch (InvalidPathException e) {
            throw error("Invalid path: " + e.getReason());
        }
    }

    public String where() {
        return origin + ":" + lineNumber;
    }
}
