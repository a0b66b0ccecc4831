package io.sentinel.server.resp;

import java.util.List;

/** A command's body; it answers through {@link ClientConnection#reply} (one or more replies, or a later one). */
@FunctionalInterface
interface Command {
    void run(ClientConnection client, List<String> args);
}
