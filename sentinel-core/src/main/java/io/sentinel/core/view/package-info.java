/**
 * Immutable snapshots of the core's state ({@link io.sentinel.core.view.SentinelView}) for the shell's read-only
 * replies and metrics, built once per step by {@link io.sentinel.core.view.ViewBuilder}; derived facts (the address
 * clients should use now) are computed here, once. Depends on {@code monitor} and the value packages.
 */
package io.sentinel.core.view;
