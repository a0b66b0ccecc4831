package io.sentinel.core.input;

import io.sentinel.core.model.Target;

/**
 * A link's command connection is up (authenticated and named). {@code localHost} is our side's address on that
 * connection (null when unknown): without {@code announce-ip}, hellos announce it, as Redis does. {@code remoteIp}
 * is the IP the target's host name resolved to for this connection (null when unknown): without
 * {@code announce-hostnames}, replies, hellos and events show it instead of the name, as Redis does.
 */
public record LinkConnected(Target target, String localHost, String remoteIp) implements Input {
    public LinkConnected(Target target) {
        this(target, null, null);
    }

    public LinkConnected(Target target, String localHost) {
        this(target, localHost, null);
    }
}
