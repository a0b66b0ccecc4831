package io.sentinel.core.action;

import io.sentinel.core.reply.Resp;

/** Answer the client request {@code requestId} (from {@code SentinelCommand}). */
public record Reply(long requestId, Resp value) implements Action { }
