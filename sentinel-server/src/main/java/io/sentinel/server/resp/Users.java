package io.sentinel.server.resp;

import io.sentinel.server.config.ConfTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The ACL users: {@code default} (from {@code requirepass}, else nopass) plus the {@code user} lines of sentinel.conf
 * or the users of the {@code aclfile}, then whatever ACL SETUSER, DELUSER and LOAD change. Changes take a lock and replace the user's compiled {@link Grant};
 * requests read grants without locking. Names are kept sorted, as Redis's radix tree lists them.
 */
final class Users {
    static final String DEFAULT = "default";

    private final AclCommandSet commands;
    private final AclRules rules;
    private final AclDescriber describer;
    private final Map<String, AclUser> users = new TreeMap<>();
    private final AclUser defaultUser;
    private final AclFile aclFile;
    private volatile Consumer<List<String>> changeListener = lines -> { };

    /** Throws {@link IllegalArgumentException} with Redis's words for a bad {@code user} line. */
    Users(CommandTable table, String requirePass, List<String> userLines) {
        this(table, requirePass, userLines, null);
    }

    /**
     * With an {@code aclfile} (may be null), its users replace the configured ones at start, as ACLLoadUsersAtStartup:
     * {@link AclStartupException} with Redis's words when there are {@code user} lines too, or the file has errors.
     */
    Users(CommandTable table, String requirePass, List<String> userLines, AclFile aclFile) {
        if (aclFile != null && !userLines.isEmpty()) throw new AclStartupException(AclStartupException.BOTH);
        this.aclFile = aclFile;
        this.commands = new AclCommandSet(table);
        this.rules = new AclRules(commands);
        this.describer = new AclDescriber(commands, rules);
        this.defaultUser = rules.createDefault();
        if (requirePass != null && !requirePass.isEmpty()) {
            applyAll(defaultUser, List.of("resetpass", ">" + requirePass));
        }
        users.put(DEFAULT, defaultUser);
        List<String> seen = new ArrayList<>();
        for (String line : userLines) load(line, seen);
        for (AclUser u : users.values()) u.publish(commands.size());
        if (aclFile != null) {
            AclFile.Parsed parsed = aclFile.load(rules);
            if (parsed.errors() != null) {
                throw new AclStartupException("Aborting Redis startup because of ACL errors: " + parsed.errors());
            }
            replaceAll(parsed.users());
        }
    }

