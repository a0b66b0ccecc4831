/**
 * The decisions behind the state-changing {@code SENTINEL} subcommands (MONITOR, REMOVE, SET, RESET, FAILOVER,
 * CONFIG SET, DEBUG, SIMULATE-FAILURE): each takes a parsed request and returns an
 * {@link io.sentinel.core.action.Outcome}. Holds no reply text. Depends on {@code monitor}, {@code failover} and the
 * value packages.
 */
package io.sentinel.core.admin;
