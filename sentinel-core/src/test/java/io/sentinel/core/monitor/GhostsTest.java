package io.sentinel.core.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentinel.core.Fixtures;
import io.sentinel.core.Sentinel;
import io.sentinel.core.action.Action;
import io.sentinel.core.action.CloseLink;
import io.sentinel.core.action.Outcome;
import io.sentinel.core.action.Publish;
import io.sentinel.core.action.Reply;
import io.sentinel.core.config.KnownSentinel;
import io.sentinel.core.config.MasterConfig;
import io.sentinel.core.config.SentinelConfig;
import io.sentinel.core.config.Timing;
import io.sentinel.core.input.AdminRequest;
import io.sentinel.core.input.GlobalChange;
import io.sentinel.core.input.LinkConnected;
import io.sentinel.core.input.LinkFailed;
import io.sentinel.core.input.Started;
import io.sentinel.core.input.Tick;
import io.sentinel.core.model.Address;
import io.sentinel.core.model.LinkFailure;
import io.sentinel.core.model.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Issue 12: replicas and peers known by a name that stopped resolving are forgotten after the configured time. */
class GhostsTest {
    static final Address NAMED_REPLICA = new Address("rs-2.test", 6380);
    static final Address IP_REPLICA = new Address("127.0.0.3", 6381);
    static final Address NAMED_PEER = new Address("s-2.test", 26380);
    static final long FORGET_AFTER = 60_000;

    final List<String> events = new ArrayList<>();
    Sentinel sentinel;

    void start(long forgetAfter) {
        MasterConfig m = new MasterConfig("mymaster", Fixtures.MASTER, 1, 5000, 60_000, 1, null, null, null, null, 0,
                Map.of(), List.of(NAMED_REPLICA, IP_REPLICA),
                List.of(new KnownSentinel(NAMED_PEER, Fixtures.runId('b'))), 0, 0, null);
        SentinelConfig c = Fixtures.config(m);
        c = new SentinelConfig(c.port(), c.bind(), c.dir(), c.logfile(), c.protectedMode(), c.requirePass(),
                c.users(), c.myid(), c.currentEpoch(), c.announceIp(), c.announcePort(), true, false,
                c.denyScriptsReconfig(), c.sentinelUser(), c.sentinelPass(), c.masters(), forgetAfter);
        sentinel = new Sentinel(c, Timing.DEFAULTS, new SplittableRandom(1), 1000);
        at(1000, new Started());
        at(1010, new LinkConnected(Target.redis(Fixtures.MASTER), "127.0.0.1"));
        at(1100, new LinkFailed(Target.redis(NAMED_REPLICA), LinkFailure.UNRESOLVED, "cannot resolve rs-2.test"));
        at(1100, new LinkFailed(Target.redis(IP_REPLICA), LinkFailure.UNREACHABLE, "Connection refused"));
        at(1100, new LinkFailed(Target.sentinel(NAMED_PEER), LinkFailure.UNRESOLVED, "cannot resolve s-2.test"));
    }

    List<Action> at(long now, io.sentinel.core.input.Input input) {
        List<Action> out = sentinel.handle(input, now);
        for (Action a : out) {
            if (a instanceof Publish p) events.add(p.event().type().channel() + " " + p.event().payload());
        }
        return out;
    }

    /** Ticks every second up to {@code until}: a longer gap between ticks would be TILT, where nothing is decided. */
    List<Action> tickUntil(long until) {
        List<Action> all = new ArrayList<>();
        for (long t = lastTick + 1000; t <= until; t += 1000) {
            all.addAll(at(t, new Tick()));
            lastTick = t;
        }
        return all;
    }

    long lastTick = 1100;

    MasterConfig persisted() {
        return sentinel.state().snapshot().master("mymaster");
    }

    @Test
    void namesThatStoppedResolvingAreForgottenAfterTheConfiguredTime() {
        start(FORGET_AFTER);
        tickUntil(1000 + FORGET_AFTER / 2);
        assertEquals(List.of(IP_REPLICA, NAMED_REPLICA), persisted().knownReplicas(), "not yet");
        List<Action> out = tickUntil(2200 + FORGET_AFTER);
        assertEquals(List.of(IP_REPLICA), persisted().knownReplicas(), "the replica known by IP stays");
        assertTrue(persisted().knownSentinels().isEmpty(), "the peer is forgotten");
        assertTrue(events.stream().anyMatch(e -> e.startsWith("-slave slave rs-2.test:6380")), events.toString());
        assertTrue(events.stream().anyMatch(e -> e.startsWith("-sentinel sentinel")), events.toString());
        assertTrue(out.contains(new CloseLink(Target.redis(NAMED_REPLICA))), out.toString());
    }

    @Test
    void offByDefaultAsInRedis() {
        start(0);
        tickUntil(1000 + 3 * FORGET_AFTER);
        assertEquals(List.of(IP_REPLICA, NAMED_REPLICA), persisted().knownReplicas());
        assertEquals(1, persisted().knownSentinels().size());
    }

    @Test
    void aNameThatResolvesAgainIsKept() {
        start(FORGET_AFTER);
        tickUntil(30_000);
        at(30_001, new LinkConnected(Target.redis(NAMED_REPLICA), "127.0.0.1", "127.0.0.9"));
        tickUntil(2200 + FORGET_AFTER);
        assertTrue(persisted().knownReplicas().contains(NAMED_REPLICA), persisted().knownReplicas().toString());
    }

    @Test
    void configSetTurnsItOn() {
        start(0);
        List<Action> set = at(2000, new AdminRequest.ConfigSet(1,
                List.of(new GlobalChange.ForgetUnresolvedAfter(60_000))));
        assertTrue(set.contains(new Reply(1, Outcome.OK)), set.toString());
        assertEquals(60_000, sentinel.state().config.forgetUnresolvedAfterMillis());
        tickUntil(2200 + FORGET_AFTER);
        assertEquals(List.of(IP_REPLICA), persisted().knownReplicas());
    }
}
