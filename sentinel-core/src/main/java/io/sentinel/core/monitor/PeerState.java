package io.sentinel.core.monitor;

import io.sentinel.core.model.Address;
import io.sentinel.core.model.Role;

/**
 * Another sentinel monitoring the same master: when it last said hello, and what it answered to our last
 * is-master-down-by-addr question: whether it sees the master down and whom it voted for ({@code votedFor} in
 * {@code votedForEpoch}, its vote, not ours; ours is {@code MasterState.leader}).
 */
public final class PeerState extends InstanceState {
    public long lastHelloAt;
    public boolean masterDown;
    public long lastMasterDownReplyAt;
    long lastAskSentAt;
    /** The master address our last is-master-down-by-addr question to this peer named. */
    public Address askedAbout;
    public String votedFor;
    public long votedForEpoch;

    public PeerState(String runId, Address address) {
        super(Role.SENTINEL, address);
        this.runId = runId;
    }
}
