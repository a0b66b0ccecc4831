package io.sentinel.core.input;

/**
 * A peer's {@code SENTINEL IS-MASTER-DOWN-BY-ADDR <host> <port> <epoch> <runid>}: does this sentinel see the master
 * at {@code host:port} down, and, when {@code candidate} is a run id (not null), will it vote for that candidate in
 * {@code epoch}. Answered with a {@code Reply} whose outcome is a {@code VoteAnswer}.
 */
public record VoteRequested(long requestId, String host, int port, long epoch, String candidate) implements Input { }
