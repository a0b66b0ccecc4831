package io.sentinel.core.monitor;

import io.sentinel.core.config.KnownSentinel;
import io.sentinel.core.config.MasterConfig;
import io.sentinel.core.failover.FailoverPhase;
import io.sentinel.core.model.Address;
import io.sentinel.core.model.LinkSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * One monitored master: its settings, the master instance, its replicas (by address) and peer sentinels (by run
 * id), the vote this sentinel cast, and the failover in progress. Only {@code Failover} moves {@code phase}.
 */
public final class MasterState {
    public final String name;
    public NodeState master;
    public int quorum;
    public long downAfterMillis;
    public long failoverTimeoutMillis;
    public int parallelSyncs;
    public String authUser;
    public String authPass;
    public String notificationScript;
    public String clientReconfigScript;
    public long rebootDownAfterPeriodMillis;
    public Map<String, String> renamedCommands = new LinkedHashMap<>();

    public final TreeMap<Address, ReplicaState> replicas = new TreeMap<>();
    public final TreeMap<String, PeerState> sentinels = new TreeMap<>();

    public long configEpoch;
    public long leaderEpoch;
    public String leader;

    public long odownSince;
    public FailoverPhase phase = FailoverPhase.NONE;
    public long failoverEpoch;
    public long failoverStartAt;
    public long failoverStateChangeAt;
    public boolean forcedFailover;
    /** {@code SENTINEL FAILOVER COORDINATED}: elected, then handed over by the old master ({@code FAILOVER TO}). */
    public boolean coordinated;
    /** When the hand-over went to the master (0: not sent): its writes are paused from then on. */
    public long handOverSentAt;
    /** The number of the master's INFO request sent right behind the hand-over: replies from it on are newer. */
    public long handOverInfoSeq;
    /** A manual failover asked every replica for INFO at this time, to select on fresh offsets (0: not yet). */
    public long freshInfoAskedAt;
    public ReplicaState promoted;
    /** When REPLICAOF NO ONE last went to {@link #promoted}: it is sent again while unconfirmed. */
    public long promotionSentAt;
    public boolean switchAnnounced;
    /** No new failover attempt before this time (Redis: failover_start_time + 2 x failover-timeout). */
    public long retryNotBeforeAt;
    /** When, during WAIT_START, we vote for ourselves (0 = done or not a candidate). */
    public long ownVoteAt;
    /**
     * Until when the master's address, as persisted, is still to be confirmed after a start (0: confirmed). A
     * sentinel restarted while its peers failed over would otherwise hand out the old master for the few moments
     * before it hears from them; see {@link #confirmAddress} and {@code ViewBuilder}.
     */
    public long addressUnconfirmedUntil;
    /** How events and views show an address ({@link io.sentinel.core.SentinelState#announced}); set on creation. */
    public UnaryOperator<Address> announce = UnaryOperator.identity();

    public MasterState(MasterConfig config, long now) {
        this.name = config.name();
        this.master = NodeState.master(config.address(), now);
        applySettings(config);
        this.configEpoch = config.configEpoch();
        this.leaderEpoch = config.leaderEpoch();
        this.leader = config.leaderRunId();
        for (Address a : config.knownReplicas()) {
            if (!a.equals(config.address())) replicas.put(a, new ReplicaState(a, now));
        }
        // with peers known from an earlier run, unconfirmed until Started sets the deadline (views exist before it)
        if (!config.knownSentinels().isEmpty()) addressUnconfirmedUntil = Long.MAX_VALUE;
        for (KnownSentinel k : config.knownSentinels()) {
            sentinels.put(k.runId(), new PeerState(k.runId(), k.address()));
        }
    }

    public void applySettings(MasterConfig c) {
        quorum = c.quorum();
        downAfterMillis = c.downAfterMillis();
        failoverTimeoutMillis = c.failoverTimeoutMillis();
        parallelSyncs = c.parallelSyncs();
        authUser = c.authUser();
        authPass = c.authPass();
        notificationScript = c.notificationScript();
        clientReconfigScript = c.clientReconfigScript();
        rebootDownAfterPeriodMillis = c.masterRebootDownAfterPeriodMillis();
        renamedCommands = new LinkedHashMap<>(c.renamedCommands());
    }

    /**
     * Rule: after a start with peers known from an earlier run, the address is confirmed by the first hello of a peer
     * about this master (we then know at least what that peer knows), by a failover we run or hear of, or by the
     * deadline ({@code 2 x publish-period}: every live peer says hello at least that often). With no peer known there
     * is nobody who could know better: confirmed at once (a fresh start, a master added by MONITOR).
     */
    public void confirmAddress() {
        addressUnconfirmedUntil = 0;
    }

    public boolean addressConfirmed(long now) {
        return addressUnconfirmedUntil == 0 || now >= addressUnconfirmedUntil;
    }

    public boolean failoverInProgress() {
        return phase != FailoverPhase.NONE;
    }

    public boolean isOdown() {
        return odownSince != 0;
    }

    public LinkSettings linkSettings() {
        return new LinkSettings(authUser, authPass, renamedCommands);
    }

    /**
     * The address clients should use: the promoted replica once the promotion is confirmed (Redis's
     * sentinelGetCurrentMasterAddress), else the configured master.
     */
    public Address currentAddress() {
        if (promoted != null && (phase == FailoverPhase.RECONF_SLAVES || phase == FailoverPhase.UPDATE_CONFIG)) {
            return promoted.address;
        }
        return master.address;
    }

    public PeerState sentinelAt(Address address) {
        for (PeerState s : sentinels.values()) {
            if (s.address.equals(address)) return s;
        }
        return null;
    }

    /**
     * The config this master would be written back as. Like Redis's config rewrite it names the current address
     * (the promoted replica once promoted), and the old master replaces it among the known replicas: a leader that
     * restarts mid-failover must come back with the address that goes with the config epoch it persisted.
     */
    public MasterConfig toConfig() {
        Address current = currentAddress();
        List<Address> known = new ArrayList<>();
        for (Address a : replicas.keySet()) known.add(a.equals(current) ? master.address : a);
        List<KnownSentinel> peers = new ArrayList<>();
        for (PeerState s : sentinels.values()) {
            if (s.address.port() != 0) peers.add(new KnownSentinel(s.address, s.runId));
        }
        return new MasterConfig(name, current, quorum, downAfterMillis, failoverTimeoutMillis, parallelSyncs,
                authUser, authPass, notificationScript, clientReconfigScript, rebootDownAfterPeriodMillis,
                renamedCommands, known, peers, configEpoch, leaderEpoch, leader);
    }
}
