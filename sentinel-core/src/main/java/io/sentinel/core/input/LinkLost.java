package io.sentinel.core.input;

import io.sentinel.core.model.Target;

/** A link's command connection went down; the shell reconnects by itself. */
public record LinkLost(Target target, String reason) implements Input { }
