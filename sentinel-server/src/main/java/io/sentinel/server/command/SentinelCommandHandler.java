package io.sentinel.server.command;

import io.sentinel.server.reply.Resp;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The sentinel-specific commands the RESP server routes to: {@code SENTINEL ...}, {@code INFO} and {@code ROLE}.
 * Connection-level commands (PING, HELLO, CLIENT, SUBSCRIBE, COMMAND, ...) are the RESP server's own.
 */
public interface SentinelCommandHandler {

    /**
     * {@code args} is the whole command as sent, {@code args.get(0)} being {@code SENTINEL} in any case. Read-only
     * subcommands complete at once from the latest view; the others complete when the core loop has answered.
     */
    CompletionStage<Resp> sentinel(List<String> args);

    /**
     * The reply to a read-only {@code SENTINEL} subcommand, computed now on the caller's thread, or null when the
     * request must take {@link #sentinel(List)} (it changes state, or is malformed). {@code subcommand} is the
     * lower-case name the caller matched; {@code args} the whole command, as for {@link #sentinel(List)}.
     */
    default Resp answerNow(String subcommand, List<String> args) {
        return null;
    }

    /** The {@code INFO} text for the given section names (empty list = default), with the server's own counters. */
    String info(List<String> sections, ServerStats stats);

    /** The {@code ROLE} reply: {@code ["sentinel", [master names...]]}. */
    Resp role();
}
