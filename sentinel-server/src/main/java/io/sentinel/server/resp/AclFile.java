package io.sentinel.server.resp;

import io.sentinel.server.config.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code aclfile} behind ACL LOAD and ACL SAVE, and read at start-up, as redis-server 7.0's ACLLoadFromFile and
 * ACLSaveToFile: {@code user <name> <rules...>} lines split on single spaces (no quoting), blank lines skipped, anything
 * else an error naming file and line; every error of the file is collected and nothing changes unless there is none.
 *
 * @param name the path as configured: Redis's messages name the file so
 * @param path where it is: relative to {@code dir}, as Redis opens it after its chdir
 */
public record AclFile(String name, Path path) {
    static final String NOTHING_CHANGED =
            "WARNING: ACL errors detected, no change to the previously active ACL rules was performed";

    /** The users of a file, in file order, or Redis's one-line description of everything wrong with it. */
    record Parsed(Map<String, AclUser> users, String errors) {
    }

    /** Reads and parses the file; a file that cannot be opened is an error too. */
    Parsed load(AclRules rules) {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return new Parsed(Map.of(), "Error loading ACLs, opening file '" + name + "': " + strerror(e));
        }
        return parse(text, rules);
    }

    /** ACLLoadFromFile on {@code text}: every line checked, the errors of all of them reported together. */
    Parsed parse(String text, AclRules rules) {
        Map<String, AclUser> users = new LinkedHashMap<>();
        StringBuilder errors = new StringBuilder();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = trim(lines[i], " \t\r\n");
            if (line.isEmpty()) continue;
            int linenum = i + 1;
            String[] argv = line.split(" ", -1);
            if (!argv[0].equals("user") || argv.length < 2) {
                errors.append(name).append(':').append(linenum)
                        .append(" should start with user keyword followed by the username. ");
                continue;
            }
            String username = argv[1];
            if (username.chars().anyMatch(ch -> ch == 0 || Character.isWhitespace(ch))) {
                errors.append('\'').append(name).append(':').append(linenum).append(": username '").append(username)
                        .append("' contains invalid characters. ");
                continue;
            }
            if (users.containsKey(username)) {
                errors.append("WARNING: Duplicate user '").append(username).append("' found on line ")
                        .append(linenum).append(". ");
                continue;
            }
            AclUser u = rules.create(username);
            users.put(username, u);
            applyRules(rules, u, argv, linenum, errors);
        }
        if (errors.length() > 0) return new Parsed(Map.of(), errors.append(NOTHING_CHANGED).toString());
        return new Parsed(users, null);
    }

    /** An unknown command or category is reported for each rule; any other error only for the first (Redis 7.0.15). */
    private void applyRules(AclRules rules, AclUser u, String[] argv, int linenum, StringBuilder errors) {
        boolean syntaxError = false;
        for (int j = 2; j < argv.length; j++) {
            String op = trim(argv[j], "\t\r\n");
            try {
                rules.apply(u, op);
            } catch (AclRules.Invalid e) {
                if (e.getMessage().equals(AclRules.NO_SUCH_COMMAND)) {
                    errors.append(name).append(':').append(linenum).append(": Error in applying operation '")
                            .append(op).append("': ").append(e.getMessage()).append(". ");
                } else if (!syntaxError) {
                    errors.append(name).append(':').append(linenum).append(": ").append(e.getMessage()).append(". ");
                    syntaxError = true;
                }
            }
        }
    }

    /** ACL SAVE: one {@code user} line per user, written durably (temp file, fsync, rename). */
    void save(List<String> userLines) throws IOException {
        StringBuilder out = new StringBuilder();
        for (String l : userLines) out.append(l).append('\n');
        AtomicFile.write(path, out.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** sdstrim: strips the given characters from both ends. */
    private static String trim(String s, String chars) {
        int start = 0;
        int end = s.length();
        while (start < end && chars.indexOf(s.charAt(start)) >= 0) start++;
        while (end > start && chars.indexOf(s.charAt(end - 1)) >= 0) end--;
        return s.substring(start, end);
    }

    /** The C library's words for the common failures, as Redis prints strerror(errno). */
    static String strerror(IOException e) {
        if (e instanceof NoSuchFileException) return "No such file or directory";
        if (e instanceof AccessDeniedException) return "Permission denied";
        // reading a directory: the JDK's message is already strerror's ("Is a directory")
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }
}
