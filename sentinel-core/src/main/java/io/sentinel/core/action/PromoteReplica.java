package io.sentinel.core.action;

import io.sentinel.core.model.Target;

/**
 * Make the replica a master: {@code MULTI, [FAILOVER ABORT,] REPLICAOF NO ONE, CONFIG REWRITE, CLIENT KILL TYPE
 * normal, CLIENT KILL TYPE pubsub, EXEC}, with the master's renamed commands. {@code abortFailover}: the replica
 * reports a {@code FAILOVER} of its own going on, which would refuse REPLICAOF. Failure answers {@code
 * CommandFailed(PROMOTE)}.
 */
public record PromoteReplica(Target target, boolean abortFailover) implements Action {
    public PromoteReplica(Target target) {
        this(target, false);
    }
}
