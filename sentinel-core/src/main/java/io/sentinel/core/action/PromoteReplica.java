package io.sentinel.core.action;

import io.sentinel.core.model.Target;

/**
 * Make the replica a master: {@code MULTI, REPLICAOF NO ONE, CONFIG REWRITE, CLIENT KILL TYPE normal, CLIENT KILL
 * TYPE pubsub, EXEC}, with the master's renamed commands. Failure answers {@code CommandFailed(PROMOTE)}.
 */
public record PromoteReplica(Target target) implements Action { }
