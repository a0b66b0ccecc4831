/**
 * The configuration as values: {@link io.sentinel.core.config.SentinelConfig} (global directives, persisted state)
 * and {@link io.sentinel.core.config.MasterConfig} (one master), and the internal periods
 * ({@link io.sentinel.core.config.Timing}). What the core persists is a {@code SentinelConfig}; how it is written
 * is the shell's business. Depends on {@code model}.
 */
package io.sentinel.core.config;
