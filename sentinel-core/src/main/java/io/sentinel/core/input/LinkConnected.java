package io.sentinel.core.input;

import io.sentinel.core.model.Target;

/** A link's command connection is up (authenticated and named). */
public record LinkConnected(Target target) implements Input { }
