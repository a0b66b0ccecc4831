package io.sentinel.server.config;

import io.sentinel.core.config.SentinelConfig;
import io.sentinel.server.logging.LogFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a redis-sentinel {@code sentinel.conf} (plus command line overrides) into a {@link SentinelConfig}, with
 * Redis's tokenizing, defaults, order rules and error texts. Global directives apply as read; {@code sentinel ...}
 * lines are queued and applied at the end (see {@link SentinelDirectives}). Relative {@code dir} resolves against
 * the start directory, then {@code logfile} and scripts against {@code dir}.
 */
public final class ConfFileParser {
    /** Redis 7.0's loglevel values ({@code nothing} is 7.2's). */
    private static final Set<String> LOG_LEVELS = Set.of("debug", "verbose", "notice", "warning");

    private static final int MAX_INCLUDE_DEPTH = 10;
    private static final int MAX_BIND = 16;
    static final String BAD_DIRECTIVE = "Bad directive or wrong number of arguments";

    private final Path startDir;
    private final ConfigDraft draft;
    private final List<ConfLine> sentinelLines = new ArrayList<>();
    private final List<Path> includes = new ArrayList<>();
    private final TlsDirectives tls;
    private final ClientDirectives clients;
    private final ListenerDirectives listener;

    /** {@code startDir} is the process's working directory at start, against which a relative {@code dir} resolves. */
    public ConfFileParser(Path startDir) {
        this(startDir, new ConfigDraft());
    }

    private ConfFileParser(Path startDir, ConfigDraft draft) {
        this.startDir = startDir.toAbsolutePath().normalize();
        this.draft = draft;
        this.tls = new TlsDirectives(draft.serverSettings, draft.warnings);
        this.clients = new ClientDirectives(draft.serverSettings);
        this.listener = new ListenerDirectives(draft.serverSettings);
    }

    /** Parses {@code file}, then the overrides (redis-style {@code --directive args...}) as lines appended to it. */
    public LoadedConfig parse(Path file, List<String> overrides) throws ConfigException {
        Path source = file.toAbsolutePath().normalize();
        return parseLines(source, lines(source), overrides, false);
    }

    /** The configuration {@code lines} make, then {@code overrides}; {@code yaml} says where the lines came from. */
    LoadedConfig parseLines(Path source, List<ConfLine> lines, List<String> overrides, boolean yaml)
            throws ConfigException {
        for (ConfLine l : lines) process(l, 0);
        for (ConfLine l : parseOverrides(overrides)) process(l, 0);
        SentinelConfig config = finish(false);
        return new LoadedConfig(config, draft.warnings, source, yaml, draft.serverSettings, includes, null);
    }

    /**
     * Reads a state file: sentinel.conf syntax, {@code sentinel ...} lines ({@code leader-vote} allowed) and the
     * {@code user} lines written once ACL SETUSER/DELUSER changed the users.
     */
    static SentinelConfig readState(Path file, Path dir, boolean resolveHostnames) throws ConfigException {
        ConfFileParser p = new ConfFileParser(dir);
        p.draft.dir = dir.toString();
        // the configuration's setting: with resolve-hostnames the state holds masters known by name (fuzzing found it)
        p.draft.resolveHostnames = resolveHostnames;
        for (ConfLine l : p.lines(file)) {
            if (!l.name().equals("sentinel") && !l.name().equals("user")) throw l.error(BAD_DIRECTIVE);
            p.process(l, 0);
        }
        return p.finish(true);
    }

    private void readFile(Path file, int depth) throws ConfigException {
        for (ConfLine l : lines(file)) process(l, depth);
    }

    /** The directives of {@code file}: trimmed lines, blank ones and comments skipped, as Redis's loader does. */
    private List<ConfLine> lines(Path file) throws ConfigException {
        List<String> text;
        try {
            text = List.of(Files.readString(file, StandardCharsets.UTF_8).split("\n", -1));
        } catch (IOException e) {
            throw new ConfigException("Fatal error, can't open config file '" + file + "': " + e.getMessage(), e);
        }
        List<ConfLine> out = new ArrayList<>();
        for (int i = 0; i < text.size(); i++) {
            String line = text.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            List<String> args = ConfTokens.split(line);
            ConfLine l = new ConfLine(file.toString(), i + 1, line, args == null ? List.of() : args);
            if (args == null) throw l.error("Unbalanced quotes in configuration line");
            if (!args.isEmpty()) out.add(l);
        }
        return out;
    }

