package io.sentinel.core.sim;

import io.sentinel.core.Sentinel;
import io.sentinel.core.action.Action;
import io.sentinel.core.config.KnownSentinel;
import io.sentinel.core.config.MasterConfig;
import io.sentinel.core.config.SentinelConfig;
import io.sentinel.core.input.Input;
import io.sentinel.core.input.Started;
import io.sentinel.core.input.Tick;
import io.sentinel.core.input.VoteReplied;
import io.sentinel.core.input.VoteRequested;
import io.sentinel.core.model.Address;
import io.sentinel.core.model.Role;
import io.sentinel.core.model.Target;
import io.sentinel.core.monitor.MasterState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * N sentinel cores and three simulated Redis instances on a virtual clock and a lossy network. Each sentinel is
 * ticked every ~100 ms; its actions are run by {@link SimShell}; {@link SimInvariants} checks every step.
 */
final class SimCluster {
    static final String MASTER_NAME = "mymaster";
    static final long START_MILLIS = 1_000_000;

    final long seed;
    final SimSetup setup;
    final SimClock clock = new SimClock(START_MILLIS);
    final SimNetwork net;
    final SimTrace trace;
    final SimInvariants invariants;
    final SimShell shell;
    final SplittableRandom random;
    final List<SimSentinel> sentinels = new ArrayList<>();
    final List<SimRedis> redis = new ArrayList<>();
    /** Master names in order; group g of {@link #redis} (groupSize instances from g * groupSize) is master g's. */
    final List<String> masterNames = new ArrayList<>();
    private final Map<String, SimSentinel> sentinelByNode = new HashMap<>();
    private final Map<Address, SimSentinel> sentinelByAddress = new HashMap<>();
    private final Map<String, SimRedis> redisByNode = new HashMap<>();
    private final Map<Address, SimRedis> redisByAddress = new HashMap<>();

    SimCluster(long seed, SimSetup setup, int traceLines) {
        this.seed = seed;
        this.setup = setup;
        SplittableRandom root = new SplittableRandom(seed);
        this.random = root.split();
        this.net = new SimNetwork(root.split());
        this.trace = new SimTrace(traceLines);
        SplittableRandom redisRandom = root.split();
        boolean one = setup.masters() == 1;
        for (int g = 0; g < setup.masters(); g++) {
            masterNames.add(one ? MASTER_NAME : String.format("m%03d", g));
            Address master = null;
            for (int i = 0; i < setup.groupSize(); i++) {
                Address a = new Address("127.0.0.1", one ? 6379 + i : 10_000 + 10 * g + i);
                SimRedis r = new SimRedis(one ? "R" + i : "R" + g + "." + i, a, setup.priorities()[i], master,
                        redisRandom);
                if (i == 0) master = a;
                redis.add(r);
                redisByNode.put(r.node, r);
                redisByAddress.put(a, r);
            }
        }
        for (int i = 0; i < setup.sentinels(); i++) {
            Address a = new Address("127.0.0.1", 26379 + i);
            SimSentinel s = new SimSentinel(i, a, initialConfig(i, a));
            sentinels.add(s);
            sentinelByNode.put(s.node, s);
            sentinelByAddress.put(a, s);
        }
        this.invariants = new SimInvariants(this);
        this.shell = new SimShell(this);
    }

    private SentinelConfig initialConfig(int index, Address address) {
        List<KnownSentinel> peers = new ArrayList<>();
        for (int j = 0; setup.preloadKnown() && j < setup.sentinels(); j++) {
            if (j != index) peers.add(new KnownSentinel(new Address("127.0.0.1", 26379 + j), myid(j)));
        }
        List<MasterConfig> masters = new ArrayList<>();
        for (int g = 0; g < masterNames.size(); g++) {
            List<SimRedis> group = group(g);
            List<Address> replicas = new ArrayList<>();
            for (int i = 1; setup.preloadKnown() && i < group.size(); i++) replicas.add(group.get(i).address);
            masters.add(new MasterConfig(masterNames.get(g), group.get(0).address, setup.quorum(),
                    setup.downAfterMillis(), setup.failoverTimeoutMillis(), setup.parallelSyncs(), null, null, null,
                    null, 0, Map.of(), replicas, peers, 0, 0, null));
        }
        return SentinelConfig.defaults("/sim/S" + index).withPort(address.port())
                .withRuntime(myid(index), 0, masters);
    }

