package io.sentinel.core.action;

import io.sentinel.core.model.Target;

/**
 * {@code CONFIG REWRITE} on a replica that became a master through the old master's {@code FAILOVER} (nobody sent it
 * REPLICAOF NO ONE, which rewrites it): restarted, it must not come back as a replica of the old master. A failure
 * answers {@code CommandFailed(SAVE_CONFIG)}.
 */
public record SaveConfig(Target target) implements Action { }
