/**
 * Parses a Redis {@code INFO} reply into an {@link io.sentinel.core.info.InfoSnapshot}: the fields a sentinel uses
 * (run id, role, replication state, replicas). Depends on {@code model}.
 */
package io.sentinel.core.info;
