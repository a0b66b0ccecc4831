package io.sentinel.core.sim;

import io.sentinel.core.event.EventType;
import io.sentinel.core.monitor.MasterState;
import java.util.Comparator;
import java.util.SplittableRandom;

/**
 * A node outage: many masters (one replica each) SIGKILLed at the same instant. Liveness is checked first: every
 * master must be failed over (all live sentinels report its replica, which is a master) within a bound after the
 * kill; then everything heals (the killed masters come back, a crashed sentinel restarts) and the cluster must
 * converge as in {@link SimScenario}. Safety invariants are checked on every step throughout.
 */
final class SimMassScenario {
    enum Fault {
        /** Nothing else goes wrong: no failover attempt may be aborted. */
        NONE,
        /** 3% of messages are lost from the kill on. */
        MESSAGE_LOSS,
        /** One sentinel is SIGKILLed with the masters and stays dead until every master is failed over. */
        SENTINEL_CRASHED,
        /**
         * The first-ranked sentinel (smallest run id) runs every task late from the kill on, as a core thread busy
         * with many masters does, by 0.5-1 ms per master killed: it reaches ODOWN and asks for votes after the others
         * (about 3 lags later; the bench, 100 masters: 100-200 ms after them). No failover attempt may be aborted.
         */
        FIRST_RANK_LAGGING
    }

    static final long WARMUP_MILLIS = 8000;
    /** From the kill to every master failed over, with no fault beside the kill: down-after plus 1.5 s. */
    static final long CALM_BOUND_MILLIS = 2500;
    /** The same under message loss or with a sentinel down: one election retry fits. */
    static final long FAULT_BOUND_MILLIS = 12_000;
    /** With the first-ranked sentinel lagging: its lag on each of a few hops (detection, ODOWN, the vote) more. */
    static final long LAGGING_BOUND_MILLIS = CALM_BOUND_MILLIS + 1000;

    private final SimCluster c;
    private final SplittableRandom random;
    private final Fault fault;

    private SimMassScenario(long seed, int sentinels, int masters, Fault fault, int traceLines) {
        this.random = new SplittableRandom(seed ^ 0x3C6EF372FE94F82AL);
        this.c = new SimCluster(seed, SimSetup.many(random, sentinels, masters), traceLines);
        this.fault = fault;
    }

    static SimScenario.Result run(long seed, int sentinels, int masters, Fault fault, int traceLines) {
        SimMassScenario s = new SimMassScenario(seed, sentinels, masters, fault, traceLines);
        String failure;
        try {
            failure = s.killAllThenConverge();
        } catch (SimViolation v) {
            failure = v.getMessage();
        } catch (RuntimeException e) {
            failure = "exception at t=" + s.c.clock.now() + ": " + e;
        }
        return new SimScenario.Result(seed, sentinels, failure, failure == null ? java.util.List.of() : s.c.trace.tail(),
                failure == null ? "" : s.c.describe(), s.c.clock.now() - SimCluster.START_MILLIS, s.c.clock.steps(),
                s.c.invariants.eventCounts, s.c.invariants.sharedEpochs.size(), null);
    }

    private String killAllThenConverge() {
        c.start();
        long killAt = SimCluster.START_MILLIS + WARMUP_MILLIS;
        c.clock.runUntil(killAt);
        String undiscovered = undiscovered();
        if (undiscovered != null) return "before the kill: " + undiscovered;
        SimSentinel crashed = null;
        if (fault == Fault.MESSAGE_LOSS) c.net.dropRate(0.03);
        if (fault == Fault.SENTINEL_CRASHED) {
            crashed = c.sentinels.get(random.nextInt(c.sentinels.size()));
            c.crashSentinel(crashed);
        }
        SimSentinel lagging = null;
        if (fault == Fault.FIRST_RANK_LAGGING) {
            lagging = c.sentinels.stream().min(Comparator.comparing(x -> x.myid)).orElseThrow();
            lagging.lagMillis = c.masterNames.size() * (500L + random.nextInt(501)) / 1000;
            c.trace.add(killAt, "net", lagging.node + " lags " + lagging.lagMillis + " ms");
        }
        c.trace.add(killAt, "net", "SIGKILL all " + c.masterNames.size() + " masters");
        for (int g = 0; g < c.masterNames.size(); g++) c.killRedis(c.currentMaster(g));
        long bound = switch (fault) {
            case NONE -> CALM_BOUND_MILLIS;
            case FIRST_RANK_LAGGING -> LAGGING_BOUND_MILLIS;
            default -> FAULT_BOUND_MILLIS;
        };
        String late = awaitAllFailedOver(killAt + bound);
        if (late != null) return "not every master failed over " + bound + " ms after the kill: " + late;
        boolean healthy = fault == Fault.NONE || fault == Fault.FIRST_RANK_LAGGING;
        if (healthy && c.invariants.count(EventType.FAILOVER_ABORT_NOT_ELECTED) > 0) {
            return c.invariants.count(EventType.FAILOVER_ABORT_NOT_ELECTED)
                    + " -failover-abort-not-elected with every sentinel up";
        }
        if (lagging != null) lagging.lagMillis = 0;
        c.net.dropRate(0);
        if (crashed != null) c.startSentinel(crashed);
        for (SimRedis r : c.redis) c.restartRedis(r);
        return SimScenario.converge(c, c.clock.now());
    }

    /** Null when every sentinel knows every peer and every replica; else what is missing. */
    private String undiscovered() {
        for (SimSentinel s : c.sentinels) {
            for (MasterState m : s.core.state().masters.values()) {
                if (m.sentinels.size() != c.sentinels.size() - 1 || m.replicas.size() != c.setup.groupSize() - 1) {
                    return s.node + " knows " + m.sentinels.size() + " peers and " + m.replicas.size()
                            + " replicas of " + m.name;
                }
            }
        }
        return null;
    }

    /** Runs until every master is failed over or {@code deadline}; null if all were, else the first one late. */
    private String awaitAllFailedOver(long deadline) {
        String late = null;
        for (long t = c.clock.now() + 50; t <= deadline; t += 50) {
            c.clock.runUntil(t);
            late = firstNotFailedOver();
            if (late == null) return null;
        }
        return late;
    }

    private String firstNotFailedOver() {
        for (int g = 0; g < c.masterNames.size(); g++) {
            SimRedis replica = c.group(g).get(1);
            if (!replica.alive || replica.role != io.sentinel.core.model.Role.MASTER) {
                return c.masterNames.get(g) + ": " + replica + " not promoted";
            }
            for (SimSentinel s : c.sentinels) {
                if (!s.alive) continue;
                MasterState m = s.core.state().masters.get(c.masterNames.get(g));
                if (!m.master.address.equals(replica.address)) {
                    return c.masterNames.get(g) + ": " + s.node + " still reports " + m.master.address + " ("
                            + m.phase + ")";
                }
            }
        }
        return null;
    }
}
