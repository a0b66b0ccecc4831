/**
 * The sentinel's decisions as a pure, deterministic state machine: {@link io.sentinel.core.Sentinel#handle} takes one
 * typed input and the time and returns actions; {@link io.sentinel.core.SentinelState} is all it knows,
 * {@link io.sentinel.core.Effects} what one step produces. No I/O, clock, thread, randomness of its own or logger (a
 * test enforces it), so the simulator can run many sentinels on virtual time. Depends on nothing outside the JDK;
 * the subpackages may depend on this one and on each other, never on the shell.
 */
package io.sentinel.core;
