package io.sentinel.core.input;

import io.sentinel.core.model.LinkFailure;
import io.sentinel.core.model.Target;

/**
 * A link cannot be used, and why: a connection attempt failed (the name did not resolve, the credentials were
 * refused, nothing answered) or a command we need was refused. Sent when the cause changes, not on every retry;
 * {@code detail} is the error as the instance or the OS gave it, for display only.
 */
public record LinkFailed(Target target, LinkFailure failure, String detail) implements Input { }
