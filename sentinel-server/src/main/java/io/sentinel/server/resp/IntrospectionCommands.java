package io.sentinel.server.resp;

import io.sentinel.core.admin.Glob;
import io.sentinel.server.command.Errors;
import io.sentinel.server.reply.Resp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** COMMAND and its subcommands, describing our {@link CommandTable} as redis-sentinel describes its own. */
final class IntrospectionCommands {
    private final CommandTable table;
    private final HelpTexts help;

    IntrospectionCommands(CommandTable table, HelpTexts help) {
        this.table = table;
        this.help = help;
    }

    void register(CommandDispatcher d) {
        d.define("command", (c, a) -> c.reply(infoOf(table.topLevel())));
        d.define("command|count", (c, a) -> c.reply(Resp.integer(table.size())));
        d.define("command|info", this::info);
        d.define("command|docs", this::docs);
        d.define("command|list", this::list);
        d.define("command|help", (c, a) -> c.reply(help.reply("command")));
        d.define("command|getkeys", this::getKeys);
        d.define("command|getkeysandflags", this::getKeys);
    }

    private static Resp infoOf(Iterable<CommandSpec> specs) {
        List<Resp> out = new ArrayList<>();
        for (CommandSpec s : specs) out.add(CommandDescriber.info(s));
        return Resp.array(out);
    }

    /** COMMAND INFO [name ...]: all when none named, a null for each unknown name. */
    private void info(ClientConnection c, List<String> args) {
        if (args.size() == 2) {
            c.reply(infoOf(table.topLevel()));
            return;
        }
        List<Resp> out = new ArrayList<>();
        for (String name : args.subList(2, args.size())) {
            CommandSpec s = table.byFullName(name);
            out.add(s == null ? Resp.NULL : CommandDescriber.info(s));
        }
        c.reply(Resp.array(out));
    }

    /** COMMAND DOCS [name ...]: a map name -> docs, unknown names left out. */
    private void docs(ClientConnection c, List<String> args) {
        List<CommandSpec> specs = new ArrayList<>();
        if (args.size() == 2) {
            specs.addAll(table.topLevel());
        } else {
            for (String name : args.subList(2, args.size())) {
                CommandSpec s = table.byFullName(name);
                if (s != null) specs.add(s);
            }
        }
        List<Resp> entries = new ArrayList<>();
        for (CommandSpec s : specs) {
            entries.add(Resp.bulk(s.name()));
            entries.add(CommandDescriber.docs(s));
        }
        c.reply(new Resp.MapReply(entries));
    }

    /** COMMAND LIST [FILTERBY MODULE m | ACLCAT cat | PATTERN glob]. */
    private void list(ClientConnection c, List<String> args) {
        String by = null;
        String value = null;
        if (args.size() == 5 && args.get(2).equalsIgnoreCase("filterby")) {
            by = args.get(3).toLowerCase(Locale.ROOT);
            value = args.get(4);
        }
        if (args.size() != 2 && (by == null || !List.of("module", "aclcat", "pattern").contains(by))) {
            c.reply(Errors.reply(Errors.SYNTAX));
            return;
        }
        List<String> names = new ArrayList<>();
        for (CommandSpec s : table.all()) {
            if (by == null || matches(s, by, value)) names.add(s.name());
        }
        c.reply(Resp.bulks(names));
    }

    private static boolean matches(CommandSpec s, String by, String value) {
        switch (by) {
            case "aclcat": return s.aclCategories().contains("@" + value.toLowerCase(Locale.ROOT));
            case "pattern": return Glob.matches(value.toLowerCase(Locale.ROOT), s.name());
            default: return false; // no modules in a sentinel
        }
    }

    /** Nothing a sentinel runs has keys; still tell unknown commands and bad arities apart as Redis does. */
    private void getKeys(ClientConnection c, List<String> args) {
        CommandSpec s = table.get(args.get(2));
        if (s != null && s.isContainer() && args.size() > 3) {
            s = s.subcommands().get(s.name() + "|" + args.get(3).toLowerCase(Locale.ROOT));
        }
        if (s == null) {
            c.reply(Errors.reply(Errors.INVALID_COMMAND));
        } else if (!s.arityAccepts(args.size() - 2)) {
            c.reply(Errors.reply("ERR Invalid number of arguments specified for command"));
        } else {
            c.reply(Errors.reply(Errors.NO_KEY_ARGS));
        }
    }
}
