package io.sentinel.core.sim;

import io.sentinel.core.SentinelState;
import io.sentinel.core.action.Action;
import io.sentinel.core.action.AskPeer;
import io.sentinel.core.action.HandOver;
import io.sentinel.core.action.Outcome;
import io.sentinel.core.action.PromoteReplica;
import io.sentinel.core.action.Publish;
import io.sentinel.core.config.MasterConfig;
import io.sentinel.core.config.SentinelConfig;
import io.sentinel.core.event.Event;
import io.sentinel.core.event.EventType;
import io.sentinel.core.input.AdminRequest;
import io.sentinel.core.input.Input;
import io.sentinel.core.model.Address;
import io.sentinel.core.model.Target;
import io.sentinel.core.monitor.MasterState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The safety properties, checked on every step: one leader per master and epoch, one vote per sentinel and epoch
 * and never one that left before it was persisted, epochs that never go back, promotions only by the leader of
 * their epoch (one per epoch), and no failover without a quorum of sentinels seeing the master down.
 */
final class SimInvariants {
    private final SimCluster c;
    /** How old a peer's "down" may be and still count towards ODOWN: 5 ask periods, a tick, a command timeout. */
    private final long downWindowMillis;
    private final Map<String, Integer> leaders = new HashMap<>();
    /** sentinel/master -> the epoch of the forced failover it started last, until it starts another failover. */
    private final Map<String, Long> forcedEpochs = new HashMap<>();
    /** sentinel/master/epoch of each forced (unelected) failover. */
    private final java.util.Set<String> forcedLeaders = new java.util.HashSet<>();
    private final Map<String, String> votes = new HashMap<>();
    /** master/epoch -> sentinel -> the replica it promoted (or handed to) in that epoch. */
    private final Map<String, Map<Integer, Target>> promotions = new HashMap<>();
    /**
     * master/epoch -> the replicas promoted in it when two sentinels promoted in one epoch: a forced failover's
     * epoch taken by another failover too (see {@link #onePromotion}).
     */
    final Map<String, java.util.Set<Address>> sharedEpochs = new java.util.TreeMap<>();
    private final long[] epochInMemory;
    private final List<Map<Address, Long>> lastSdownAt = new ArrayList<>();
    final Map<EventType, Integer> eventCounts = new HashMap<>();

    SimInvariants(SimCluster cluster) {
        this.c = cluster;
        this.downWindowMillis = 5 * cluster.setup.timing().askPeriod() + 2000 + SimShell.COMMAND_TIMEOUT_MILLIS;
        this.epochInMemory = new long[cluster.sentinels.size()];
        for (int i = 0; i < cluster.sentinels.size(); i++) lastSdownAt.add(new HashMap<>());
    }

    private void fail(SimSentinel s, String what) {
        throw new SimViolation("t=" + c.clock.now() + " " + (s == null ? "" : s.node + ": ") + what);
    }

    /** A (re)started process begins from its persisted epoch. */
    void onStart(SimSentinel s) {
        long epoch = s.core.state().currentEpoch;
        if (epoch != s.persisted.currentEpoch()) fail(s, "started at epoch " + epoch + " but persisted "
                + s.persisted.currentEpoch());
        epochInMemory[s.index] = epoch;
        forcedEpochs.keySet().removeIf(k -> k.startsWith(s.index + "/"));
    }

    /** Everything the core decided in one step, before the shell runs it (a failed persist may drop it). */
    void onBatch(SimSentinel s, Input input, List<Action> batch) {
        SentinelState st = s.core.state();
        long now = c.clock.now();
        for (MasterState m : st.masters.values()) {
            if (m.master.isSdown()) lastSdownAt.get(s.index).put(m.master.address, now);
        }
        if (st.currentEpoch < epochInMemory[s.index]) {
            fail(s, "epoch went back from " + epochInMemory[s.index] + " to " + st.currentEpoch);
        }
        if (st.currentEpoch < s.persisted.currentEpoch()) {
            fail(s, "epoch " + st.currentEpoch + " below persisted " + s.persisted.currentEpoch());
        }
        epochInMemory[s.index] = st.currentEpoch;
        for (Action a : batch) {
            if (a instanceof Publish p) onEvent(s, st, p.event(), input);
        }
    }

    void afterStep(SimSentinel s) {
        if (s.alive && s.core.crashed()) fail(s, "core crashed without SENTINEL SIMULATE-FAILURE");
    }

