package io.sentinel.core.input;

import io.sentinel.core.model.Target;

/** The text of an {@code INFO} reply from a Redis instance. */
public record InfoReceived(Target target, String info) implements Input { }
