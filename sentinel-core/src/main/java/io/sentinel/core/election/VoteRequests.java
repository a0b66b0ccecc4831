package io.sentinel.core.election;

import io.sentinel.core.Effects;
import io.sentinel.core.SentinelState;
import io.sentinel.core.action.Outcome;
import io.sentinel.core.action.Reply;
import io.sentinel.core.detect.SubjectiveDown;
import io.sentinel.core.input.VoteRequested;
import io.sentinel.core.model.Address;
import io.sentinel.core.monitor.MasterState;

/**
 * A peer asks whether we see the master at host:port down and, with a candidate, for our vote
 * (sentinelCommand's is-master-down-by-addr). In TILT we never say "down".
 */
public final class VoteRequests {
    private VoteRequests() {
    }

    public static void answer(SentinelState s, VoteRequested r, long now, Effects out) {
        MasterState m = null;
        for (MasterState candidate : s.masters.values()) {
            Address addr = candidate.master.address;
            // by name or by the IP the name has, as sentinelAddrOrHostnameEqual matches a peer's question
            boolean sameHost = addr.host().equalsIgnoreCase(r.host()) || r.host().equals(s.resolvedIps.get(addr.host()));
            if (addr.port() == r.port() && sameHost) m = candidate;
        }
        // Differs: SDOWN is checked now, not taken from the last tick, so a peer asking at our down-after deadline
        // gets "down" rather than waiting an ask period (1 s) to ask again.
        if (m != null && !s.tilt) SubjectiveDown.check(m, m.master, s.timing.infoPeriod(), now, out);
        boolean down = !s.tilt && m != null && m.master.isSdown();
        String leader = null;
        long leaderEpoch = 0;
        if (m != null && r.candidate() != null) {
            VoteLedger.Vote vote = VoteLedger.vote(s, m, r.epoch(), r.candidate(), now, out);
            // Rule: a vote leaves only behind a PersistState of it. The one that first recorded it may have failed
            // (the shell then dropped that batch), so persist again rather than trust it.
            out.persist();
            leader = vote.leader();
            leaderEpoch = leader == null ? 0 : vote.epoch();
        }
        out.add(new Reply(r.requestId(), new Outcome.VoteAnswer(down, leader, leaderEpoch)));
    }
}
