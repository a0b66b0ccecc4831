package io.sentinel.core.detect;

import io.sentinel.core.Effects;
import io.sentinel.core.event.EventType;
import io.sentinel.core.monitor.Describe;
import io.sentinel.core.monitor.MasterState;
import io.sentinel.core.monitor.PeerState;

/** ODOWN as sentinelCheckObjectivelyDown decides it: self plus peers that said "down" recently reach the quorum. */
public final class ObjectiveDown {
    private ObjectiveDown() {
    }

    /**
     * Sentinels that agree the master is down, this one included; 0 when this one does not see it down. A peer's
     * answer counts for {@code maxAnswerAgeMillis} (5 ask periods): askPeers forgets older ones only after this
     * check, and not at all in TILT, so an answer from before a TILT must not make ODOWN when it ends.
     */
    public static int agreeing(MasterState m, long now, long maxAnswerAgeMillis) {
        if (!m.master.isSdown()) return 0;
        int votes = 1;
        for (PeerState peer : m.sentinels.values()) {
            if (peer.masterDown && now - peer.lastMasterDownReplyAt <= maxAnswerAgeMillis) votes++;
        }
        return votes;
    }

    public static void check(MasterState m, long now, long askPeriodMillis, Effects out) {
        int votes = agreeing(m, now, 5 * askPeriodMillis);
        boolean odown = votes >= m.quorum && votes > 0;
        if (odown && m.odownSince == 0) {
            m.odownSince = now;
            out.event(m, EventType.ODOWN, Describe.of(m, m.master), "#quorum " + votes + "/" + m.quorum);
        } else if (!odown && m.odownSince != 0) {
            m.odownSince = 0;
            out.event(m, EventType.ODOWN_CLEARED, Describe.of(m, m.master));
        }
    }
}
