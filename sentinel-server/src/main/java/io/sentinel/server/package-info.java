/**
 * The sentinel's entry point: {@code Main} reads redis-sentinel's command line (a config file, then
 * {@code --directive value} overrides, plus our own flags) and starts the daemon, or runs a subcommand ({@code demo},
 * {@code step-down}); {@code Logging} sets up the log format and level before anything logs. It may depend on every
 * shell package it starts ({@code config}, {@code logging}, {@code link} for the JVM's resolver policy,
 * {@code runtime}, {@code demo}, {@code stepdown}); nothing depends on it.
 */
package io.sentinel.server;
