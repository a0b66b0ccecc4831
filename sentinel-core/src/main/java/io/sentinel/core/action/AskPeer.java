package io.sentinel.core.action;

import io.sentinel.core.model.Address;
import io.sentinel.core.model.Target;

/**
 * {@code SENTINEL is-master-down-by-addr <ip> <port> <epoch> <runid>} to a peer; {@code runId} is {@code "*"} to
 * ask only whether it sees the master down, or our id to ask for its vote. Answer with {@code VoteReplied}.
 */
public record AskPeer(Target peer, String masterName, Address masterAddress, long epoch, String runId)
        implements Action { }