    /**
     * The state seen here is the one after the whole step, where a failover elected and aborted in the same step
     * (no good replica) is reset already: a forced failover is known by the request that started it.
     */
    private void onEvent(SimSentinel s, SentinelState st, Event e, Input input) {
        eventCounts.merge(e.type(), 1, Integer::sum);
        if (e.type() != EventType.ELECTED_LEADER && e.type() != EventType.TRY_FAILOVER) return;
        MasterState m = st.masters.get(e.payload().split(" ")[1]);
        String forcedKey = s.index + "/" + m.name;
        boolean manual = input instanceof AdminRequest.Failover;
        boolean forcedRequest = manual && !((AdminRequest.Failover) input).coordinated();
        if (e.type() == EventType.TRY_FAILOVER) {
            if (forcedRequest) forcedEpochs.put(forcedKey, m.failoverEpoch);
            else forcedEpochs.remove(forcedKey);
        }
        if (e.type() == EventType.ELECTED_LEADER) {
            // a plain SENTINEL FAILOVER is not elected (redis-sentinel's design): it calls itself leader of its epoch
            if (forcedEpochs.getOrDefault(forcedKey, -1L) == m.failoverEpoch) {
                if (!m.forcedFailover && m.failoverInProgress()) fail(s, "forced failover lost its flag");
                forcedLeaders.add(s.index + "/" + m.name + "/" + m.failoverEpoch);
                return;
            }
            Integer before = leaders.putIfAbsent(m.name + "/" + m.failoverEpoch, s.index);
            if (before != null && before != s.index) {
                fail(s, "second leader of epoch " + m.failoverEpoch + ", S" + before + " was elected first");
            }
            return;
        }
        // a manual failover (SENTINEL FAILOVER, plain or coordinated) starts while the master is up, on request
        if (manual || m.coordinated) return;
        int seeingDown = 0;
        long since = c.clock.now() - downWindowMillis;
        for (Map<Address, Long> seen : lastSdownAt) {
            if (seen.getOrDefault(m.master.address, Long.MIN_VALUE) >= since) seeingDown++;
        }
        if (seeingDown < m.quorum) {
            StringBuilder peers = new StringBuilder();
            m.sentinels.values().forEach(p -> peers.append(' ').append(SimTrace.shortId(p.runId)).append(p.masterDown
                    ? " said down at " + p.lastMasterDownReplyAt : " up"));
            fail(s, "+try-failover with only " + seeingDown + " sentinels seeing " + m.master.address
                    + " down, quorum " + m.quorum + "; its peers:" + peers);
        }
    }

    /** Persisted epochs, votes and config epochs only grow, and a vote is never for a future epoch. */
    void onPersist(SimSentinel s, SentinelConfig next) {
        SentinelConfig before = s.persisted;
        if (next.currentEpoch() < before.currentEpoch()) fail(s, "persisted epoch went back");
        for (MasterConfig m : next.masters()) {
            MasterConfig old = before.master(m.name());
            if (m.leaderEpoch() > next.currentEpoch()) fail(s, "vote epoch " + m.leaderEpoch() + " > current");
            if (old == null) continue;
            if (m.leaderEpoch() < old.leaderEpoch()) fail(s, "persisted vote epoch went back");
            if (m.configEpoch() < old.configEpoch()) fail(s, "persisted config epoch went back");
            if (m.leaderEpoch() == old.leaderEpoch() && old.leaderRunId() != null && m.leaderRunId() != null
                    && !old.leaderRunId().equals(m.leaderRunId())) {
                fail(s, "persisted vote of epoch " + m.leaderEpoch() + " changed");
            }
        }
    }

    /** A vote reply leaves: it must be durable, and the only vote of that sentinel in that epoch. */
    void onVoteReply(SimSentinel voter, AskPeer ask, Outcome outcome) {
        if (!(outcome instanceof Outcome.VoteAnswer v) || v.leader() == null) return;
        String leader = v.leader();
        long epoch = v.leaderEpoch();
        requireDurableVote(voter, ask.masterName(), leader, epoch);
        recordVote(voter, ask.masterName(), epoch, leader);
    }

    /** Asking for votes shows our own vote for ourselves: the same rules apply to it. */
    void onAsk(SimSentinel s, AskPeer ask) {
        if (!ask.runId().equals(s.myid)) return;
        MasterState m = s.core.state().masters.get(ask.masterName());
        if (m == null || !s.myid.equals(m.leader) || m.leaderEpoch != ask.epoch()) return;
        requireDurableVote(s, ask.masterName(), s.myid, ask.epoch());
        recordVote(s, ask.masterName(), ask.epoch(), s.myid);
    }

    private void requireDurableVote(SimSentinel voter, String master, String leader, long epoch) {
        MasterConfig p = voter.persisted.master(master);
        boolean durable = p != null && (p.leaderEpoch() > epoch
                || p.leaderEpoch() == epoch && leader.equals(p.leaderRunId()));
        if (!durable) {
            fail(voter, "vote for " + SimTrace.shortId(leader) + " in epoch " + epoch + " left unpersisted (persisted: "
                    + (p == null ? "no master" : SimTrace.shortId(p.leaderRunId()) + "/" + p.leaderEpoch()) + ")");
        }
    }

    /** One vote per sentinel, master and epoch (sentinelVoteLeader keeps a leader per master). */
    private void recordVote(SimSentinel voter, String master, long epoch, String leader) {
        String before = votes.putIfAbsent(voter.index + "/" + master + "/" + epoch, leader);
        if (before != null && !before.equals(leader)) {
            fail(voter, "voted twice for " + master + " in epoch " + epoch + ": " + SimTrace.shortId(before) + " then "
                    + SimTrace.shortId(leader));
        }
    }

