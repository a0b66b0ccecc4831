/**
 * Wiring and the core's thread: {@code Daemon} makes every part of a running sentinel (the Netty resources, the state
 * store, the core loop, the RESP server, the links, scripts and metrics) and closes them; {@code CoreLoop} is the one
 * thread that calls {@code Sentinel.handle} and publishes its view; the action dispatcher runs each batch's actions in
 * order, state first; {@code EventLog} logs and publishes events; {@code MonotonicClock} is the shell's one clock. It
 * may depend on sentinel-core and on every other shell package. None of them may depend on it (the daemon hands them
 * the clock, the event loops and where inputs go), only the entry point, which starts the daemon.
 */
package io.sentinel.server.runtime;
