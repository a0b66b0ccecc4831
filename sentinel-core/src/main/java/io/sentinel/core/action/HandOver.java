package io.sentinel.core.action;

import io.sentinel.core.model.Address;
import io.sentinel.core.model.Target;

/**
 * A coordinated failover's one command to the master (Valkey's sentinelFailoverTo): {@code MULTI, CLIENT PAUSE
 * <timeout> WRITE, FAILOVER TO <replica host> <replica port> TIMEOUT <timeout>, EXEC}. The master pauses writes, waits
 * for the replica to catch up, demotes itself and hands over with {@code PSYNC FAILOVER}. Its success is seen in the
 * replica's INFO; a refusal (an error in or instead of EXEC's reply, such as a missing ACL permission) answers {@code
 * CommandFailed(HAND_OVER)} with the server's error, which names the command it refused.
 */
public record HandOver(Target master, Address replica, long timeoutMillis) implements Action { }
