package io.sentinel.core.sim;

import io.sentinel.core.event.EventType;
import io.sentinel.core.input.AdminRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One seeded run: warm up, then a window of faults (the master is killed in most runs; partitions, message loss,
 * sentinel and replica crashes, stalls that cause TILT, failed persists), then everything heals and the cluster
 * must converge within {@link #CONVERGE_BOUND_MILLIS}. Safety invariants are checked on every step throughout.
 */
final class SimScenario {
    static final long WARMUP_MILLIS = 4000;
    static final long FAULT_WINDOW_MILLIS = 25_000;
    static final long CONVERGE_BOUND_MILLIS = 60_000;
    static final long STABLE_MILLIS = 5000;

    record Result(long seed, int sentinels, String failure, List<String> trace, String state, long virtualMillis,
            long steps, java.util.Map<EventType, Integer> events, int sharedEpochs, String split) {
        boolean ok() {
            return failure == null;
        }
    }

    private final SimCluster c;
    private final SplittableRandom random;
    /** The known split a run ended in, exempted from convergence (see {@link #runManual}); null if none. */
    private String split;
    private SimRedis killedMaster;

    private SimScenario(long seed, int sentinels, int traceLines) {
        this.random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        this.c = new SimCluster(seed, SimSetup.draw(random, sentinels), traceLines);
    }

    static Result run(long seed, int sentinels, int traceLines) {
        SimScenario s = new SimScenario(seed, sentinels, traceLines);
        String failure;
        try {
            failure = s.runFaultsThenConverge();
        } catch (SimViolation v) {
            failure = v.getMessage();
        } catch (RuntimeException e) {
            failure = "exception at t=" + s.c.clock.now() + ": " + e;
        }
        return s.result(seed, sentinels, failure);
    }

    /** A long quiet run: nothing fails, so nobody may suspect anything; then the master dies and must be replaced. */
    static Result runCalm(long seed, int sentinels, long calmMillis, int traceLines) {
        SimScenario s = new SimScenario(seed, sentinels, traceLines);
        String failure;
        try {
            s.c.net.slowDelayMillis(SimNetwork.CALM_SLOW_DELAY_MILLIS);
            s.c.start();
            s.c.clock.runUntil(SimCluster.START_MILLIS + calmMillis);
            failure = s.suspicion();
            if (failure == null) {
                s.c.killRedis(s.c.currentMaster());
                failure = s.converge(s.c.clock.now());
            }
        } catch (SimViolation v) {
            failure = v.getMessage();
        }
        return s.result(seed, sentinels, failure);
    }

    /**
     * Issue 14: {@code SENTINEL FAILOVER mymaster [COORDINATED]} asked of a random sentinel while the master is up,
     * under the same faults as {@link #run} (the master is not killed), a second request a few seconds later; then
     * everything heals and the cluster must converge. The invariants add: only the leader of an epoch hands over, to
     * one replica, a coordinated failover never sends REPLICAOF NO ONE, and a plain (forced) one promotes only in its
     * own epoch, with its own vote there. The forced one is not elected (redis-sentinel's design): a forced leader cut
     * off from its peers may take the epoch another failover takes on the other side, and two masters with one config
     * epoch never converge (no hello has a higher one). That split, and only that one, is exempted from convergence
     * and reported ({@link SimInvariants#splitBySharedEpoch}).
     */
    static Result runManual(long seed, int sentinels, boolean coordinated, int traceLines) {
        SimScenario s = new SimScenario(seed, sentinels, traceLines);
        String failure;
        try {
            failure = s.manualThenConverge(coordinated);
        } catch (SimViolation v) {
            failure = v.getMessage();
        } catch (RuntimeException e) {
            failure = "exception at t=" + s.c.clock.now() + ": " + e;
        }
        return s.result(seed, sentinels, failure);
    }

    private String manualThenConverge(boolean coordinated) {
        long faultsFrom = SimCluster.START_MILLIS + WARMUP_MILLIS;
        long healAt = faultsFrom + FAULT_WINDOW_MILLIS;
        int level = random.nextInt(4);
        c.start();
        for (int i = 0; i < 2; i++) {
            SimSentinel via = c.sentinels.get(random.nextInt(c.sentinels.size()));
            long id = 1_000_000L + i;
            c.clock.at(faultsFrom + i * 8000 + random.nextLong(3000), () -> c.shell.deliver(via, via.incarnation,
                    new AdminRequest.Failover(id, c.masterNames.get(0), coordinated), null));
        }
        double drop = new double[] {0, 0.01, 0.03, 0.08}[level];
        c.clock.at(faultsFrom, () -> c.net.dropRate(drop));
        for (int i = 0; i < level * 3; i++) scheduleFault(faultsFrom + random.nextLong(FAULT_WINDOW_MILLIS - 1000));
        c.clock.runUntil(healAt);
        healAll(true);
        String failure = converge(healAt);
        split = failure == null ? null : c.invariants.splitBySharedEpoch(0);
        return split == null ? failure : null;
    }

    private String suspicion() {
        for (EventType t : List.of(EventType.SDOWN, EventType.ODOWN, EventType.TRY_FAILOVER, EventType.TILT)) {
            if (c.invariants.count(t) > 0) return c.invariants.count(t) + " " + t.channel() + " in a calm cluster";
        }
        return null;
    }

    private Result result(long seed, int sentinels, String failure) {
        return new Result(seed, sentinels, failure, failure == null ? List.of() : c.trace.tail(),
                failure == null ? "" : c.describe(), c.clock.now() - SimCluster.START_MILLIS, c.clock.steps(),
                c.invariants.eventCounts, c.invariants.sharedEpochs.size(), split);
    }

    private String runFaultsThenConverge() {
        long t0 = SimCluster.START_MILLIS;
        long faultsFrom = t0 + WARMUP_MILLIS;
        long healAt = faultsFrom + FAULT_WINDOW_MILLIS;
        int level = random.nextInt(4);
        c.start();
        if (random.nextInt(100) < 85) scheduleMasterKill(faultsFrom + random.nextLong(15_000));
        double drop = new double[] {0, 0.01, 0.03, 0.08}[level];
        double persistFail = random.nextInt(100) < 30 ? 0.02 + random.nextDouble() * 0.15 : 0;
        c.clock.at(faultsFrom, () -> {
            c.net.dropRate(drop);
            c.shell.persistFailRate = persistFail;
        });
        for (int i = 0; i < level * 4; i++) scheduleFault(faultsFrom + random.nextLong(FAULT_WINDOW_MILLIS - 1000));
        boolean restartKilled = random.nextBoolean();
        c.clock.runUntil(healAt);
        healAll(restartKilled);
        return converge(healAt);
    }

    private void scheduleMasterKill(long at) {
        boolean restart = random.nextInt(100) < 40;
        long restartAfter = 3000 + random.nextLong(15_000);
        c.clock.at(at, () -> {
            killedMaster = c.currentMaster();
            if (killedMaster == null) return;
            c.killRedis(killedMaster);
            SimRedis r = killedMaster;
            if (restart) c.clock.after(restartAfter, () -> c.restartRedis(r));
        });
    }

    private void scheduleFault(long at) {
        int kind = random.nextInt(5);
        long length = 500 + random.nextLong(7500);
        SimSentinel s = c.sentinels.get(random.nextInt(c.sentinels.size()));
        SimRedis r = c.redis.get(random.nextInt(c.redis.size()));
        List<String> island = randomIsland();
        switch (kind) {
            case 0 -> c.clock.at(at, () -> partition(island, length));
            case 1 -> c.clock.at(at, () -> {
                c.crashSentinel(s);
                c.clock.after(length, () -> {
                    if (!s.alive) c.startSentinel(s);
                });
            });
            case 2 -> c.clock.at(at, () -> {
                c.killRedis(r);
                c.clock.after(length, () -> c.restartRedis(r));
            });
            case 3 -> c.clock.at(at, () -> c.pauseSentinel(s, 500 + length / 2));
            default -> c.clock.at(at, () -> c.net.dropRate(Math.min(0.5, c.net.dropRate() + 0.2)));
        }
    }

    private List<String> randomIsland() {
        List<String> nodes = new ArrayList<>();
        for (SimSentinel s : c.sentinels) nodes.add(s.node);
        for (SimRedis r : c.redis) nodes.add(r.node);
        List<String> island = new ArrayList<>();
        int size = 1 + random.nextInt(nodes.size() / 2);
        while (island.size() < size) {
            String n = nodes.get(random.nextInt(nodes.size()));
            if (!island.contains(n)) island.add(n);
        }
        return island;
    }

    private void partition(List<String> island, long length) {
        c.net.partition(island);
        c.trace.add(c.clock.now(), "net", "partition " + island + " for " + length + " ms");
        c.shell.dropCrossingLinks(0.5);
        c.clock.after(length, () -> {
            c.net.heal();
            c.trace.add(c.clock.now(), "net", "partition healed");
        });
    }

    private void healAll(boolean restartKilled) {
        c.trace.add(c.clock.now(), "net", "heal: faults stop" + (restartKilled ? "" : ", killed master stays dead"));
        c.net.heal();
        c.net.dropRate(0);
        c.shell.persistFailRate = 0;
        for (SimSentinel s : c.sentinels) {
            if (!s.alive) c.startSentinel(s);
        }
        for (SimRedis r : c.redis) {
            if (!r.alive && (restartKilled || r != killedMaster)) c.restartRedis(r);
        }
    }

    private String converge(long from) {
        return converge(c, from);
    }

    /**
     * Runs {@code c} from {@code from} until it has converged (see {@link SimCluster#divergence()}) and stayed so for
     * {@link #STABLE_MILLIS}: null then, else the last divergence after {@link #CONVERGE_BOUND_MILLIS}.
     */
    static String converge(SimCluster c, long from) {
        long stableSince = -1;
        String last = null;
        for (long t = from + 500; t <= from + CONVERGE_BOUND_MILLIS; t += 500) {
            c.clock.runUntil(t);
            last = c.divergence();
            if (last != null) {
                stableSince = -1;
            } else if (stableSince < 0) {
                stableSince = t;
            } else if (t - stableSince >= STABLE_MILLIS) {
                return null;
            }
        }
        return "no convergence " + CONVERGE_BOUND_MILLIS / 1000 + " s after faults stopped: " + last;
    }
}
