package io.sentinel.core.input;

/** The periodic timer (every 100 ms): the core sends due PINGs, INFOs, hellos and questions, and checks timeouts. */
public record Tick() implements Input { }
