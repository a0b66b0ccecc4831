package io.sentinel.core.input;

import io.sentinel.core.model.Target;

/**
 * A peer's answer to {@code SENTINEL is-master-down-by-addr}: whether it sees the master down, the leader it voted
 * for ({@code "*"} when the question asked for no vote) and the epoch of that vote.
 */
public record VoteReplied(Target peer, String masterName, boolean down, String leaderRunId, long leaderEpoch)
        implements Input { }
