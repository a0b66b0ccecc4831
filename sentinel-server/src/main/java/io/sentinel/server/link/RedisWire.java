package io.sentinel.server.link;

import io.sentinel.core.model.LinkSettings;

import java.util.List;
import java.util.Optional;

/** Commands as we put them on the wire to a Redis instance: the name after {@code rename-command}, then the args. */
final class RedisWire {
    private RedisWire() {
    }

    /** {@code command args...} under its renamed name, or empty when {@code rename-command} disabled it. */
    static Optional<String[]> command(LinkSettings settings, String command, String... args) {
        String wire = settings.commandName(command);
        if (wire.isEmpty()) return Optional.empty();
        String[] out = new String[args.length + 1];
        out[0] = wire;
        System.arraycopy(args, 0, out, 1, args.length);
        return Optional.of(out);
    }

    /**
     * Why EXEC's reply means the transaction did not run, or null when it ran. Errors inside the array (CONFIG
     * REWRITE without a config file, say) are Redis's business, as in redis-sentinel which discards them; only a
     * top-level error (EXECABORT) or a null array (aborted) fails the command.
     */
    /** {@link #execFailure(Object)} of the last of a MULTI .. EXEC's replies. */
    static String lastExecFailure(List<Object> replies) {
        return execFailure(replies.get(replies.size() - 1));
    }

    /**
     * The first error of a MULTI .. EXEC the caller cares about every step of: a step refused when queued (NOPERM,
     * unknown command: EXEC then says only EXECABORT), else EXEC's own error, else an error inside EXEC's reply;
     * null when every step ran.
     */
    static String firstError(List<Object> replies) {
        for (int i = 1; i < replies.size() - 1; i++) {
            if (replies.get(i) instanceof RespCommandHandler.ReplyError e) return e.text();
        }
        Object exec = replies.get(replies.size() - 1);
        if (exec instanceof List<?> results) {
            for (Object r : results) {
                if (r instanceof RespCommandHandler.ReplyError e) return e.text();
            }
        }
        return execFailure(exec);
    }

    static String execFailure(Object reply) {
        if (reply instanceof List<?>) return null;
        if (reply instanceof RespCommandHandler.ReplyError e) return e.text();
        if (reply == null) return "EXEC aborted (null reply)";
        return "unexpected EXEC reply: " + reply;
    }
}