    void onPromote(SimSentinel s, PromoteReplica p) {
        MasterState m = null;
        for (MasterState x : s.core.state().masters.values()) {
            if (x.promoted != null && x.promoted.target().equals(p.target())) m = x;
        }
        if (m == null) {
            fail(s, "PromoteReplica " + p.target() + " outside a failover");
            return;
        }
        if (m.coordinated) fail(s, "REPLICAOF NO ONE in a coordinated failover of " + m.name);
        onePromotion(s, m, p.target());
    }

    /** A coordinated failover's hand-over: by the leader of its epoch, to one replica per epoch, as a promotion. */
    void onHandOver(SimSentinel s, HandOver h) {
        MasterState m = null;
        for (MasterState x : s.core.state().masters.values()) {
            if (x.coordinated && x.promoted != null && x.master.target().equals(h.master())) m = x;
        }
        if (m == null) {
            fail(s, "HandOver to " + h.master() + " outside a coordinated failover");
            return;
        }
        if (!m.promoted.address.equals(h.replica())) fail(s, "hands over to " + h.replica() + ", selected "
                + m.promoted.address);
        onePromotion(s, m, Target.redis(h.replica()));
    }

    /**
     * Rule: a promotion (or hand-over) in epoch E is by E's elected leader, or by a sentinel that forced a failover
     * in E (SENTINEL FAILOVER, unelected) with its own vote for itself in E persisted; one replica per sentinel and
     * epoch. A forced failover is not an election (redis-sentinel's "without asking for agreement"): cut off from
     * its peers, the forced leader may take the epoch that an elected leader, or another forced one, takes on the
     * other side. That shared epoch is the one allowed second promotion; it is recorded, and the convergence check
     * exempts exactly the split it leaves ({@link #splitBySharedEpoch}).
     */
    private void onePromotion(SimSentinel s, MasterState m, Target promoted) {
        String key = m.name + "/" + m.failoverEpoch;
        Integer leader = leaders.get(key);
        boolean forced = m.forcedFailover && forcedLeaders.contains(s.index + "/" + key);
        if (!forced && (leader == null || leader != s.index)) {
            fail(s, "promotes " + promoted.address() + " in epoch " + m.failoverEpoch + " led by S" + leader);
        }
        if (forced) {
            requireDurableVote(s, m.name, s.myid, m.failoverEpoch);
            recordVote(s, m.name, m.failoverEpoch, s.myid);
        }
        Map<Integer, Target> byLeader = promotions.computeIfAbsent(key, k -> new java.util.TreeMap<>());
        // The leader sends REPLICAOF NO ONE again while unconfirmed: a second replica is what may never happen.
        Target before = byLeader.putIfAbsent(s.index, promoted);
        if (before != null && !before.equals(promoted)) {
            fail(s, "second promotion in epoch " + m.failoverEpoch + ", first was " + before);
        }
        for (Map.Entry<Integer, Target> other : byLeader.entrySet()) {
            if (other.getKey() == s.index || other.getValue().equals(promoted)) continue;
            boolean otherForced = forcedLeaders.contains(other.getKey() + "/" + key);
            if (!forced && !otherForced) {
                fail(s, "second promotion in epoch " + m.failoverEpoch + ", S" + other.getKey() + " promoted "
                        + other.getValue() + " and neither was forced");
            }
            java.util.Set<Address> shared = sharedEpochs.computeIfAbsent(key, k -> new java.util.TreeSet<>(
                    java.util.Comparator.comparing(Address::toString)));
            shared.add(other.getValue().address());
            shared.add(promoted.address());
        }
    }

    /**
     * The one divergence allowed after the faults (redis-sentinel's too): every sentinel holds config epoch E of a
     * shared epoch, and they name two or more of the replicas promoted in E. A hello moves a sentinel to another
     * master only with a higher config epoch (sentinelProcessHelloMessage), so no hello ends it. Null otherwise.
     */
    String splitBySharedEpoch(int g) {
        String name = c.masterNames.get(g);
        java.util.Set<Address> named = new java.util.TreeSet<>(java.util.Comparator.comparing(Address::toString));
        long epoch = -1;
        for (SimSentinel s : c.sentinels) {
            if (!s.alive) return null;
            MasterState m = s.core.state().masters.get(name);
            if (epoch >= 0 && m.configEpoch != epoch) return null;
            epoch = m.configEpoch;
            named.add(m.master.address);
        }
        java.util.Set<Address> shared = sharedEpochs.get(name + "/" + epoch);
        if (shared == null || named.size() < 2 || !shared.containsAll(named)) return null;
        return name + " split in shared epoch " + epoch + ": sentinels name " + named;
    }

    int count(EventType type) {
        return eventCounts.getOrDefault(type, 0);
    }
}
