package io.sentinel.core.action;

import io.sentinel.core.model.Target;

/**
 * A coordinated failover gave up: {@code MULTI, FAILOVER ABORT, CLIENT UNPAUSE, EXEC} to the old master, so it stays
 * the master and takes writes again at once (Redis 7.2 and later keep a {@code CLIENT PAUSE} until it expires even
 * when the {@code FAILOVER} ended). Errors inside EXEC ("No failover in progress") are expected and ignored; a failure
 * answers {@code CommandFailed(CANCEL_HAND_OVER)}.
 */
public record CancelHandOver(Target master) implements Action { }
