package io.sentinel.core.view;

/**
 * What {@code SENTINEL CKQUORUM} answers for a master, as numbers and as its text; the one place of that rule,
 * shared by the command, the metrics and the readiness probe: peers flagged down are not usable, this sentinel
 * always is; a failover needs both the master's quorum and a majority of all known sentinels, self included.
 */
public record QuorumStatus(int usable, int quorum, int voters) {

    public static QuorumStatus of(MasterView m) {
        int usable = 1;
        for (InstanceView peer : m.sentinels()) {
            if (!peer.flags().contains("s_down") && !peer.flags().contains("o_down")) usable++;
        }
        return new QuorumStatus(usable, m.config().quorum(), m.sentinels().size() + 1);
    }

    public int majority() {
        return voters / 2 + 1;
    }

    /** Usable sentinels needed for both the quorum and the majority. */
    public int needed() {
        return Math.max(quorum, majority());
    }

    public boolean ok() {
        return usable >= needed();
    }

    /** The reply text: {@code OK ...} or the {@code NOQUORUM ...} error, as redis_exporter puts it in a label. */
    public String message() {
        if (ok()) return "OK " + usable + " usable Sentinels. Quorum and failover authorization can be reached";
        boolean noQuorum = usable < quorum;
        boolean noMajority = usable < majority();
        StringBuilder e = new StringBuilder("NOQUORUM ").append(usable).append(" usable Sentinels. ");
        if (noQuorum) e.append("Not enough available Sentinels to reach the specified quorum for this master");
        if (noMajority) {
            if (noQuorum) e.append(". ");
            e.append("Not enough available Sentinels to reach the majority and authorize a failover");
        }
        return e.toString();
    }
}
