package io.sentinel.core.input;

/**
 * A fact the shell hands to the core: a tick, a reply, a link change, a peer's message, a client's command. Inputs
 * are past-tense; the core answers each with a list of actions.
 */
public sealed interface Input permits Started, Tick, LinkConnected, LinkLost, LinkFailed, PingReplied,
        InfoReceived, HelloReceived, VoteReplied, CommandFailed, AdminRequest, VoteRequested, UsersChanged {
}
