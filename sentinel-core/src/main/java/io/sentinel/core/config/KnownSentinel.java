package io.sentinel.core.config;

import io.sentinel.core.model.Address;

/** A {@code sentinel known-sentinel <master> <ip> <port> <runid>} line. */
public record KnownSentinel(Address address, String runId) {
}