    private void process(ConfLine l, int depth) throws ConfigException {
        String name = l.name();
        switch (name) {
            case "sentinel":
                // a bare "sentinel" (from --sentinel) only selects sentinel mode
                if (l.argc() > 1) sentinelLines.add(l);
                return;
            case "include":
                include(l, depth);
                return;
            case "user":
                if (l.argc() < 2) throw l.error(BAD_DIRECTIVE);
                for (String u : draft.users) {
                    if (ConfTokens.split(u).get(0).equals(l.args().get(1))) {
                        throw l.error("Error in user declaration '" + l.args().get(1) + "': Duplicate user found. A"
                                + " user can only be defined once in config files");
                    }
                }
                draft.users.add(ConfTokens.join(l.args().subList(1, l.argc())));
                return;
            case "bind":
                if (l.argc() < 2) throw l.error("wrong number of arguments");
                if (l.argc() > MAX_BIND + 1) throw l.error("Too many bind addresses specified.");
                draft.bind = new ArrayList<>(l.args().subList(1, l.argc()));
                return;
            default:
                processSingleValue(l, name);
        }
    }

    private void processSingleValue(ConfLine l, String name) throws ConfigException {
        boolean ours = isSingleValueDirective(name);
        if (ours && l.argc() != 2) throw l.error("wrong number of arguments");
        String v = ours ? l.arg(1) : null;
        switch (name) {
            case "port": draft.port = numericPort(l, v); break;
            case "dir": draft.dir = directory(l, v).toString(); break;
            case "logfile": l.resolve(currentDir(), v); draft.logfile = v; break; // a path it can name
            case "requirepass": draft.requirePass = v.isEmpty() ? null : v; break;
            case "protected-mode": draft.protectedMode = serverYesNo(l, v); break;
            case "daemonize":
                if (serverYesNo(l, v)) {
                    throw l.error("daemonize yes is not supported: this sentinel always stays in the foreground"
                            + " (let the service manager run it in the background)");
                }
                break;
            case "loglevel":
                if (!LOG_LEVELS.contains(v.toLowerCase(Locale.ROOT))) {
                    throw l.error("argument(s) must be one of the following: debug, verbose, notice, warning");
                }
                draft.serverSettings.put(name, v.toLowerCase(Locale.ROOT));
                break;
            case "log-format":
                try {
                    draft.serverSettings.put(name, LogFormat.parse(v).name().toLowerCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw l.error(e.getMessage());
                }
                break;
            case "aclfile": case "pidfile": // paths used later: one it can name (no NUL byte) now
                l.resolve(currentDir(), v);
                draft.serverSettings.put(name, v);
                break;
            case "metrics-bind": draft.serverSettings.put(name, v); break;
            case "info-extras": draft.serverSettings.put(name, serverYesNo(l, v) ? "yes" : "no"); break;
            case "kubernetes-master-label": case "kubernetes-namespace": case "kubernetes-api-url":
            case "kubernetes-token-file": case "kubernetes-ca-file":
                String problem = KubernetesDirectives.problem(name, v);
                if (problem != null) throw l.error(problem);
                draft.serverSettings.put(name, v);
                break;
            case "metrics-port":
                try {
                    int port = Integer.parseInt(v);
                    if (port < -1 || port > 65535) throw new NumberFormatException();
                } catch (NumberFormatException e) {
                    throw l.error("metrics-port must be a port number, 0 (any free port) or -1 (no HTTP listener)");
                }
                draft.serverSettings.put(name, v);
                break;
            default:
                if (TlsDirectives.handles(name)) {
                    tls.apply(l, currentDir());
                    break;
                }
                if (SyslogDirectives.handles(name)) {
                    SyslogDirectives.apply(l, draft.serverSettings);
                    break;
                }
                if (ClientDirectives.handles(name)) {
                    clients.apply(l);
                    break;
                }
                if (ListenerDirectives.handles(name)) {
                    listener.apply(l);
                    break;
                }
                if (!ServerDirectives.contains(name)) throw l.error(BAD_DIRECTIVE);
                draft.warnings.add(l.where() + ": '" + name + "' is a redis-server directive; a sentinel ignores it");
        }
    }

    private static boolean isSingleValueDirective(String name) {
        switch (name) {
            case "port": case "dir": case "logfile": case "requirepass": case "protected-mode": case "daemonize":
            case "loglevel": case "pidfile": case "log-format": case "metrics-port": case "metrics-bind":
            case "info-extras": case "aclfile": case "kubernetes-master-label": case "kubernetes-namespace":
            case "kubernetes-api-url": case "kubernetes-token-file": case "kubernetes-ca-file":
                return true;
            default:
                return false;
        }
    }

    private void include(ConfLine l, int depth) throws ConfigException {
        if (l.argc() != 2) throw l.error(BAD_DIRECTIVE);
        if (depth >= MAX_INCLUDE_DEPTH) throw l.error("include nested too deeply (a loop?)");
        Path file = l.resolve(currentDir(), l.arg(1));
        if (!Files.isReadable(file)) throw l.error("Fatal error, can't open config file '" + file + "'");
        includes.add(file);
        readFile(file, depth + 1);
    }

    /** Redis changes directory at each {@code dir} line, so a later relative one resolves against it. */
    private Path currentDir() {
        return draft.dir == null ? startDir : Path.of(draft.dir);
    }

    private Path directory(ConfLine l, String v) throws ConfigException {
        Path p = l.resolve(currentDir(), v);
        if (Files.isDirectory(p)) return p;
        throw l.error("No such file or directory");
    }

    private SentinelConfig finish(boolean stateFile) throws ConfigException {
        Path dir = currentDir();
        draft.dir = dir.toString();
        if (!draft.logfile.isEmpty()) draft.logfile = dir.resolve(draft.logfile).normalize().toString();
        new SentinelDirectives(draft, dir, stateFile).applyAll(sentinelLines);
        tls.checkComplete();
        return draft.build();
    }

    private static int numericPort(ConfLine l, String v) throws ConfigException {
        long n = SentinelDirectives.longOr(v, Long.MIN_VALUE);
        if (n == Long.MIN_VALUE) throw l.error("argument couldn't be parsed into an integer");
        if (n < 0 || n > 65535) throw l.error("argument must be between 0 and 65535 inclusive");
        return (int) n;
    }

    private static boolean serverYesNo(ConfLine l, String v) throws ConfigException {
        if (v.equalsIgnoreCase("yes")) return true;
        if (v.equalsIgnoreCase("no")) return false;
        throw l.error("argument must be 'yes' or 'no'");
    }

    /**
     * Redis's command line: each {@code --name} starts a line, the arguments after it are its values (quoted, so
     * they stay one argument each); {@code --port 6380} as one argument works too; a value right after a bare
     * {@code --name} may itself start with {@code --}; {@code --sentinel} alone only selects sentinel mode.
     */
    public static List<ConfLine> parseOverrides(List<String> argv) throws ConfigException {
        List<StringBuilder> texts = new ArrayList<>();
        boolean lastArgHandled = true;
        for (int j = 0; j < argv.size(); j++) {
            String a = argv.get(j);
            boolean nextIsOption = j + 1 < argv.size() && argv.get(j + 1).startsWith("--");
            if (lastArgHandled && a.startsWith("--")) {
                texts.add(new StringBuilder(a.substring(2)));
                List<String> parts = ConfTokens.split(a);
                lastArgHandled = parts == null || parts.size() != 1;
                String bare = a.toLowerCase(Locale.ROOT);
                if (!lastArgHandled && bare.equals("--save") && (nextIsOption || j == argv.size() - 1)) {
                    texts.get(texts.size() - 1).append(" \"\"");
                    lastArgHandled = nextIsOption;
                } else if (!lastArgHandled && bare.equals("--sentinel") && nextIsOption) {
                    lastArgHandled = true;
                }
            } else {
                if (texts.isEmpty()) texts.add(new StringBuilder());
                StringBuilder t = texts.get(texts.size() - 1);
                t.append(t.length() == 0 ? "" : " ").append(ConfTokens.quote(a));
                lastArgHandled = true;
            }
        }
        List<ConfLine> out = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i).toString().strip();
            List<String> args = ConfTokens.split(text);
            ConfLine l = new ConfLine(ConfLine.COMMAND_LINE, i + 1, text, args == null ? List.of() : args);
            if (args == null) throw l.error("Unbalanced quotes in configuration line");
            if (!args.isEmpty()) out.add(l);
        }
        return out;
    }
}
