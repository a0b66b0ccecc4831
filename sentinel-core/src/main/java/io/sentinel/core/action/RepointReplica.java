package io.sentinel.core.action;

import io.sentinel.core.model.Address;
import io.sentinel.core.model.Target;

/**
 * Point an instance at a master: {@code MULTI, [FAILOVER ABORT,] REPLICAOF host port, CONFIG REWRITE, CLIENT KILL
 * TYPE normal, CLIENT KILL TYPE pubsub, EXEC}. {@code abortFailover}: the instance reports a {@code FAILOVER} of its
 * own going on (stuck, say), which would refuse REPLICAOF. Failure answers {@code CommandFailed(REPOINT)}.
 */
public record RepointReplica(Target target, Address master, boolean abortFailover) implements Action {
    public RepointReplica(Target target, Address master) {
        this(target, master, false);
    }
}
