package io.sentinel.core.input;

/** The first input: the process is up. The core opens its links and persists its state (a new myid, say). */
public record Started() implements Input { }
