package io.sentinel.server.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * redis-server 7.0's socket directives, which redis-sentinel obeys and so do we: {@code tcp-backlog} (the listen
 * backlog), {@code unixsocket} and {@code unixsocketperm} (a Unix socket listener beside TCP) and
 * {@code bind-source-addr} (the source address of our links). Each value is checked as read, with the texts
 * redis-sentinel 7.0.15 gave for the same lines; the checked value goes into the server settings under the
 * directive's name. An empty {@code unixsocket} or {@code bind-source-addr} means unset, as Redis's
 * {@code EMPTY_STRING_IS_NULL}.
 */
final class ListenerDirectives {
    static final String TCP_BACKLOG = "tcp-backlog";
    static final String UNIX_SOCKET = "unixsocket";
    /** Kept in the settings as octal digits without a leading zero ({@code 700}), as Redis's rewrite prints it. */
    static final String UNIX_SOCKET_PERM = "unixsocketperm";
    static final String BIND_SOURCE_ADDR = "bind-source-addr";
    static final Set<String> NAMES = Set.of(TCP_BACKLOG, UNIX_SOCKET, UNIX_SOCKET_PERM, BIND_SOURCE_ADDR);
    /** Redis's default; ours is larger (see RespServer's backlog), but the rewrite compares with this one. */
    static final int REDIS_DEFAULT_BACKLOG = 511;
    private static final int MAX_PERM = 0777;

    private final Map<String, String> settings;

    ListenerDirectives(Map<String, String> settings) {
        this.settings = settings;
    }

    static boolean handles(String name) {
        return NAMES.contains(name);
    }

    void apply(ConfLine l) throws ConfigException {
        if (l.argc() != 2) throw l.error("wrong number of arguments");
        String name = l.name();
        String v = l.arg(1);
        switch (name) {
            case TCP_BACKLOG:
                Long n = ClientDirectives.string2ll(v);
                if (n == null) throw l.error("argument couldn't be parsed into an integer");
                if (n < 0 || n > Integer.MAX_VALUE) {
                    throw l.error("argument must be between 0 and " + Integer.MAX_VALUE + " inclusive");
                }
                settings.put(name, Long.toString(n));
                break;
            case UNIX_SOCKET_PERM:
                Long perm = strtollOctal(v);
                if (perm == null) throw l.error("argument couldn't be parsed as an octal number");
                if (perm < 0 || perm > MAX_PERM) {
                    throw l.error("argument must be between 0 and " + Integer.toOctalString(MAX_PERM) + " inclusive");
                }
                settings.put(name, Long.toOctalString(perm));
                break;
            default: // unixsocket, bind-source-addr: any string; the socket and the address are checked when used
                if (name.equals(UNIX_SOCKET)) l.resolve(Path.of("/"), v); // a path it can name (no NUL byte)
                if (name.equals(BIND_SOURCE_ADDR) && !v.isEmpty()) resolvable(l, v);
                if (v.isEmpty()) settings.remove(name);
                else settings.put(name, v);
        }
    }

    /**
     * Resolved once here, as the links will (LinkOptions.sourceAddress): a name that does not resolve stops the
     * start with this line's error, not a bare exception later.
     */
    private static void resolvable(ConfLine l, String v) throws ConfigException {
        try {
            InetAddress.getByName(v);
        } catch (UnknownHostException | IllegalArgumentException | SecurityException e) {
            throw l.error("Can't resolve bind-source-addr: " + e.getMessage());
        }
    }

    /**
     * The lines the rewrite owns for these settings, as redis-sentinel's CONFIG REWRITE writes them (compared live):
     * a value is written in place of the file's line, or appended when it differs from Redis's default (511, 0,
     * unset); {@code unixsocket} and {@code bind-source-addr} quoted, {@code unixsocketperm} in octal without a
     * leading zero. An unset one writes nothing, so its old lines (an empty value) are removed, as Redis does.
     */
    static List<OwnedLines.Owned> ownedLines(Map<String, String> settings) {
        List<OwnedLines.Owned> out = new ArrayList<>();
        String backlog = settings.get(TCP_BACKLOG);
        if (backlog != null) {
            out.add(new OwnedLines.Owned(TCP_BACKLOG, TCP_BACKLOG + " " + backlog,
                    Integer.parseInt(backlog) != REDIS_DEFAULT_BACKLOG));
        }
        String socket = settings.get(UNIX_SOCKET);
        if (socket != null) {
            out.add(new OwnedLines.Owned(UNIX_SOCKET, UNIX_SOCKET + " " + ConfTokens.quote(socket), true));
        }
        String perm = settings.get(UNIX_SOCKET_PERM);
        if (perm != null) {
            out.add(new OwnedLines.Owned(UNIX_SOCKET_PERM, UNIX_SOCKET_PERM + " " + perm, !perm.equals("0")));
        }
        String source = settings.get(BIND_SOURCE_ADDR);
        if (source != null) {
            out.add(new OwnedLines.Owned(BIND_SOURCE_ADDR, BIND_SOURCE_ADDR + " " + ConfTokens.quote(source), true));
        }
        return out;
    }

    /**
     * C's {@code strtoll(s, &end, 8)} with {@code *end == '\0'} required, as Redis reads an octal setting: leading
     * blanks, a sign, octal digits; no digits at all is 0 only for the empty string. Null when invalid or overflowing.
     */
    static Long strtollOctal(String s) {
        int i = 0;
        while (i < s.length() && " \t\n\r\f\u000b".indexOf(s.charAt(i)) >= 0) i++;
        boolean negative = false;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) negative = s.charAt(i++) == '-';
        int digits = i;
        long value = 0;
        for (; i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '7'; i++) {
            if (value > (Long.MAX_VALUE >> 3)) return null; // ERANGE
            value = (value << 3) + (s.charAt(i) - '0');
        }
        if (i == digits) return s.isEmpty() ? 0L : null;
        if (i != s.length()) return null;
        return negative ? -value : value;
    }
}
