package io.sentinel.core.action;

import io.sentinel.core.model.LinkSettings;
import io.sentinel.core.model.Target;

/**
 * Keep a link to {@code target} open, reconnecting with backoff, until {@link CloseLink}. For a Redis target: a
 * command connection and a pub/sub connection subscribed to {@code __sentinel__:hello}. Idempotent.
 */
public record OpenLink(Target target, LinkSettings settings) implements Action { }
