package io.sentinel.server.resp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The command table as ACL sees it: every command and subcommand gets an id (a bit in a user's command set), its
 * categories as a bit mask over {@link #CATEGORIES}, its container and subcommands. {@link #dictOrder()} stands for
 * the order redis-sentinel's command dictionary iterates (ACL CAT, the rules of ACL LIST): random per process there,
 * the command table's order here.
 */
final class AclCommandSet {
    /** Redis 7.0's ACL categories, in its order (ACL CAT, and the order rules are tried when describing a user). */
    static final List<String> CATEGORIES = List.of("keyspace", "read", "write", "set", "sortedset", "list", "hash",
            "string", "bitmap", "hyperloglog", "geo", "stream", "pubsub", "admin", "fast", "slow", "blocking",
            "dangerous", "connection", "transaction", "scripting");

    private final List<String> names = new ArrayList<>();
    private final List<Long> categories = new ArrayList<>();
    private final List<Integer> parents = new ArrayList<>();
    private final Map<Integer, List<Integer>> children = new HashMap<>();
    private final Map<String, Integer> ids = new HashMap<>();
    private final int[] dictOrder;

    AclCommandSet(CommandTable table) {
        for (CommandSpec top : table.topLevel()) {
            int parent = add(top, -1);
            List<Integer> subs = new ArrayList<>();
            for (CommandSpec s : top.subcommands().values()) subs.add(add(s, parent));
            children.put(parent, subs);
        }
        // Redis walks a hash table seeded at random per process, so its order changes from run to run; ours is the
        // table's (COMMAND's) order, fixed
        dictOrder = IntStream.range(0, names.size()).toArray();
    }

    private int add(CommandSpec spec, int parent) {
        int id = names.size();
        names.add(spec.name());
        long mask = 0;
        for (String c : spec.aclCategories()) {
            int bit = CATEGORIES.indexOf(c.substring(1));
            if (bit >= 0) mask |= 1L << bit;
        }
        categories.add(mask);
        parents.add(parent);
        ids.put(spec.name(), id);
        return id;
    }

    int size() {
        return names.size();
    }

    /** {@code ping} or {@code client|list} in any case; -1 if unknown (as is {@code a|b|c}). */
    int id(String fullName) {
        Integer id = ids.get(fullName.toLowerCase(Locale.ROOT));
        return id == null ? -1 : id;
    }

    String name(int id) {
        return names.get(id);
    }

    boolean inCategory(int id, int category) {
        return (categories.get(id) & (1L << category)) != 0;
    }

    /** The container's id, or -1 for a top-level command. */
    int parent(int id) {
        return parents.get(id);
    }

    List<Integer> subcommands(int id) {
        return children.getOrDefault(id, List.of());
    }

    /** Every id, each container followed by its subcommands. */
    int[] dictOrder() {
        return dictOrder.clone();
    }

    /** The index of {@code name} in {@link #CATEGORIES}, or -1. */
    static int category(String name) {
        return CATEGORIES.indexOf(name.toLowerCase(Locale.ROOT));
    }
}
