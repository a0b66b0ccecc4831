package io.sentinel.core.monitor;

import io.sentinel.core.model.Address;
import io.sentinel.core.model.Role;

/** A replica of a monitored master: a {@link NodeState} with the flags of the failover that may be moving it. */
public final class ReplicaState extends NodeState {
    public boolean promoted;
    public boolean reconfSent;
    public boolean reconfInProgress;
    public boolean reconfDone;
    public long reconfSentAt;

    public ReplicaState(Address address, long now) {
        super(Role.REPLICA, address, now);
    }

    public void clearFailoverFlags() {
        promoted = false;
        reconfSent = false;
        reconfInProgress = false;
        reconfDone = false;
    }
}
