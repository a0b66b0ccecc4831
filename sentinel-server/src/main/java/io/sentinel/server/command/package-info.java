/**
 * The {@code SENTINEL}, {@code INFO} and {@code ROLE} commands: read-only subcommands answered from the latest
 * view; state-changing ones parsed once ({@link io.sentinel.server.command.SentinelRequests}) into typed core inputs,
 * and the core's outcomes rendered ({@link io.sentinel.server.command.OutcomeReplies}). All error texts of the server
 * live in {@link io.sentinel.server.command.Errors}. Depends on the core and {@code reply}; {@code resp} depends on
 * it, not the other way.
 */
package io.sentinel.server.command;
