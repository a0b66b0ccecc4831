package io.sentinel.core.monitor;

import io.sentinel.core.info.InfoSnapshot;
import io.sentinel.core.info.ServerFailover;
import io.sentinel.core.model.Address;
import io.sentinel.core.model.Role;

/**
 * A Redis server of a monitored master (the master itself, or a {@link ReplicaState}): what its INFO said, and when.
 * The replication fields are what it reports as a replica; a master that reports {@code role:slave} has them too.
 */
public class NodeState extends InstanceState {
    public boolean infoInFlight;
    /** When the INFO in flight was asked for. */
    long infoRequestedAt;
    public long infoRefreshAt;
    public String infoText;
    public Role roleReported;
    public long roleReportedAt;
    long replicaConfChangeAt;
    public long rebootSince;
    /** Its own {@code FAILOVER} command's state, as its INFO reports it, and since when. */
    public ServerFailover failover = ServerFailover.UNREPORTED;
    public long failoverChangedAt;

    // from its INFO, as a replica
    public long masterLinkDownMillis;
    public String masterHost;
    public int masterPort;
    public boolean masterLinkUp;
    public int priority = 100;
    public long replOffset;
    public boolean announced = true;

    /** The master instance at {@code address}. */
    public static NodeState master(Address address, long now) {
        return new NodeState(Role.MASTER, address, now);
    }

    NodeState(Role role, Address address, long now) {
        super(role, address);
        this.roleReported = role;
        this.roleReportedAt = now;
        this.replicaConfChangeAt = now;
    }

    public void applyReplicaInfo(InfoSnapshot info) {
        masterLinkDownMillis = info.masterLinkDownSinceSeconds() >= 0 ? info.masterLinkDownSinceSeconds() * 1000 : 0;
        masterHost = info.masterHost();
        masterPort = info.masterPort();
        masterLinkUp = info.masterLinkUp();
        priority = info.slavePriority();
        replOffset = Math.max(0, info.slaveReplOffset());
        announced = info.replicaAnnounced();
    }
}
