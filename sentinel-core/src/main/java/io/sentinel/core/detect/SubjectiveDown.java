package io.sentinel.core.detect;

import io.sentinel.core.Effects;
import io.sentinel.core.event.EventType;
import io.sentinel.core.model.Role;
import io.sentinel.core.monitor.Describe;
import io.sentinel.core.monitor.InstanceState;
import io.sentinel.core.monitor.LinkState;
import io.sentinel.core.monitor.MasterState;
import io.sentinel.core.monitor.NodeState;

/** SDOWN as sentinelCheckSubjectivelyDown decides it. */
public final class SubjectiveDown {
    private SubjectiveDown() {
    }

    /** How long the instance has gone without a valid PING reply. */
    public static long silenceMillis(LinkState link, long now) {
        if (link.pingSentAt != 0) return now - link.pingSentAt;
        if (!link.connected) return now - link.lastOkPingReplyAt;
        return 0;
    }

    /** Rule: down when silent longer than down-after, or a master reporting "slave" too long, or just rebooted. */
    public static boolean looksDown(MasterState m, InstanceState ri, long infoPeriod, long now) {
        if (ri.link == null) return false;
        if (silenceMillis(ri.link, now) > m.downAfterMillis) return true;
        if (ri.role != Role.MASTER) return false;
        NodeState master = (NodeState) ri;
        if (master.roleReported == Role.REPLICA
                && now - master.roleReportedAt > m.downAfterMillis + 2 * infoPeriod) return true;
        return master.rebootSince != 0 && m.rebootDownAfterPeriodMillis > 0
                && now - master.rebootSince < m.rebootDownAfterPeriodMillis;
    }

    public static void check(MasterState m, InstanceState ri, long infoPeriod, long now, Effects out) {
        boolean down = looksDown(m, ri, infoPeriod, now);
        if (down && ri.sdownSince == 0) {
            ri.sdownSince = now;
            out.event(m, EventType.SDOWN, Describe.of(m, ri));
        } else if (!down && ri.sdownSince != 0) {
            ri.sdownSince = 0;
            out.event(m, EventType.SDOWN_CLEARED, Describe.of(m, ri));
        }
    }
}
