/**
 * Reading and writing configuration: {@code sentinel.conf} (Redis's directives, file and line in every error),
 * YAML, the separate state file, and rewriting the file as redis-sentinel does. Produces the core's
 * {@code SentinelConfig}; depends on the core's {@code config} and {@code model} only.
 */
package io.sentinel.server.config;
