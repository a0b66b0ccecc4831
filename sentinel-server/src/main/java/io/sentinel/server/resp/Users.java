package io.sentinel.server.resp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The users clients may AUTH as: {@code default} (password from {@code requirepass}, else nopass) plus the
 * {@code user} lines of sentinel.conf. Only the password part of ACL rules is honoured ({@code on|off},
 * {@code >pass}, {@code #sha256}, {@code nopass}); every user may run every command.
 */
final class Users {
    static final String DEFAULT = "default";

    record User(String name, boolean enabled, boolean nopass, List<String> sha256Hashes) {
        User {
            sha256Hashes = List.copyOf(sha256Hashes);
        }
    }

    private final Map<String, User> users = new LinkedHashMap<>();

    Users(String requirePass, List<String> userLines) {
        boolean open = requirePass == null || requirePass.isEmpty();
        users.put(DEFAULT, new User(DEFAULT, true, open, open ? List.of() : List.of(sha256(requirePass))));
        for (String line : userLines) {
            User u = parse(line);
            users.put(u.name(), u);
        }
    }

    /** {@code "alice on >secret ~* +@all"} or {@code "user alice ..."}: name first, then rules. */
    static User parse(String line) {
        String[] words = line.trim().split("\\s+");
        int i = words[0].equalsIgnoreCase("user") ? 1 : 0;
        if (i >= words.length) throw new IllegalArgumentException("user line without a name: " + line);
        String name = words[i];
        boolean enabled = false;
        boolean nopass = false;
        List<String> hashes = new ArrayList<>();
        for (int j = i + 1; j < words.length; j++) {
            String w = words[j];
            if (w.equalsIgnoreCase("on")) enabled = true;
            else if (w.equalsIgnoreCase("off")) enabled = false;
            else if (w.equalsIgnoreCase("nopass")) nopass = true;
            else if (w.equalsIgnoreCase("resetpass")) { nopass = false; hashes.clear(); }
            else if (w.startsWith(">")) hashes.add(sha256(w.substring(1)));
            else if (w.startsWith("#")) hashes.add(w.substring(1).toLowerCase(java.util.Locale.ROOT));
        }
        return new User(name, enabled, nopass, hashes);
    }

    /** True when the default user needs no password, i.e. clients start authenticated. */
    boolean defaultIsOpen() {
        User d = users.get(DEFAULT);
        return d.enabled() && d.nopass();
    }

    boolean check(String name, String password) {
        User u = users.get(name);
        if (u == null || !u.enabled()) return false;
        return u.nopass() || u.sha256Hashes().contains(sha256(password));
    }

    boolean exists(String name) {
        return users.containsKey(name);
    }

    List<String> names() {
        return List.copyOf(users.keySet());
    }

    /** The ACL LIST line, as Redis writes it. */
    String describe(String name) {
        User u = users.get(name);
        StringBuilder sb = new StringBuilder("user ").append(u.name()).append(u.enabled() ? " on" : " off");
        if (u.nopass()) sb.append(" nopass");
        for (String h : u.sha256Hashes()) sb.append(" #").append(h);
        return sb.append(" ~* &* +@all").toString();
    }

    private static String sha256(String s) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK without SHA-256", e);
        }
    }
}
