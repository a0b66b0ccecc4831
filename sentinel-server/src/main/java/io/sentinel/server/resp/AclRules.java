package io.sentinel.server.resp;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Redis 7.0's ACL rule syntax (ACLSetUser, ACLSetSelector) applied to an {@link AclUser}: on/off, passwords, key and
 * channel patterns, commands and categories. An invalid rule throws {@link Invalid} with Redis's reason text.
 * Selectors ({@code (...)}) are not supported: a sentinel has no keys for them to select.
 */
final class AclRules {
    static final String NO_SUCH_COMMAND = "Unknown command or category name in ACL";
    static final String SYNTAX = "Syntax error";
    static final String BAD_HASH = "The password hash must be exactly 64 characters and contain only lowercase"
            + " hexadecimal characters";
    static final String NO_SUCH_PASSWORD = "The password you are trying to remove from the user does not exist";
    static final String KEY_AFTER_ALL = "Adding a pattern after the * pattern (or the 'allkeys' flag) is not valid"
            + " and does not have any effect. Try 'resetkeys' to start with an empty list of patterns";
    static final String CHANNEL_AFTER_ALL = "Adding a pattern after the * pattern (or the 'allchannels' flag) is not"
            + " valid and does not have any effect. Try 'resetchannels' to start with an empty list of channels";
    static final String FIRST_ARG_OF_SUBCOMMAND = "Allowing first-arg of a subcommand is not supported";

    /** A rule Redis would refuse; the message is its reason (ACLSetUserStringError). */
    static final class Invalid extends Exception {
        Invalid(String reason) {
            super(reason, null, false, false);
        }
    }

    private final AclCommandSet commands;

    AclRules(AclCommandSet commands) {
        this.commands = commands;
    }

    /** A new user as ACLCreateUser makes it: off, no password, no command, no channel (acl-pubsub-default). */
    AclUser create(String name) {
        return new AclUser(name);
    }

    /** Redis's default user before requirepass and the config: {@code +@all ~* &* on nopass}. */
    AclUser createDefault() {
        AclUser u = new AclUser(Users.DEFAULT);
        allCommands(u, true);
        u.allKeys = true;
        u.allChannels = true;
        u.enabled = true;
        u.nopass = true;
        return u;
    }

    void apply(AclUser u, String op) throws Invalid {
        if (op.isEmpty()) return;
        String lower = op.toLowerCase(Locale.ROOT);
        switch (lower) {
            case "on": u.enabled = true; return;
            case "off": u.enabled = false; return;
            case "skip-sanitize-payload": u.skipSanitizePayload = true; u.sanitizePayload = false; return;
            case "sanitize-payload": u.skipSanitizePayload = false; u.sanitizePayload = true; return;
            case "nopass": u.nopass = true; u.passwordHashes.clear(); return;
            case "resetpass": u.nopass = false; u.passwordHashes.clear(); return;
            case "clearselectors": return;
            case "reset": reset(u); return;
            default: break;
        }
        char c = op.charAt(0);
        if (c == '>' || c == '#') {
            String hash = c == '>' ? hex(Grant.sha256(op.substring(1))) : checkedHash(op.substring(1));
            if (!u.passwordHashes.contains(hash)) u.passwordHashes.add(hash);
            u.nopass = false;
        } else if (c == '<' || c == '!') {
            String hash = c == '<' ? hex(Grant.sha256(op.substring(1))) : checkedHash(op.substring(1));
            if (!u.passwordHashes.remove(hash)) throw new Invalid(NO_SUCH_PASSWORD);
        } else if (c == '(' && op.endsWith(")")) {
            throw new Invalid(SYNTAX);
        } else {
            selector(u, op, lower);
        }
    }

    private void reset(AclUser u) {
        u.nopass = false;
        u.passwordHashes.clear();
        u.allKeys = false;
        u.keyPatterns.clear();
        u.allChannels = false;
        u.channelPatterns.clear();
        u.enabled = false;
        u.skipSanitizePayload = false;
        u.sanitizePayload = true;
        allCommands(u, false);
    }

