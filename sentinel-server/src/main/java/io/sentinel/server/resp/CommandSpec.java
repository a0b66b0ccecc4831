package io.sentinel.server.resp;

import java.util.List;
import java.util.Map;

/**
 * One entry of the command table as COMMAND describes it. {@code name} is the full name ({@code client|list} for a
 * subcommand); {@code docs} holds the COMMAND DOCS fields (summary, since, group, complexity, doc_flags, history,
 * arguments...) as loaded from {@code sentinel-commands.json}. No sentinel command has keys, so first/last/step are 0
 * and there are no key specs.
 */
record CommandSpec(
        String name,
        int arity,
        List<String> flags,
        List<String> aclCategories,
        List<String> tips,
        Map<String, Object> docs,
        Map<String, CommandSpec> subcommands) {

    CommandSpec {
        flags = List.copyOf(flags);
        aclCategories = List.copyOf(aclCategories);
        tips = List.copyOf(tips);
    }

    boolean hasFlag(String flag) {
        return flags.contains(flag);
    }

    boolean isContainer() {
        return !subcommands.isEmpty();
    }

    /** Redis's arity rule: exactly {@code arity} words, or at least {@code -arity} when negative. */
    boolean arityAccepts(int words) {
        return arity >= 0 ? words == arity : words >= -arity;
    }
}
