package io.sentinel.core.sim;

import io.sentinel.core.Sentinel;
import io.sentinel.core.config.SentinelConfig;
import io.sentinel.core.model.Address;
import io.sentinel.core.model.Target;
import java.util.TreeMap;

/**
 * One simulated sentinel process: its core, what it last persisted (all a restart gets back), and the links the
 * shell keeps for it. {@code incarnation} changes on every crash and restart, so messages to a dead process vanish.
 */
final class SimSentinel {
    /** One shell link. A new object per OpenLink, so events for a link that was closed meanwhile are recognised. */
    static final class Link {
        final Target target;
        boolean connected;

        Link(Target target) {
            this.target = target;
        }
    }

    final int index;
    final String node;
    final Address address;
    final String myid;
    SentinelConfig persisted;
    Sentinel core;
    boolean alive;
    int incarnation;
    /** When the tick loop next ticks (for early ticks at the core's due time). */
    long nextTickAt;
    /** Which scheduled tick is the live one: a moved tick leaves its old schedule behind, to be ignored. */
    int tickGeneration;
    long pausedUntil;
    /** Fault: every task of this sentinel runs this much late, as on a core thread behind a long queue. */
    long lagMillis;
    final TreeMap<Target, Link> links = new TreeMap<>();

    SimSentinel(int index, Address address, SentinelConfig initial) {
        this.index = index;
        this.node = "S" + index;
        this.address = address;
        this.myid = initial.myid();
        this.persisted = initial;
    }

    boolean paused(long now) {
        return now < pausedUntil;
    }

    @Override
    public String toString() {
        return node + "(" + (alive ? "up" : "down") + " " + SimTrace.shortId(myid) + ")";
    }
}
