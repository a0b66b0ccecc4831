/**
 * The failover state machine: {@link io.sentinel.core.failover.Failover} alone moves a master's phase, through
 * checked edges ({@link io.sentinel.core.failover.FailoverPhase}); the replica ranking and the reconfiguration of
 * replicas after a promotion. Depends on {@code monitor}, {@code election}, {@code detect}.
 */
package io.sentinel.core.failover;
