package io.sentinel.core.failover;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FailoverPhaseTest {
    /** The forward edges of sentinelFailoverStateMachine; besides these, any active phase may abort to NONE. */
    private static final Map<FailoverPhase, FailoverPhase> FORWARD = Map.of(
            FailoverPhase.NONE, FailoverPhase.WAIT_START,
            FailoverPhase.WAIT_START, FailoverPhase.SELECT_SLAVE,
            FailoverPhase.SELECT_SLAVE, FailoverPhase.SEND_SLAVEOF_NOONE,
            FailoverPhase.SEND_SLAVEOF_NOONE, FailoverPhase.WAIT_PROMOTION,
            FailoverPhase.WAIT_PROMOTION, FailoverPhase.RECONF_SLAVES,
            FailoverPhase.RECONF_SLAVES, FailoverPhase.UPDATE_CONFIG);

    @Test
    void exactlyTheRedisEdgesAreAllowed() {
        for (FailoverPhase from : FailoverPhase.values()) {
            Set<FailoverPhase> allowed = EnumSet.noneOf(FailoverPhase.class);
            if (FORWARD.containsKey(from)) allowed.add(FORWARD.get(from));
            if (from != FailoverPhase.NONE) allowed.add(FailoverPhase.NONE);
            for (FailoverPhase to : FailoverPhase.values()) {
                assertEquals(allowed.contains(to), from.canMoveTo(to), from + " -> " + to);
            }
        }
    }

    @Test
    void noSelfLoops() {
        for (FailoverPhase p : FailoverPhase.values()) assertEquals(false, p.canMoveTo(p), p.name());
    }

    @Test
    void wireNamesAreRedisNames() {
        assertEquals("none", FailoverPhase.NONE.wireName());
        assertEquals("wait_start", FailoverPhase.WAIT_START.wireName());
        assertEquals("select_slave", FailoverPhase.SELECT_SLAVE.wireName());
        assertEquals("send_slaveof_noone", FailoverPhase.SEND_SLAVEOF_NOONE.wireName());
        assertEquals("wait_promotion", FailoverPhase.WAIT_PROMOTION.wireName());
        assertEquals("reconf_slaves", FailoverPhase.RECONF_SLAVES.wireName());
        assertEquals("update_config", FailoverPhase.UPDATE_CONFIG.wireName());
    }
}
