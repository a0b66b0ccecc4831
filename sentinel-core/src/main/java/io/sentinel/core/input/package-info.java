/**
 * Inputs: past-tense facts the shell hands to the core (a tick, a reply, a link change, a peer's hello or vote
 * question, a client's parsed request). Values only; depends on {@code model}. Requests arrive already parsed and
 * checked: nothing here is a raw argument list.
 */
package io.sentinel.core.input;
