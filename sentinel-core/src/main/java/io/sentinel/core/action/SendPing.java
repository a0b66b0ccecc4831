package io.sentinel.core.action;

import io.sentinel.core.model.Target;

/** Send {@code PING}; answer with {@code PingReplied} or {@code CommandFailed(PING)}. */
public record SendPing(Target target) implements Action { }
