package io.sentinel.server.link;

import io.sentinel.core.action.AskPeer;
import io.sentinel.core.model.Address;
import io.sentinel.core.model.LinkSettings;

import java.util.concurrent.CompletableFuture;

/**
 * A link to one target. Every command is answered by exactly one input (a reply or {@code CommandFailed}), except
 * the ones whose success needs no answer (hello, promote, repoint, the hand-over's). A command the target kind
 * cannot take is a programmer error: {@link IllegalArgumentException}.
 */
interface Link {
    LinkSettings settings();

    void start();

    void ping();

    void info();

    void publishHello(String payload);

    default void askPeer(AskPeer ask) {
        throw new IllegalArgumentException("AskPeer needs a sentinel target: " + ask);
    }

    default void promote(boolean abortFailover) {
        throw new IllegalArgumentException("PromoteReplica needs a Redis target");
    }

    default void repoint(Address master, boolean abortFailover) {
        throw new IllegalArgumentException("RepointReplica needs a Redis target");
    }

    default void handOver(Address replica, long timeoutMillis) {
        throw new IllegalArgumentException("HandOver needs a Redis target");
    }

    default void cancelHandOver() {
        throw new IllegalArgumentException("CancelHandOver needs a Redis target");
    }

    default void releaseClients() {
        throw new IllegalArgumentException("ReleaseClients needs a Redis target");
    }

    default void saveConfig() {
        throw new IllegalArgumentException("SaveConfig needs a Redis target");
    }

    /** The core declared this instance SDOWN: reconnect at the slow pace (see {@link RespSession#backOff}). */
    default void backOff() {
    }

    /**
     * Closes the connections; commands in flight fail. No {@code LinkLost}: the core asked for it. Completes when
     * the connections are closed.
     */
    CompletableFuture<Void> close();
}
