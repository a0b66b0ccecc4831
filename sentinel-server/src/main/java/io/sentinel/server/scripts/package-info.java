/**
 * Notification and client-reconfig scripts, run as redis-sentinel runs them (a bounded queue, retries, timeouts) on one
 * thread of their own that starts with the first script; {@code SENTINEL PENDING-SCRIPTS} reads its queue. It may
 * depend on sentinel-core (script actions, events, timing) only: the daemon hands it the clock and where its events go.
 */
package io.sentinel.server.scripts;
