package io.sentinel.core.input;

import io.sentinel.core.model.Target;

/** A command we sent got no usable answer: timed out, link down, rejected, or an error reply. */
public record CommandFailed(Target target, Command command, String reason) implements Input {
    public enum Command {
        PING, INFO, PUBLISH_HELLO, ASK_PEER, PROMOTE, REPOINT, HAND_OVER, CANCEL_HAND_OVER, RELEASE_CLIENTS, SAVE_CONFIG
    }
}
