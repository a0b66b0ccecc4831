package io.sentinel.core.monitor;

import io.sentinel.core.model.Address;
import io.sentinel.core.model.Role;
import io.sentinel.core.model.Target;

/**
 * What the core knows of any instance of a monitored master, whatever its role: where it is, the link it is reached
 * through, and whether it looks down. {@link NodeState} (the master and its replicas: Redis servers),
 * {@link ReplicaState} and {@link PeerState} (other sentinels) add their own fields. Mutable, owned by the core
 * thread; times are monotonic milliseconds, 0 = never.
 */
public abstract class InstanceState {
    public final Role role;
    public Address address;
    public String runId;

    /** The link this instance is reached through; shared with other masters' instances at the same target. */
    public LinkState link;
    public long lastHelloSentAt;
    public long sdownSince;

    InstanceState(Role role, Address address) {
        this.role = role;
        this.address = address;
    }

    public Target target() {
        return role == Role.SENTINEL ? Target.sentinel(address) : Target.redis(address);
    }

    /** Redis's name: ip:port for instances, the run id for sentinels. */
    public String name() {
        return role == Role.SENTINEL && runId != null ? runId : address.hostPort();
    }

    public boolean isSdown() {
        return sdownSince != 0;
    }
}
