package io.sentinel.server.compat;

/**
 * Something that answers commands with RESP replies: a real server over a socket, or our renderer called
 * directly. Returns null when this source does not implement the command (the comparison is then skipped).
 */
public interface ReplySource extends AutoCloseable {
    RespNode call(String... args);

    @Override
    default void close() {
    }
}
