package io.sentinel.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentinel.core.action.Action;
import io.sentinel.core.action.RunScript;
import io.sentinel.core.config.MasterConfig;
import io.sentinel.core.config.Timing;
import io.sentinel.core.event.EventType;
import io.sentinel.core.failover.Failover;
import io.sentinel.core.failover.FailoverPhase;
import io.sentinel.core.input.HelloReceived;
import io.sentinel.core.input.Started;
import io.sentinel.core.input.Tick;
import io.sentinel.core.model.Address;
import io.sentinel.core.monitor.MasterState;
import io.sentinel.core.monitor.ReplicaState;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Where scripts are queued: sentinelEvent's WARNING rule and sentinelCallClientReconfScript's two callers. */
class EffectsTest {
    static final String NOTIFY = "/opt/notify.sh";
    static final String RECONF = "/opt/reconf.sh";

    static MasterConfig withScripts(String notify, String reconf) {
        MasterConfig d = Fixtures.master(2, 5000);
        return new MasterConfig(d.name(), d.address(), d.quorum(), d.downAfterMillis(), d.failoverTimeoutMillis(),
                d.parallelSyncs(), null, null, notify, reconf, 0, d.renamedCommands(), List.of(), List.of(), 0, 0,
                null);
    }

    static List<RunScript> scripts(List<Action> actions) {
        List<RunScript> out = new ArrayList<>();
        for (Action a : actions) if (a instanceof RunScript r) out.add(r);
        return out;
    }

    @Test
    void aWarningEventRunsTheNotificationScriptWithTypeAndMessage() {
        MasterState m = Fixtures.state(withScripts(NOTIFY, null)).masters.get("mymaster");
        Effects out = new Effects();
        out.event(m, EventType.SDOWN, "master mymaster 127.0.0.1 6379");
        assertEquals(List.of(new RunScript(NOTIFY, List.of("+sdown", "master mymaster 127.0.0.1 6379"))),
                scripts(out.actions()));
    }

    @Test
    void noticeEventsMasterlessEventsAndMastersWithoutScriptRunNothing() {
        MasterState withScript = Fixtures.state(withScripts(NOTIFY, null)).masters.get("mymaster");
        MasterState without = Fixtures.state(withScripts(null, null)).masters.get("mymaster");
        Effects out = new Effects();
        out.event(withScript, EventType.SLAVE, "slave 127.0.0.1:6380 127.0.0.1 6380 @ mymaster 127.0.0.1 6379");
        out.event(withScript, EventType.ROLE_CHANGE, "x");
        out.event(without, EventType.SDOWN, "master mymaster 127.0.0.1 6379");
        out.event(EventType.TILT, "#tilt mode entered");
        assertEquals(List.of(), scripts(out.actions()));
        assertEquals(4, out.actions().size(), "every event is still published");
    }

    @Test
    void startupMonitorEventAndSdownRunTheScriptThroughHandle() {
        Sentinel sentinel = new Sentinel(Fixtures.config(withScripts(NOTIFY, null)), Timing.DEFAULTS,
                new SplittableRandom(1), 1000);
        assertEquals(List.of(new RunScript(NOTIFY, List.of("+monitor", "master mymaster 127.0.0.1 6379 quorum 2"))),
                scripts(sentinel.handle(new Started(), 1000)));
        List<RunScript> later = new ArrayList<>();
        for (long t = 1100; t <= 7000; t += 100) later.addAll(scripts(sentinel.handle(new Tick(), t)));
        assertEquals(List.of(new RunScript(NOTIFY, List.of("+sdown", "master mymaster 127.0.0.1 6379"))), later,
                "no reply for longer than down-after (5 s): +sdown, and nothing else");
    }

    @Test
    void theLeaderRunsTheReconfigScriptWhenThePromotionIsConfirmed() {
        SentinelState s = Fixtures.state(withScripts(null, RECONF));
        MasterState m = s.masters.get("mymaster");
        ReplicaState r = Fixtures.goodReplica(m, 6380, 1);
        m.phase = FailoverPhase.WAIT_PROMOTION;
        m.promoted = r;
        r.promoted = true;
        Effects out = new Effects();
        Failover.promotionConfirmed(s, m, r, 10, out);
        assertEquals(List.of(new RunScript(RECONF, List.of("mymaster", "leader", "start", "127.0.0.1", "6379",
                "127.0.0.1", "6380"))), scripts(out.actions()));
    }

    @Test
    void anObserverRunsTheReconfigScriptWhenAHelloMovesTheMaster() {
        Sentinel sentinel = new Sentinel(Fixtures.config(withScripts(null, RECONF)), Timing.DEFAULTS,
                new SplittableRandom(1), 1000);
        sentinel.handle(new Started(), 1000);
        String hello = "127.0.0.1,26380," + Fixtures.runId('b') + ",3,mymaster,127.0.0.1,6380,3";
        List<RunScript> run = scripts(sentinel.handle(new HelloReceived(hello), 1100));
        assertEquals(List.of(new RunScript(RECONF, List.of("mymaster", "observer", "start", "127.0.0.1", "6379",
                "127.0.0.1", "6380"))), run);
        assertTrue(scripts(sentinel.handle(new HelloReceived(hello), 1200)).isEmpty(), "the same hello again: no run");
    }

    @Test
    void withoutAReconfigScriptNothingRuns() {
        Effects out = new Effects();
        MasterState m = Fixtures.state(withScripts(null, null)).masters.get("mymaster");
        out.clientReconfig(m, true, new Address("127.0.0.1", 6379), new Address("127.0.0.1", 6380));
        assertTrue(out.actions().isEmpty(), "no client-reconfig-script configured");
    }
}
