package io.sentinel.core.action;

import io.sentinel.core.model.Target;

/** Send {@code INFO}; answer with {@code InfoReceived} or {@code CommandFailed(INFO)}. */
public record RequestInfo(Target target) implements Action { }
