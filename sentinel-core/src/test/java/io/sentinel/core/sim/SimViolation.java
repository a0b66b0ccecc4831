package io.sentinel.core.sim;

/** A broken invariant, thrown from inside a simulation step so the run stops where it happened. */
final class SimViolation extends RuntimeException {
    SimViolation(String message) {
        super(message, null, false, false);
    }
}
