package io.sentinel.server.command;

import io.sentinel.core.reply.Resp;
import io.sentinel.core.view.InstanceView;
import io.sentinel.core.view.MasterView;

/**
 * {@code SENTINEL CKQUORUM}: can this sentinel's view reach the master's quorum, and the majority of all known
 * sentinels (self included) that authorizes a failover? Peers flagged down are not usable; this sentinel always is.
 */
final class Quorum {
    private Quorum() {
    }

    static Resp check(MasterView m) {
        int usable = 1;
        for (InstanceView peer : m.sentinels()) {
            if (!peer.flags().contains("s_down") && !peer.flags().contains("o_down")) usable++;
        }
        int voters = m.sentinels().size() + 1;
        boolean noQuorum = usable < m.config().quorum();
        boolean noMajority = usable < voters / 2 + 1;
        if (!noQuorum && !noMajority) {
            return new Resp.Simple("OK " + usable + " usable Sentinels. Quorum and failover authorization can be reached");
        }
        StringBuilder e = new StringBuilder("NOQUORUM ").append(usable).append(" usable Sentinels. ");
        if (noQuorum) e.append("Not enough available Sentinels to reach the specified quorum for this master");
        if (noMajority) {
            if (noQuorum) e.append(". ");
            e.append("Not enough available Sentinels to reach the majority and authorize a failover");
        }
        return Resp.error(e.toString());
    }
}
