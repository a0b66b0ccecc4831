package io.sentinel.core.input;

import java.util.List;

/**
 * A client's {@code SENTINEL} subcommand that the core must answer itself (it changes state or votes):
 * {@code args.get(0)} is the subcommand as sent. The core answers with a {@code Reply} carrying {@code requestId}.
 */
public record SentinelCommand(long requestId, List<String> args) implements Input {
    public SentinelCommand {
        args = List.copyOf(args);
    }
}