    /** The Redis instances of master group {@code g}: the original master first, then its replicas. */
    List<SimRedis> group(int g) {
        int size = setup.groupSize();
        return redis.subList(g * size, (g + 1) * size);
    }

    /** A stable 40-hex run id per sentinel and seed. */
    private String myid(int index) {
        String hex = Long.toHexString(new SplittableRandom(seed * 31 + index).nextLong() | Long.MIN_VALUE);
        return (hex + hex + hex).substring(0, 40);
    }

    void start() {
        for (SimSentinel s : sentinels) startSentinel(s);
        replicationLoop();
    }

    void startSentinel(SimSentinel s) {
        s.alive = true;
        s.incarnation++;
        s.pausedUntil = 0;
        s.links.clear();
        s.core = new Sentinel(s.persisted, setup.timing(), random.split(), clock.now());
        trace.add(clock.now(), s.node, "process started, persisted epoch " + s.persisted.currentEpoch());
        invariants.onStart(s);
        step(s, new Started());
        tickLoop(s, s.incarnation);
    }

    void crashSentinel(SimSentinel s) {
        if (!s.alive) return;
        s.alive = false;
        s.incarnation++;
        s.links.clear();
        trace.add(clock.now(), s.node, "SIGKILL sentinel");
        shell.dropLinksTo(s.node);
    }

    void pauseSentinel(SimSentinel s, long millis) {
        if (!s.alive) return;
        s.pausedUntil = Math.max(s.pausedUntil, clock.now() + millis);
        trace.add(clock.now(), s.node, "paused for " + millis + " ms");
    }

    void killRedis(SimRedis r) {
        if (!r.alive) return;
        r.crash();
        trace.add(clock.now(), r.node, "SIGKILL " + r.address);
        shell.dropLinksTo(r.node);
    }

    void restartRedis(SimRedis r) {
        if (r.alive) return;
        r.restart(clock.now());
        trace.add(clock.now(), r.node, "restarted " + r);
    }

    SimRedis currentMaster() {
        return currentMaster(0);
    }

    SimRedis currentMaster(int g) {
        for (SimRedis r : group(g)) {
            if (r.alive && r.role == Role.MASTER) return r;
        }
        return null;
    }

    /** Ticks every 90-110 ms, or sooner when the core has something due (as the real CoreLoop does). */
    private void tickLoop(SimSentinel s, int incarnation) {
        long delay = 90 + random.nextInt(21);
        if (!s.core.crashed()) delay = Math.max(1, Math.min(delay, s.core.nextDueAt(clock.now()) - clock.now()));
        scheduleTick(s, incarnation, clock.now() + delay);
    }

    /**
     * Moves the one next tick to {@code at}, as CoreLoop.scheduleTick cancels and replaces it: a tick that was
     * replaced does not run, and every tick that runs schedules the next one.
     */
    private void scheduleTick(SimSentinel s, int incarnation, long at) {
        int generation = ++s.tickGeneration;
        s.nextTickAt = at;
        clock.at(at, () -> {
            if (s.tickGeneration != generation) return;
            shell.deliver(s, incarnation, new Tick(), () -> tickLoop(s, incarnation));
        });
    }

    /** After a vote answer or a command, a due time earlier than the next tick moves the tick there. */
    private void tickEarlyIfDue(SimSentinel s, Input input) {
        if (!(input instanceof VoteReplied || input instanceof VoteRequested) || s.core.crashed()) return;
        long due = s.core.nextDueAt(clock.now());
        if (due >= s.nextTickAt) return;
        scheduleTick(s, s.incarnation, Math.max(clock.now(), due));
    }

    private void replicationLoop() {
        clock.after(100, () -> {
            long now = clock.now();
            for (SimRedis r : redis) {
                if (r.handOverTo == null) continue;
                SimRedis target = redisByAddress.get(r.handOverTo);
                if (r.stepHandOver(target, net.canTalk(r.node, target.node), now)) {
                    trace.add(now, r.node, "FAILOVER done: " + target.node + " is the master");
                }
            }
            for (SimRedis r : redis) {
                if (r.role == Role.MASTER) r.replicate(null, false, now);
            }
            for (SimRedis r : redis) {
                if (r.role != Role.REPLICA) continue;
                SimRedis up = redisByAddress.get(r.master);
                r.replicate(up, up != null && net.canTalk(r.node, up.node), now);
            }
            replicationLoop();
        });
    }

