package io.sentinel.server.resp;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Runs one request as Redis 7.0's processCommand does, in the same order of checks: look the command up
 * (unknown command or subcommand), check arity, require authentication unless the command is {@code no_auth},
 * restrict a RESP2 subscriber to the pub/sub commands, then run it. Runs on the client's event loop.
 */
final class CommandDispatcher {
    /** What a RESP2 client in subscribed mode may still run (QUIT and RESET are not sentinel commands). */
    private static final Set<String> SUBSCRIBED_MODE = Set.of("ping", "subscribe", "psubscribe", "unsubscribe",
            "punsubscribe", "ssubscribe", "sunsubscribe", "quit", "reset");

    private final CommandTable table;
    private final ClientRegistry registry;
    private final Map<String, Command> bodies = new HashMap<>();

    CommandDispatcher(CommandTable table, ClientRegistry registry) {
        this.table = table;
        this.registry = registry;
    }

    /** Gives the table entry {@code fullName} its body. */
    void define(String fullName, Command body) {
        if (table.byFullName(fullName) == null) throw new IllegalArgumentException("not in table: " + fullName);
        bodies.put(fullName, body);
    }

    CommandTable table() {
        return table;
    }

    void dispatch(ClientConnection client, List<String> args) {
        CommandSpec spec = table.get(args.get(0));
        if (spec == null) {
            client.reply(Errors.reply(Errors.unknownCommand(args)));
            return;
        }
        if (spec.isContainer() && args.size() > 1) {
            CommandSpec sub = spec.subcommands().get(spec.name() + "|" + args.get(1).toLowerCase(Locale.ROOT));
            if (sub == null) {
                client.reply(Errors.reply(Errors.unknownSubcommand(args.get(1), args.get(0))));
                return;
            }
            spec = sub;
        }
        String refusal = refusal(client, spec, args.size());
        if (refusal != null) {
            client.reply(Errors.reply(refusal));
            return;
        }
        client.beginCommand(spec.name());
        registry.commandProcessed();
        Command body = bodies.get(spec.name());
        if (body == null) client.reply(Errors.reply(Errors.notSupported(spec.name())));
        else body.run(client, args);
    }

    private static String refusal(ClientConnection client, CommandSpec spec, int words) {
        if (!spec.arityAccepts(words)) return Errors.wrongArity(spec.name());
        if (!client.authenticated() && !spec.hasFlag("no_auth")) return Errors.NOAUTH;
        if (client.protocol() == 2 && client.subscriptionCount() > 0 && !SUBSCRIBED_MODE.contains(topName(spec))) {
            return Errors.notAllowedSubscribed(spec.name());
        }
        return null;
    }

    private static String topName(CommandSpec spec) {
        int bar = spec.name().indexOf('|');
        return bar < 0 ? spec.name() : spec.name().substring(0, bar);
    }
}
