package io.sentinel.server.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The redis-server 7.0 directives about clients that redis-sentinel obeys and so do we: {@code maxclients},
 * {@code timeout}, {@code tcp-keepalive}, {@code acllog-max-len}, {@code client-output-buffer-limit} and the top-level
 * {@code rename-command}. Each value is checked as read, with Redis's texts (compared live with redis-sentinel
 * 7.0.15); the checked value goes into the server settings, from which the RESP server's settings are built.
 */
final class ClientDirectives {
    static final Set<String> NAMES = Set.of("maxclients", "timeout", "tcp-keepalive", "acllog-max-len",
            "client-output-buffer-limit", "rename-command");
    /** redis-sentinel 7.0's top-level commands: what its rename-command can find (a test checks the RESP table). */
    static final List<String> SENTINEL_COMMANDS = List.of("info", "hello", "auth", "punsubscribe", "acl", "command",
            "client", "publish", "psubscribe", "subscribe", "unsubscribe", "role", "ping", "shutdown", "sentinel");
    /** The server setting holding the renames: pairs of original name and new name ({@code ""}: removed). */
    static final String RENAMES = "rename-command";
    static final String PUBSUB_LIMIT = "client-output-buffer-limit pubsub";
    private static final Set<String> CLIENT_CLASSES = Set.of("normal", "slave", "replica", "pubsub");
    private static final String BAD_LIMIT = "Error in hard, soft or soft_seconds setting in buffer limit configuration.";

    private final Map<String, String> settings;
    /** Current name (lower case) to original command, as redis-sentinel's command dict after each rename. */
    private final Map<String, String> names = new LinkedHashMap<>();

    ClientDirectives(Map<String, String> settings) {
        this.settings = settings;
        for (String c : SENTINEL_COMMANDS) names.put(c, c);
    }

    static boolean handles(String name) {
        return NAMES.contains(name);
    }

    void apply(ConfLine l) throws ConfigException {
        String name = l.name();
        if (name.equals("rename-command")) {
            rename(l);
            return;
        }
        if (name.equals("client-output-buffer-limit")) {
            outputLimit(l);
            return;
        }
        if (l.argc() != 2) throw l.error("wrong number of arguments");
        long max = name.equals("acllog-max-len") ? Long.MAX_VALUE
                : name.equals("maxclients") ? 4294967295L : Integer.MAX_VALUE;
        long min = name.equals("maxclients") ? 1 : 0;
        Long v = string2ll(l.arg(1));
        if (v == null) throw l.error("argument couldn't be parsed into an integer");
        if (v < min || v > max) throw l.error("argument must be between " + min + " and " + max + " inclusive");
        settings.put(name, Long.toString(v));
    }

    /** Redis's loadServerConfig: find the command under its current name, drop that name, add the new one. */
    private void rename(ConfLine l) throws ConfigException {
        if (l.argc() != 3) throw l.error(ConfFileParser.BAD_DIRECTIVE);
        String original = names.remove(l.arg(1).toLowerCase(Locale.ROOT));
        // redis-sentinel 7.0 finds "client|list" too, then crashes on an assertion: refused here
        if (original == null) throw l.error("No such command in rename-command");
        String target = l.arg(2).toLowerCase(Locale.ROOT);
        if (!target.isEmpty()) {
            if (names.containsKey(target)) throw l.error("Target command name already exists");
            names.put(target, original);
        }
        List<String> pairs = new ArrayList<>();
        for (String c : SENTINEL_COMMANDS) {
            String now = currentName(c);
            if (!now.equals(c)) {
                pairs.add(c);
                pairs.add(now);
            }
        }
        if (pairs.isEmpty()) settings.remove(RENAMES);
        else settings.put(RENAMES, ConfTokens.join(pairs));
    }

    private String currentName(String original) {
        for (Map.Entry<String, String> e : names.entrySet()) {
            if (e.getValue().equals(original)) return e.getKey();
        }
        return "";
    }

    /** {@code <class> <hard> <soft> <soft-seconds>}, repeated; only pubsub's limit applies to a sentinel. */
    private void outputLimit(ConfLine l) throws ConfigException {
        List<String> a = l.args().subList(1, l.argc());
        if (a.size() % 4 != 0) throw l.error("Wrong number of arguments in buffer limit configuration.");
        for (int i = 0; i < a.size(); i += 4) {
            if (!CLIENT_CLASSES.contains(a.get(i).toLowerCase(Locale.ROOT))) {
                throw l.error("Invalid client class specified in buffer limit configuration.");
            }
        }
        for (int i = 0; i < a.size(); i += 4) {
            long hard = memToBytes(a.get(i + 1));
            long soft = memToBytes(a.get(i + 2));
            Long seconds = strtoll(a.get(i + 3));
            if (hard < 0 || soft < 0 || seconds == null || seconds < 0) throw l.error(BAD_LIMIT);
            if (a.get(i).equalsIgnoreCase("pubsub")) settings.put(PUBSUB_LIMIT, hard + " " + soft + " " + seconds);
        }
    }

    /** Redis's string2ll: an optional minus, digits without a leading zero, within a long; null otherwise. */
    static Long string2ll(String s) {
        String digits = s.startsWith("-") ? s.substring(1) : s;
        if (digits.isEmpty() || digits.length() > 19 || !digits.chars().allMatch(Character::isDigit)) return null;
        if (digits.length() > 1 && digits.charAt(0) == '0') return null;
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Redis's memtoull: digits then an optional unit (b, k, kb, m, mb, g, gb in any case); -1 when invalid. */
    static long memToBytes(String s) {
        int end = 0;
        while (end < s.length() && Character.isDigit(s.charAt(end)) && s.charAt(end) < 128) end++;
        long mul;
        switch (s.substring(end).toLowerCase(Locale.ROOT)) {
            case "": case "b": mul = 1; break;
            case "k": mul = 1000; break;
            case "kb": mul = 1024; break;
            case "m": mul = 1000 * 1000; break;
            case "mb": mul = 1024 * 1024; break;
            case "g": mul = 1000L * 1000 * 1000; break;
            case "gb": mul = 1024L * 1024 * 1024; break;
            default: return -1;
        }
        if (end == 0) return 0; // strtoull of no digits is 0, as in Redis ("kb" is 0)
        try {
            return Math.multiplyExact(Long.parseLong(s.substring(0, end)), mul);
        } catch (ArithmeticException | NumberFormatException e) {
            return -1;
        }
    }

    /** strtoll with the whole string consumed: optional blanks and sign, then digits. */
    private static Long strtoll(String s) {
        String t = s.stripLeading();
        if (t.startsWith("+")) t = t.substring(1);
        if (t.isEmpty()) return 0L; // no digits: 0, as C's strtoll with nothing after it
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
