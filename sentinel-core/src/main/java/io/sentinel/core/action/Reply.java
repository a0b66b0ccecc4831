package io.sentinel.core.action;

/** Answer the client request {@code requestId} (an {@code AdminRequest} or a {@code VoteRequested}). */
public record Reply(long requestId, Outcome outcome) implements Action { }
