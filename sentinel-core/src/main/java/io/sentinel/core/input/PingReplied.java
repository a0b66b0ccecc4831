package io.sentinel.core.input;

import io.sentinel.core.model.Target;

/**
 * An answer to our PING, in time. {@code reply} is the status text ({@code PONG}) or, when {@code error}, the error
 * text ({@code LOADING ...}, {@code MASTERDOWN ...}). The core decides which replies count as valid.
 */
public record PingReplied(Target target, String reply, boolean error) implements Input { }
