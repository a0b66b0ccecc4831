/**
 * {@code sentinel step-down}, for a Redis pod's preStop hook: asks a sentinel whether this pod's Redis is the master
 * and, if so, for a failover, then waits until every reachable sentinel reports another master. A short-lived command
 * of its own, with a small blocking RESP client ({@code RespClient}), not the daemon's links. It may depend on
 * sentinel-core's model and the JDK only; only the entry point depends on it.
 */
package io.sentinel.server.stepdown;
