/**
 * Actions: imperatives the core returns for the shell to carry out (send, publish, promote, persist, reply), and
 * {@link io.sentinel.core.action.Outcome}, the typed answer to a client's request that the shell renders in Redis's
 * words. Values only; depends on {@code model}, {@code config} and {@code event}.
 */
package io.sentinel.core.action;
