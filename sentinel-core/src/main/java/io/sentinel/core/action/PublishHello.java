package io.sentinel.core.action;

import io.sentinel.core.model.Target;

/** {@code PUBLISH __sentinel__:hello <payload>} on the target's command link (an instance or a peer sentinel). */
public record PublishHello(Target target, String payload) implements Action { }
