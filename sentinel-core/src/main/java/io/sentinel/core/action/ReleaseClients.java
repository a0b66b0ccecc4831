package io.sentinel.core.action;

import io.sentinel.core.model.Target;

/**
 * After a coordinated failover's promotion, to the old master, now a replica (Valkey's sentinelKillClients): {@code
 * MULTI, CONFIG REWRITE, CLIENT KILL TYPE normal, CLIENT KILL TYPE pubsub, CLIENT UNPAUSE, EXEC}. Clients still
 * waiting on the pause are disconnected (their writes never ran) and ask the sentinels for the new master. A failure
 * answers {@code CommandFailed(RELEASE_CLIENTS)}.
 */
public record ReleaseClients(Target target) implements Action { }
