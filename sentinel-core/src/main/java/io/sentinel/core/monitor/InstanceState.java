package io.sentinel.core.monitor;

import io.sentinel.core.info.InfoSnapshot;
import io.sentinel.core.model.Address;
import io.sentinel.core.model.Role;
import io.sentinel.core.model.Target;

/**
 * What the core knows of one instance (the master, a replica or a peer sentinel) of one monitored master. Mutable,
 * owned by the core thread; fields follow redis-sentinel's sentinelRedisInstance and instanceLink. Times are
 * monotonic milliseconds, 0 = never.
 */
public final class InstanceState {
    public final Role role;
    public Address address;
    public String runId;

    /** The link this instance is reached through; shared with other masters' instances at the same target. */
    public LinkState link;
    public long lastHelloSentAt;
    public boolean infoInFlight;
    /** When the INFO in flight was asked for. */
    public long infoRequestedAt;

    public long sdownSince;
    public long infoRefreshAt;
    public String infoText;
    public Role roleReported;
    public long roleReportedAt;
    public long replicaConfChangeAt;
    public long rebootSince;

    // replica fields, from its INFO
    public long masterLinkDownMillis;
    public String masterHost;
    public int masterPort;
    public boolean masterLinkUp;
    public int priority = 100;
    public long replOffset;
    public boolean announced = true;

    // failover flags of a replica
    public boolean promoted;
    public boolean reconfSent;
    public boolean reconfInProgress;
    public boolean reconfDone;
    public long reconfSentAt;

    // peer sentinel fields
    public long lastHelloAt;
    public boolean masterDown;
    public long lastMasterDownReplyAt;
    public long lastAskSentAt;
    /** The master address our last is-master-down-by-addr question to this peer named. */
    public Address askedAbout;
    public String leader;
    public long leaderEpoch;

    public InstanceState(Role role, Address address, long now) {
        this.role = role;
        this.address = address;
        this.roleReported = role == Role.SENTINEL ? null : role;
        this.roleReportedAt = now;
        this.replicaConfChangeAt = now;
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

    public void applyReplicaInfo(InfoSnapshot info) {
        masterLinkDownMillis = info.masterLinkDownSinceSeconds() >= 0 ? info.masterLinkDownSinceSeconds() * 1000 : 0;
        masterHost = info.masterHost();
        masterPort = info.masterPort();
        masterLinkUp = info.masterLinkUp();
        priority = info.slavePriority();
        replOffset = Math.max(0, info.slaveReplOffset());
        announced = info.replicaAnnounced();
    }

    public void clearFailoverFlags() {
        promoted = false;
        reconfSent = false;
        reconfInProgress = false;
        reconfDone = false;
    }
}
