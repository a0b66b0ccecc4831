package io.sentinel.server.resp;

import io.sentinel.server.command.Errors;
import io.sentinel.server.reply.Resp;
import java.util.List;
import java.util.Locale;

/**
 * ACL DRYRUN user command [arg...]: whether the user could run it, checked as a request would be (command bit or
 * first argument, then channels), without running it. A refusal is a bulk string in Redis's verbose words.
 */
final class AclDryRun {
    private final Users users;
    private final CommandTable table;

    AclDryRun(Users users, CommandTable table) {
        this.users = users;
        this.table = table;
    }

    void run(ClientConnection c, List<String> args) {
        AclUser user = users.get(args.get(2));
        if (user == null) {
            c.reply(Errors.reply("ERR User '" + args.get(2) + "' not found"));
            return;
        }
        List<String> command = args.subList(3, args.size());
        CommandSpec spec = lookup(command);
        if (spec == null) {
            c.reply(Errors.reply("ERR Command '" + command.get(0) + "' not found"));
            return;
        }
        if (!spec.arityAccepts(command.size())) {
            c.reply(Errors.reply(Errors.wrongArity(spec.name())));
            return;
        }
        c.reply(check(user.grant(), spec, command));
    }

    /** lookupCommand: a container with arguments names a subcommand, which must exist. */
    private CommandSpec lookup(List<String> command) {
        CommandSpec top = table.get(command.get(0));
        if (top == null || !top.isContainer() || command.size() == 1) return top;
        return top.subcommands().get(top.name() + "|" + command.get(1).toLowerCase(Locale.ROOT));
    }

    private Resp check(Grant grant, CommandSpec spec, List<String> command) {
        int id = users.commands().id(spec.name());
        int firstArg = spec.name().indexOf('|') < 0 ? 1 : 2;
        if (!spec.hasFlag("no_auth") && !grant.mayRun(id, command, firstArg)) {
            return Resp.bulk("This user has no permissions to run the '" + spec.name() + "' command");
        }
        String denied = CommandDispatcher.deniedChannel(grant, RouteIndex.Channels.of(spec.name()), command);
        if (denied != null) return Resp.bulk("This user has no permissions to access the '" + denied + "' channel");
        return Resp.OK;
    }
}
