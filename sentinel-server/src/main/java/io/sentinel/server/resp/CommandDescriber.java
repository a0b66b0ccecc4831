package io.sentinel.server.resp;

import io.sentinel.server.reply.Resp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Renders a {@link CommandSpec} as COMMAND INFO and COMMAND DOCS do, field for field and in Redis's order. */
final class CommandDescriber {
    private static final List<String> DOC_TEXT_FIELDS = List.of("summary", "since", "group", "complexity");
    private static final List<String> ARG_TEXT_FIELDS = List.of("token", "since");

    private CommandDescriber() {
    }

    /**
     * [name, arity, flags, first key, last key, step, acl categories, tips, key specs, subcommands]. Redis 7.0 sends
     * "no subcommands" as an empty set but a list of them as an array (visible under RESP3): so do we.
     */
    static Resp info(CommandSpec c) {
        List<Resp> subs = new ArrayList<>();
        for (CommandSpec s : c.subcommands().values()) subs.add(info(s));
        return Resp.array(List.of(
                Resp.bulk(c.name()), Resp.integer(c.arity()), simpleSet(c.flags()),
                Resp.integer(0), Resp.integer(0), Resp.integer(0),
                simpleSet(c.aclCategories()), bulkSet(c.tips()), new Resp.SetReply(List.of()),
                subs.isEmpty() ? new Resp.SetReply(subs) : Resp.array(subs)));
    }

    /** The docs map of one command (without its name). */
    @SuppressWarnings("unchecked")
    static Resp docs(CommandSpec c) {
        Map<String, Object> d = c.docs();
        List<Resp> m = new ArrayList<>();
        for (String k : DOC_TEXT_FIELDS) putText(m, d, k);
        if (d.containsKey("doc_flags")) put(m, "doc_flags", simpleSet((List<String>) d.get("doc_flags")));
        putText(m, d, "deprecated_since");
        putText(m, d, "replaced_by");
        if (d.containsKey("history")) {
            List<Resp> history = new ArrayList<>();
            for (List<String> h : (List<List<String>>) d.get("history")) history.add(Resp.bulks(h));
            put(m, "history", new Resp.SetReply(history));
        }
        if (d.containsKey("arguments")) put(m, "arguments", arguments((List<Map<String, Object>>) d.get("arguments")));
        if (c.isContainer()) {
            List<Resp> subs = new ArrayList<>();
            for (CommandSpec s : c.subcommands().values()) {
                subs.add(Resp.bulk(s.name()));
                subs.add(docs(s));
            }
            put(m, "subcommands", new Resp.MapReply(subs));
        }
        return new Resp.MapReply(m);
    }

    @SuppressWarnings("unchecked")
    private static Resp arguments(List<Map<String, Object>> args) {
        List<Resp> out = new ArrayList<>();
        for (Map<String, Object> a : args) {
            List<Resp> m = new ArrayList<>();
            putText(m, a, "name");
            putText(m, a, "type");
            for (String k : ARG_TEXT_FIELDS) putText(m, a, k);
            if (a.containsKey("flags")) put(m, "flags", simpleSet((List<String>) a.get("flags")));
            putText(m, a, "deprecated_since");
            if (a.containsKey("arguments")) {
                put(m, "arguments", arguments((List<Map<String, Object>>) a.get("arguments")));
            }
            out.add(new Resp.MapReply(m));
        }
        return Resp.array(out);
    }

    private static void putText(List<Resp> m, Map<String, Object> from, String key) {
        Object v = from.get(key);
        if (v != null) put(m, key, Resp.bulk(String.valueOf(v)));
    }

    private static void put(List<Resp> m, String key, Resp value) {
        m.add(Resp.bulk(key));
        m.add(value);
    }

    private static Resp simpleSet(List<String> values) {
        List<Resp> items = new ArrayList<>(values.size());
        for (String v : values) items.add(new Resp.Simple(v));
        return new Resp.SetReply(items);
    }

    private static Resp bulkSet(List<String> values) {
        List<Resp> items = new ArrayList<>(values.size());
        for (String v : values) items.add(Resp.bulk(v));
        return new Resp.SetReply(items);
    }
}
