package io.sentinel.core;

import io.sentinel.core.config.MasterConfig;
import io.sentinel.core.config.SentinelConfig;
import io.sentinel.core.config.Timing;
import io.sentinel.core.event.EventType;
import io.sentinel.core.model.Address;
import io.sentinel.core.model.LinkSettings;
import io.sentinel.core.model.Target;
import io.sentinel.core.monitor.LinkState;
import io.sentinel.core.monitor.Links;
import io.sentinel.core.monitor.MasterState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

/** The whole mutable state of one sentinel, owned by the core thread. Masters are kept in name order. */
public final class SentinelState {
    public static final int SIMULATE_CRASH_AFTER_ELECTION = 1;
    public static final int SIMULATE_CRASH_AFTER_PROMOTION = 2;

    public SentinelConfig config;
    public final String myid;
    public long currentEpoch;
    public Timing timing;
    public final RandomGenerator random;
    public final TreeMap<String, MasterState> masters = new TreeMap<>();
    public final Links links = new Links();
    public boolean tilt;
    public long tiltSince;
    public long lastTickAt;
    public int simulateFailureFlags;
    /** Our address on the links, learnt from LinkConnected, for hellos without announce-ip. */
    String localHost;
    /** The IP each host name last connected at (LinkConnected), for {@link #announced} without announce-hostnames. */
    public final TreeMap<String, String> resolvedIps = new TreeMap<>();
    private long voteJitterEpoch = -1;
    private int voteJitter;

    /**
     * The random part of our own vote's delay, drawn once per epoch: the failovers that start together in a node
     * outage then cast their own votes in the same tick, and the core loop persists them with one write instead of
     * one per master (a random draw per master spread 99 votes over 20 ticks and 400 ms of state writes).
     */
    public int voteJitter(long epoch, int maxMillis) {
        if (epoch != voteJitterEpoch) {
            voteJitterEpoch = epoch;
            voteJitter = random.nextInt(maxMillis + 1);
        }
        return voteJitter;
    }

    /** Set when a simulated crash fired: the core then ignores every input, like a dead process. */
    public boolean crashed;

    public SentinelState(SentinelConfig config, Timing timing, RandomGenerator random, long now) {
        if (config.myid() == null) throw new IllegalArgumentException("myid must be set before the core starts");
        this.config = config;
        this.myid = config.myid();
        this.currentEpoch = config.currentEpoch();
        this.timing = timing;
        this.random = random;
        for (MasterConfig m : config.masters()) {
            MasterState master = new MasterState(m, now);
            master.announce = this::announced;
            masters.put(m.name(), master);
        }
    }

    /**
     * An address as replies, hellos and events show it: Redis's announceSentinelAddr. With announce-hostnames, or
     * for an IP literal, as configured; otherwise the IP its name last connected at (the name until it has one).
     * The name stays the instance's identity and goes to the config file either way.
     */
    public Address announced(Address a) {
        if (config.announceHostnames()) return a;
        String ip = resolvedIps.get(a.host());
        return ip == null ? a : new Address(ip, a.port());
    }

    /** The configuration as it should be persisted now. */
    public SentinelConfig snapshot() {
        List<MasterConfig> list = new ArrayList<>(masters.size());
        for (MasterState m : masters.values()) list.add(m.toConfig());
        return config.withRuntime(myid, currentEpoch, list);
    }

    /**
     * Adopt a higher epoch seen in a hello or vote request about master {@code m}, or our own new one:
     * {@code +new-epoch}, persisted.
     */
    public void adoptEpoch(MasterState m, long epoch, Effects out) {
        if (epoch <= currentEpoch) return;
        currentEpoch = epoch;
        out.persist();
        out.event(m, EventType.NEW_EPOCH, Long.toString(epoch));
    }

    /**
     * How we log in to peers (redis-sentinel's sentinelSendAuthIfNeeded): {@code sentinel-user}/{@code sentinel-pass}
     * when a sentinel-pass is set, else our own {@code requirepass} as the default user, since a sentinel that
     * requires a password expects its peers to share it. No renamed commands.
     */
    public LinkSettings peerLinkSettings() {
        if (config.sentinelPass() != null) {
            return new LinkSettings(config.sentinelUser(), config.sentinelPass(),
                    Map.of());
        }
        String requirePass = config.requirePass() == null || config.requirePass().isEmpty() ? null
                : config.requirePass();
        return new LinkSettings(null, requirePass, Map.of());
    }

    /** After {@code sentinel-user}/{@code sentinel-pass} change: every peer link logs in again at once. */
    public void reopenPeerLinks(Effects out) {
        LinkSettings settings = peerLinkSettings();
        List<Target> peers = new ArrayList<>();
        for (LinkState link : links.all()) {
            if (link.target.kind() == Target.Kind.SENTINEL) peers.add(link.target);
        }
        for (Target peer : peers) links.reopen(peer, settings, out);
    }

    public String announceHost() {
        if (config.announceIp() != null && !config.announceIp().isEmpty()) return config.announceIp();
        return localHost != null ? localHost : "127.0.0.1";
    }

    public int announcePort() {
        return config.announcePort() != 0 ? config.announcePort() : config.port();
    }
}