    private void selector(AclUser u, String op, String lower) throws Invalid {
        switch (lower) {
            case "allkeys": case "~*": u.allKeys = true; u.keyPatterns.clear(); return;
            case "resetkeys": u.allKeys = false; u.keyPatterns.clear(); return;
            case "allchannels": case "&*": u.allChannels = true; u.channelPatterns.clear(); return;
            case "resetchannels": u.allChannels = false; u.channelPatterns.clear(); return;
            case "allcommands": case "+@all": allCommands(u, true); return;
            case "nocommands": case "-@all": allCommands(u, false); return;
            default: break;
        }
        char c = op.charAt(0);
        if (c == '~' || c == '%') keyPattern(u, op);
        else if (c == '&') channelPattern(u, op.substring(1));
        else if ((c == '+' || c == '-') && op.length() > 1 && op.charAt(1) == '@') category(u, op.substring(2), c == '+');
        else if (c == '+') allow(u, op.substring(1));
        else if (c == '-') change(u, lookup(op.substring(1)), false);
        else throw new Invalid(SYNTAX);
    }

    private void allCommands(AclUser u, boolean allow) {
        u.commands.clear();
        // one bit past the table: Redis's "future commands" bit, set only by +@all
        if (allow) u.commands.set(0, commands.size() + 1);
        u.allCommands = allow;
        u.firstArgs.clear();
    }

    private static void keyPattern(AclUser u, String op) throws Invalid {
        if (u.allKeys) throw new Invalid(KEY_AFTER_ALL);
        int flags = 0;
        int offset = 1;
        if (op.charAt(0) == '%') {
            for (; offset < op.length(); offset++) {
                char ch = Character.toUpperCase(op.charAt(offset));
                if (ch == 'R' && (flags & AclUser.KEY_READ) == 0) flags |= AclUser.KEY_READ;
                else if (ch == 'W' && (flags & AclUser.KEY_WRITE) == 0) flags |= AclUser.KEY_WRITE;
                else if (op.charAt(offset) == '~') { offset++; break; }
                else throw new Invalid(SYNTAX);
            }
        } else {
            flags = AclUser.KEY_ALL;
        }
        String pattern = op.substring(Math.min(offset, op.length()));
        if (hasSpace(pattern)) throw new Invalid(SYNTAX);
        u.keyPatterns.merge(pattern, flags, (a, b) -> a | b);
        u.allKeys = false;
    }

    private static void channelPattern(AclUser u, String pattern) throws Invalid {
        if (u.allChannels) throw new Invalid(CHANNEL_AFTER_ALL);
        if (hasSpace(pattern)) throw new Invalid(SYNTAX);
        if (!u.channelPatterns.contains(pattern)) u.channelPatterns.add(pattern);
        u.allChannels = false;
    }

    private void category(AclUser u, String name, boolean allow) throws Invalid {
        int cat = AclCommandSet.category(name);
        if (cat < 0) throw new Invalid(NO_SUCH_COMMAND);
        for (int id : commands.dictOrder()) {
            if (commands.inCategory(id, cat)) change(u, id, allow);
        }
    }

    /** {@code +cmd}, {@code +container|sub}, or {@code +cmd|firstarg} for a command without subcommands. */
    private void allow(AclUser u, String name) throws Invalid {
        int bar = name.lastIndexOf('|');
        if (bar < 0) {
            change(u, lookup(name), true);
            return;
        }
        int id = lookup(name.substring(0, bar));
        if (commands.parent(id) >= 0) throw new Invalid(FIRST_ARG_OF_SUBCOMMAND);
        String sub = name.substring(bar + 1);
        if (sub.isEmpty()) throw new Invalid(SYNTAX);
        if (!commands.subcommands(id).isEmpty()) {
            change(u, lookup(name), true);
            return;
        }
        List<String> firsts = u.firstArgs.computeIfAbsent(id, k -> new ArrayList<>());
        if (firsts.stream().noneMatch(sub::equalsIgnoreCase)) firsts.add(sub);
    }

    private int lookup(String fullName) throws Invalid {
        int id = commands.id(fullName);
        if (id < 0) throw new Invalid(NO_SUCH_COMMAND);
        return id;
    }

    /** ACLChangeSelectorPerm: a container's bit carries its subcommands' bits with it. */
    void change(AclUser u, int id, boolean allow) {
        set(u, id, allow);
        u.firstArgs.remove(id);
        for (int sub : commands.subcommands(id)) set(u, sub, allow);
    }

    private static void set(AclUser u, int id, boolean allow) {
        u.commands.set(id, allow);
        if (!allow) u.allCommands = false;
    }

    private static String checkedHash(String hash) throws Invalid {
        if (hash.length() != 64) throw new Invalid(BAD_HASH);
        for (int i = 0; i < 64; i++) {
            char ch = hash.charAt(i);
            if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f'))) throw new Invalid(BAD_HASH);
        }
        return hash;
    }

    private static boolean hasSpace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) return true;
        }
        return false;
    }

    static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }
}
