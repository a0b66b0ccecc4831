package io.sentinel.server.resp;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One ACL user's rules as Redis 7.0 keeps them (flags, password hashes, key and channel patterns, a bit per command,
 * allowed first arguments). Mutable, changed only by {@link AclRules} under {@link Users}' lock; connections read the
 * compiled {@link #grant()} instead.
 */
final class AclUser {
    static final int KEY_READ = 1;
    static final int KEY_WRITE = 2;
    static final int KEY_ALL = KEY_READ | KEY_WRITE;

    final String name;
    boolean enabled;
    boolean nopass;
    /** Redis's two payload flags: both may be unset (a user made by SETUSER without {@code reset}). */
    boolean sanitizePayload;
    boolean skipSanitizePayload;
    final List<String> passwordHashes = new ArrayList<>();
    boolean allKeys;
    /** Key pattern to its KEY_* flags, in the order added. */
    final Map<String, Integer> keyPatterns = new LinkedHashMap<>();
    boolean allChannels;
    final List<String> channelPatterns = new ArrayList<>();
    /** Redis's command bitmap: bit i for command id i, bit {@code futureBit} set only by {@code +@all}. */
    final BitSet commands = new BitSet();
    /** Redis's ALLCOMMANDS flag: every command allowed, no bit checked; any removal clears it. */
    boolean allCommands;
    /** Command id to the first arguments allowed while the command itself is not ({@code +ping|x}). */
    final Map<Integer, List<String>> firstArgs = new TreeMap<>();

    /** Compiled permissions and passwords; replaced after each change, read by connections without locking. */
    private volatile Grant grant;
    /** False once deleted: connections still holding it are being closed. */
    private volatile boolean live = true;

    AclUser(String name) {
        this.name = name;
    }

    /** A copy to apply a SETUSER to: Redis changes the user only if every rule is valid. */
    AclUser copy() {
        AclUser c = new AclUser(name);
        c.copyFrom(this);
        return c;
    }

    void copyFrom(AclUser o) {
        enabled = o.enabled;
        nopass = o.nopass;
        sanitizePayload = o.sanitizePayload;
        skipSanitizePayload = o.skipSanitizePayload;
        passwordHashes.clear();
        passwordHashes.addAll(o.passwordHashes);
        allKeys = o.allKeys;
        keyPatterns.clear();
        keyPatterns.putAll(o.keyPatterns);
        allChannels = o.allChannels;
        channelPatterns.clear();
        channelPatterns.addAll(o.channelPatterns);
        commands.clear();
        commands.or(o.commands);
        allCommands = o.allCommands;
        firstArgs.clear();
        o.firstArgs.forEach((k, v) -> firstArgs.put(k, new ArrayList<>(v)));
    }

    Grant grant() {
        return grant;
    }

    void publish(int commandCount) {
        grant = Grant.of(this, commandCount);
    }

    boolean live() {
        return live;
    }

    void retire() {
        live = false;
        grant = grant.retired();
    }
}