    /** One core step: handle, check, then run the batch as the shell would. */
    void step(SimSentinel s, Input input) {
        List<Action> batch = s.core.handle(input, clock.now());
        try {
            invariants.onBatch(s, input, batch);
        } catch (SimViolation v) {
            trace.add(clock.now(), s.node, "failing step, input " + input);
            for (Action a : batch) trace.add(clock.now(), s.node, a);
            throw v;
        }
        shell.execute(s, batch);
        invariants.afterStep(s);
        tickEarlyIfDue(s, input);
    }

    /** Null when every master has converged (see {@link #divergence(int)}). */
    String divergence() {
        for (int g = 0; g < masterNames.size(); g++) {
            String d = divergence(g);
            if (d != null) return d;
        }
        return null;
    }

    /** Null when every sentinel agrees on one master of group g that really is a master, replicated by the rest. */
    String divergence(int g) {
        String name = masterNames.get(g);
        Address agreed = null;
        long epoch = -1;
        for (SimSentinel s : sentinels) {
            if (!s.alive) return s.node + " is down";
            MasterState m = s.core.state().masters.get(name);
            if (m.failoverInProgress()) return s.node + " is failing over " + name + ": " + m.phase;
            if (agreed == null) {
                agreed = m.master.address;
                epoch = m.configEpoch;
            } else if (!agreed.equals(m.master.address) || epoch != m.configEpoch) {
                return name + ": S0 says " + agreed + " epoch " + epoch + ", " + s.node + " says "
                        + m.master.address + " epoch " + m.configEpoch;
            }
        }
        SimRedis master = redisByAddress.get(agreed);
        if (master == null || !master.alive || master.role != Role.MASTER) return name + ": agreed master is " + master;
        for (SimRedis r : group(g)) {
            if (r.alive && r != master && (r.role != Role.REPLICA || !agreed.equals(r.master) || !r.linkUp)) {
                return r + " does not replicate " + agreed;
            }
        }
        return null;
    }

    /** Every sentinel's view of the masters not converged yet (all of them when only one is simulated). */
    String describe() {
        StringBuilder b = new StringBuilder();
        for (SimSentinel s : sentinels) {
            b.append(s).append(" epoch=").append(s.alive ? s.core.state().currentEpoch : -1);
            for (int g = 0; s.alive && g < masterNames.size(); g++) {
                if (masterNames.size() > 1 && divergence(g) == null) continue;
                MasterState m = s.core.state().masters.get(masterNames.get(g));
                b.append("\n  ").append(m.name).append(" master=").append(m.master.address).append(" configEpoch=")
                        .append(m.configEpoch).append(" phase=").append(m.phase).append(" failoverEpoch=")
                        .append(m.failoverEpoch).append(" vote=").append(SimTrace.shortId(m.leader)).append('/')
                        .append(m.leaderEpoch).append(" tilt=").append(s.core.state().tilt);
            }
            if (s.alive && masterNames.size() == 1) {
                b.append(" pending:");
                for (io.sentinel.core.monitor.LinkState l : s.core.state().links.all()) {
                    b.append(' ').append(l.target.address().port()).append('=').append(l.pendingCommands);
                }
            }
            b.append('\n');
        }
        for (int g = 0; g < masterNames.size(); g++) {
            if (masterNames.size() > 1 && divergence(g) == null) continue;
            for (SimRedis r : group(g)) b.append(r).append('\n');
        }
        return b.toString();
    }

    SimSentinel sentinelAt(Address a) {
        return sentinelByAddress.get(a);
    }

    SimRedis redisAt(Address a) {
        return redisByAddress.get(a);
    }

    SimSentinel sentinelNode(String node) {
        return sentinelByNode.get(node);
    }

    SimRedis redisNode(String node) {
        return redisByNode.get(node);
    }

    String nodeOf(Target t) {
        if (t.kind() == Target.Kind.SENTINEL) {
            SimSentinel s = sentinelByAddress.get(t.address());
            return s == null ? null : s.node;
        }
        SimRedis r = redisByAddress.get(t.address());
        return r == null ? null : r.node;
    }
}
