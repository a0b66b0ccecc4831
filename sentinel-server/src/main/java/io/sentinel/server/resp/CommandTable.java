package io.sentinel.server.resp;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The commands redis-sentinel 7.0 has, loaded from {@code sentinel-commands.json} (kept in redis-sentinel's COMMAND
 * order, which clients may show). Lookup is by lower-case name; subcommands by {@code container|sub}.
 */
final class CommandTable {
    private static final String RESOURCE = "sentinel-commands.json";

    private final Map<String, CommandSpec> commands;

    private CommandTable(Map<String, CommandSpec> commands) {
        this.commands = commands;
    }

    @SuppressWarnings("unchecked")
    static CommandTable load() {
        return new CommandTable(specs((List<Map<String, Object>>) JsonResource.load(RESOURCE)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, CommandSpec> specs(List<Map<String, Object>> entries) {
        Map<String, CommandSpec> out = new LinkedHashMap<>();
        if (entries == null) return out;
        for (Map<String, Object> e : entries) {
            Map<String, Object> docs = new LinkedHashMap<>(e);
            for (String k : List.of("name", "arity", "flags", "acl", "tips", "subcommands")) docs.remove(k);
            CommandSpec spec = new CommandSpec((String) e.get("name"), (Integer) e.get("arity"),
                    (List<String>) e.get("flags"), (List<String>) e.get("acl"), (List<String>) e.get("tips"),
                    Map.copyOf(docs), specs((List<Map<String, Object>>) e.get("subcommands")));
            out.put(spec.name(), spec);
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    /**
     * The table as clients look it up after the top-level rename-command ({@code renames}: original name to new
     * name, {@code ""} removed): COMMAND COUNT, LIST and INFO see only the names in use, each command still described
     * by its original name, as Redis's server.commands after its renames. ACL rules keep using the original table.
     */
    CommandTable renamed(Map<String, String> renames) {
        if (renames.isEmpty()) return this;
        Map<String, CommandSpec> out = new LinkedHashMap<>();
        for (Map.Entry<String, CommandSpec> e : commands.entrySet()) {
            String name = renames.getOrDefault(e.getKey(), e.getKey()).toLowerCase(Locale.ROOT);
            if (!name.isEmpty()) out.put(name, e.getValue());
        }
        return new CommandTable(java.util.Collections.unmodifiableMap(out));
    }

    /** A top-level command, by name in any case; null if unknown. */
    CommandSpec get(String name) {
        return commands.get(name.toLowerCase(Locale.ROOT));
    }

    /** {@code ping} or {@code client|list}, in any case; null if unknown. */
    CommandSpec byFullName(String fullName) {
        String lower = fullName.toLowerCase(Locale.ROOT);
        int bar = lower.indexOf('|');
        if (bar < 0) return commands.get(lower);
        CommandSpec container = commands.get(lower.substring(0, bar));
        // the container may be renamed: its subcommands keep their original full names
        return container == null ? null : container.subcommands().get(container.name() + lower.substring(bar));
    }

    Collection<CommandSpec> topLevel() {
        return commands.values();
    }

    /** Every command and subcommand, each container followed by its subcommands. */
    List<CommandSpec> all() {
        List<CommandSpec> out = new ArrayList<>();
        for (CommandSpec c : commands.values()) {
            out.add(c);
            out.addAll(c.subcommands().values());
        }
        return out;
    }

    int size() {
        return commands.size();
    }
}
