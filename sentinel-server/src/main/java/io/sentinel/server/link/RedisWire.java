package io.sentinel.server.link;

import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.CommandOutput;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.AsyncCommand;
import io.lettuce.core.protocol.Command;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.ProtocolKeyword;
import io.sentinel.core.model.LinkSettings;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Commands as we put them on the wire to a Redis instance: the name after {@code rename-command}, sent raw through
 * Lettuce's {@code dispatch}. Lettuce treats MULTI, EXEC, AUTH and CLIENT specially by {@link ProtocolKeyword#name()}
 * (transaction buffering, credential replay); our keywords carry an opaque name so Lettuce passes them through.
 */
final class RedisWire {
    static final StringCodec CODEC = StringCodec.UTF8;

    private RedisWire() {
    }

    /** Bytes sent = {@code wireName}; the name Lettuce sees = {@code lettuceName}. */
    record Keyword(String lettuceName, String wireName) implements ProtocolKeyword {
        @Override
        public byte[] getBytes() {
            return wireName.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String name() {
            return lettuceName;
        }
    }

    /** The renamed command, or empty when {@code rename-command} disabled it (renamed to ""). */
    static Optional<Keyword> keyword(LinkSettings settings, String command) {
        String wire = settings.commandName(command);
        return wire.isEmpty() ? Optional.empty() : Optional.of(new Keyword("sentinel-raw:" + command, wire));
    }

    /** A command with a status/bulk reply (PING, INFO, AUTH, OK/QUEUED replies); error replies fail the future. */
    static AsyncCommand<String, String, String> status(Keyword keyword, String... args) {
        return new AsyncCommand<>(new Command<>(keyword, new StatusOutput<>(CODEC), args(args)));
    }

    static <T> AsyncCommand<String, String, T> command(Keyword keyword, CommandOutput<String, String, T> output,
                                                        String... args) {
        return new AsyncCommand<>(new Command<>(keyword, output, args(args)));
    }

    private static CommandArgs<String, String> args(String... args) {
        CommandArgs<String, String> out = new CommandArgs<>(CODEC);
        for (String a : args) out.add(a);
        return out;
    }

    /**
     * EXEC's reply: the array of the queued commands' replies. Errors inside it (CONFIG REWRITE without a config
     * file, say) are Redis's business, as in redis-sentinel which discards them; only a top-level error (EXECABORT)
     * or a null array (aborted) fails the command.
     */
    static final class ExecOutput extends CommandOutput<String, String, Integer> {
        private boolean sawArray;
        private int nestedErrors;

        ExecOutput() {
            super(CODEC, null);
        }

        @Override
        public void multi(int count) {
            if (!sawArray) {
                sawArray = true;
                if (count < 0) super.setError("EXEC aborted (null reply)");
                else output = count;
            }
        }

        @Override
        public void set(ByteBuffer bytes) {
            if (!sawArray && bytes == null) super.setError("EXEC aborted (null reply)");
        }

        @Override
        public void set(long integer) {
            // CLIENT KILL answers a count inside EXEC; nothing to keep
        }

        @Override
        public void setError(ByteBuffer error) {
            if (sawArray) nestedErrors++;
            else super.setError(error);
        }

        @Override
        public void setError(String error) {
            if (sawArray) nestedErrors++;
            else super.setError(error);
        }

        int nestedErrors() {
            return nestedErrors;
        }
    }
}
