package io.sentinel.server.resp;

import java.util.List;

/**
 * A command's body; it answers through {@link ClientConnection#reply} (one or more replies, or a later one).
 * {@code args} is valid only during {@code run} (the decoder reuses it for the next request): keep its Strings or a
 * copy, never the list.
 */
@FunctionalInterface
interface Command {
    void run(ClientConnection client, List<String> args);
}
