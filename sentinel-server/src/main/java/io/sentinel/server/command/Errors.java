package io.sentinel.server.command;

import io.sentinel.core.reply.Resp;
import java.util.Locale;

/** The error replies of the sentinel commands, worded exactly as redis-sentinel 7.0 words them. */
final class Errors {
    static final Resp NO_SUCH_MASTER = Resp.error("ERR No such master with that name");
    static final Resp CONFIG_USAGE =
            Resp.error("ERR Only SENTINEL CONFIG GET <option> / SET <option> <value> are supported.");

    private Errors() {
    }

    /** The command table's arity error, naming the container and subcommand in lower case ({@code sentinel|master}). */
    static Resp arity(String command, String subcommand) {
        String name = command.toLowerCase(Locale.ROOT);
        if (subcommand != null) name += "|" + subcommand.toLowerCase(Locale.ROOT);
        return Resp.error("ERR wrong number of arguments for '" + sanitize(name) + "' command");
    }

    /** Redis quotes at most 128 characters of the unknown name. */
    static Resp unknownSubcommand(String subcommand, String command) {
        String shown = subcommand.length() > 128 ? subcommand.substring(0, 128) : subcommand;
        return Resp.error("ERR unknown subcommand '" + sanitize(shown) + "'. Try "
                + command.toUpperCase(Locale.ROOT) + " HELP.");
    }

    /** An error reply is one line: Redis turns CR and LF in it into spaces. */
    static String sanitize(String text) {
        return text.replace('\r', ' ').replace('\n', ' ');
    }
}
