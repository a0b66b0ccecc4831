package io.sentinel.core.action;

import io.sentinel.core.model.Address;
import io.sentinel.core.model.Target;

/**
 * Point an instance at a master: {@code MULTI, REPLICAOF host port, CONFIG REWRITE, CLIENT KILL TYPE normal,
 * CLIENT KILL TYPE pubsub, EXEC}. Failure answers {@code CommandFailed(REPOINT)}.
 */
public record RepointReplica(Target target, Address master) implements Action { }
