package io.sentinel.core.input;

import io.sentinel.core.model.Target;

/**
 * A link's command connection is up (authenticated and named). {@code localHost} is our side's address on that
 * connection (null when unknown): without {@code announce-ip}, hellos announce it, as Redis does.
 */
public record LinkConnected(Target target, String localHost) implements Input {
    public LinkConnected(Target target) {
        this(target, null);
    }
}
