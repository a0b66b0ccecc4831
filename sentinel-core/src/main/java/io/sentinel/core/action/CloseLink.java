package io.sentinel.core.action;

import io.sentinel.core.model.Target;

/** Close the link to {@code target}; pending commands fail. Idempotent. */
public record CloseLink(Target target) implements Action { }
