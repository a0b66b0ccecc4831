package io.sentinel.server.resp;

import io.sentinel.core.admin.Glob;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * What a user may do, compiled once per change for the request path: one array lookup per command, channel patterns
 * matched only for pub/sub. Immutable; passwords are kept as SHA-256 digests and compared in constant time.
 */
final class Grant {
    final boolean enabled;
    final boolean nopass;
    /** The user was deleted: its connections are being closed and run nothing more (ACL DELUSER). */
    final boolean retired;
    private final byte[][] hashes;
    private final boolean allCommands;
    private final boolean[] allowed;
    private final String[][] firstArgs;
    private final boolean allChannels;
    private final String[] channels;

    private Grant(AclUser u, int commandCount) {
        retired = false;
        enabled = u.enabled;
        nopass = u.nopass;
        hashes = new byte[u.passwordHashes.size()][];
        for (int i = 0; i < hashes.length; i++) hashes[i] = HexFormat.of().parseHex(u.passwordHashes.get(i));
        allCommands = u.allCommands;
        allowed = new boolean[commandCount];
        firstArgs = new String[commandCount][];
        for (int id = 0; id < commandCount; id++) {
            allowed[id] = u.commands.get(id);
            List<String> args = u.firstArgs.get(id);
            if (args != null) firstArgs[id] = args.toArray(new String[0]);
        }
        allChannels = u.allChannels;
        channels = u.channelPatterns.toArray(new String[0]);
    }

    private Grant(Grant g) {
        retired = true;
        enabled = false;
        nopass = false;
        hashes = new byte[0][];
        allCommands = false;
        allowed = g.allowed;
        firstArgs = g.firstArgs;
        allChannels = false;
        channels = new String[0];
    }

    static Grant of(AclUser u, int commandCount) {
        return new Grant(u, commandCount);
    }

    /** What a deleted user's connections see until they are closed: nothing allowed. */
    Grant retired() {
        return new Grant(this);
    }

    /** AUTH: an enabled user, with nopass or one of its passwords; every hash is compared, in constant time. */
    boolean accepts(String password) {
        if (!enabled) return false;
        if (nopass) return true;
        byte[] digest = sha256(password);
        boolean match = false;
        for (byte[] h : hashes) match |= MessageDigest.isEqual(h, digest);
        return match;
    }

    /**
     * Redis's command check: ALLCOMMANDS, or the command's bit, or an allowed first argument ({@code argIndex} is
     * where it is: 1, or 2 for a subcommand).
     */
    boolean mayRun(int id, List<String> args, int argIndex) {
        if (allCommands || allowed[id]) return true;
        String[] firsts = firstArgs[id];
        if (firsts == null || args.size() <= argIndex) return false;
        for (String f : firsts) {
            if (f.equalsIgnoreCase(args.get(argIndex))) return true;
        }
        return false;
    }

    /**
     * Redis's channel check: a channel matches a pattern as a glob; a PSUBSCRIBE pattern must equal one of the
     * user's patterns literally.
     */
    boolean mayUseChannel(String channel, boolean isPattern) {
        if (allChannels) return true;
        for (String p : channels) {
            if (isPattern ? p.equals(channel) : Glob.matches(p, channel)) return true;
        }
        return false;
    }

    static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK without SHA-256", e);
        }
    }
}