    /** {@code line} is a config {@code user} line without its first word. ACLLoadConfiguredUsers: a name once only; the default user is reset before its line applies. */
    private void load(String line, List<String> seen) {
        List<String> words = ConfTokens.split(line);
        if (words == null || words.isEmpty()) throw new IllegalArgumentException("Unbalanced quotes in user line");
        String name = words.get(0);
        if (seen.contains(name)) {
            throw new IllegalArgumentException("Error in user declaration '" + name + "': Duplicate user found. A"
                    + " user can only be defined once in config files");
        }
        seen.add(name);
        AclUser u = users.computeIfAbsent(name, rules::create);
        try {
            if (u == defaultUser) rules.apply(u, "reset");
            for (String op : words.subList(1, words.size())) {
                try {
                    rules.apply(u, op);
                } catch (AclRules.Invalid e) {
                    throw new AclRules.Invalid("Error loading ACL rule '" + op + "' for the user named '" + name
                            + "': " + e.getMessage());
                }
            }
        } catch (AclRules.Invalid e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    private void applyAll(AclUser u, List<String> ops) {
        try {
            for (String op : ops) rules.apply(u, op);
        } catch (AclRules.Invalid e) {
            throw new IllegalStateException(e.getMessage());
        }
    }

    AclCommandSet commands() {
        return commands;
    }

    AclRules rules() {
        return rules;
    }

    /** The configured {@code aclfile}, or null. */
    AclFile aclFile() {
        return aclFile;
    }

    AclDescriber describer() {
        return describer;
    }

    /**
     * Called with every user line after each change, to persist them: on the changing client's event loop, under
     * this registry's lock, so it must only hand the lines on (CoreLoop.submit).
     */
    void onChange(Consumer<List<String>> listener) {
        changeListener = listener;
    }

    AclUser defaultUser() {
        return defaultUser;
    }

    /** True when the default user needs no password, i.e. clients start authenticated. */
    boolean defaultIsOpen() {
        Grant g = defaultUser.grant();
        return g.enabled && g.nopass;
    }

    /** AUTH with a password only is an error when the default user has nopass (enabled or not), as in Redis. */
    boolean defaultIsNopass() {
        return defaultUser.grant().nopass;
    }

    /** The user AUTH may log in as, or null (unknown, disabled or wrong password). */
    AclUser authenticate(String name, String password) {
        AclUser u = get(name);
        return u != null && u.grant().accepts(password) ? u : null;
    }

    synchronized AclUser get(String name) {
        return users.get(name);
    }

    synchronized boolean exists(String name) {
        return users.containsKey(name);
    }

    synchronized List<String> names() {
        return List.copyOf(users.keySet());
    }

    /**
     * ACL SETUSER: every op applies to a copy first; the user changes only if all are valid. The listener is told
     * under the lock, so that changes from two event loops reach it in the order they were made.
     */
    synchronized void setUser(String name, List<String> ops) throws AclRules.Invalid {
        AclUser current = users.get(name);
        AclUser draft = current == null ? rules.create(name) : current.copy();
        for (String op : ops) {
            try {
                rules.apply(draft, op);
            } catch (AclRules.Invalid e) {
                throw new AclRules.Invalid("Error in ACL SETUSER modifier '" + op + "': " + e.getMessage());
            }
        }
        AclUser target = current == null ? draft : current;
        if (current != null) current.copyFrom(draft);
        target.publish(commands.size());
        users.put(name, target);
        changed();
    }

    /** ACL DELUSER: the removed users, now retired (their connections are to be closed). */
    synchronized List<AclUser> delete(List<String> names) {
        List<AclUser> removed = new ArrayList<>();
        for (String n : names) {
            AclUser u = users.remove(n);
            if (u != null) {
                u.retire();
                removed.add(u);
            }
        }
        if (!removed.isEmpty()) changed();
        return removed;
    }

    /**
     * ACL LOAD: {@code fresh} (an ACL file's users) replaces every user. The default user keeps its identity and takes
     * the file's rules, or Redis's {@code +@all ~* &* on nopass} when the file has none (requirepass is then gone, as
     * in Redis). Returns the other users, now retired: redis-sentinel 7.0.15 closes all their connections, even of a
     * user the file still has (ACLFreeUsersSet).
     */
    synchronized List<AclUser> replaceAll(Map<String, AclUser> fresh) {
        AclUser newDefault = fresh.getOrDefault(DEFAULT, rules.createDefault());
        List<AclUser> retired = new ArrayList<>();
        for (AclUser u : users.values()) {
            if (u == defaultUser) continue;
            u.retire();
            retired.add(u);
        }
        users.clear();
        defaultUser.copyFrom(newDefault);
        users.put(DEFAULT, defaultUser);
        fresh.forEach((name, u) -> {
            if (!name.equals(DEFAULT)) users.put(name, u);
        });
        for (AclUser u : users.values()) u.publish(commands.size());
        return retired;
    }

    /** Persists through the listener, as redis-sentinel's config rewrite writes users; never with an aclfile. */
    private void changed() {
        if (aclFile == null) changeListener.accept(lines());
    }

    /** ACL LIST, and what we write back: {@code user <name> <rules>} per user, sorted by name. */
    synchronized List<String> lines() {
        List<String> out = new ArrayList<>();
        for (AclUser u : users.values()) out.add(describer.line(u));
        return out;
    }

    /** The {@code user} line of one user, or null. */
    synchronized String describe(String name) {
        AclUser u = users.get(name);
        return u == null ? null : describer.line(u);
    }

    /** A snapshot of one user for GETUSER, or null. */
    synchronized AclUser snapshot(String name) {
        AclUser u = users.get(name);
        return u == null ? null : u.copy();
    }
}
