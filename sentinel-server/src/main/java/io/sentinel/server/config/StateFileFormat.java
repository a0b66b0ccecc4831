package io.sentinel.server.config;

import io.sentinel.core.config.MasterConfig;
import io.sentinel.core.config.SentinelConfig;
import java.util.List;
import java.util.Set;

/**
 * The state file kept under {@code dir} when the configuration itself is not rewritten (read-only sentinel.conf,
 * YAML, {@code include}): sentinel.conf syntax with only the runtime lines, plus {@code sentinel leader-vote <master>
 * <epoch> <runid>}, the vote redis-sentinel keeps only in memory and we keep across restarts. Once ACL SETUSER or
 * DELUSER changed the users, it holds every {@code user} line too, and those replace the configured users.
 */
final class StateFileFormat {
    private static final Set<String> RUNTIME_KEYS = Set.of("sentinel myid", "sentinel current-epoch",
            "sentinel monitor", "sentinel config-epoch", "sentinel leader-epoch", "sentinel known-replica",
            "sentinel known-sentinel");

    private StateFileFormat() {
    }

    static String render(SentinelConfig c, boolean withUsers) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Sentinel runtime state, rewritten on every change. Values here override the configuration\n");
        sb.append("# for the masters it still monitors. Delete this file to forget them.\n");
        for (OwnedLines.Owned o : OwnedLines.of(c)) {
            if (!RUNTIME_KEYS.contains(o.key()) && !(withUsers && o.key().equals("user"))) continue;
            sb.append(o.text()).append('\n');
            if (o.key().equals("sentinel leader-epoch")) vote(sb, c, o.text());
        }
        return sb.toString();
    }

    /** Writes the vote right after its master's leader-epoch line. */
    private static void vote(StringBuilder sb, SentinelConfig c, String leaderEpochLine) {
        List<String> args = ConfTokens.split(leaderEpochLine);
        MasterConfig m = c.master(args.get(2));
        if (m == null || m.leaderRunId() == null) return;
        sb.append("sentinel leader-vote ")
                .append(ConfTokens.join(List.of(m.name(), Long.toString(m.leaderEpoch()), m.leaderRunId())))
                .append('\n');
    }

    /**
     * {@code config} with the runtime values of {@code state} for the masters both know: current address, epochs,
     * vote, known instances. Epochs only move forward, so current-epoch is the larger of the two.
     */
    static SentinelConfig merge(SentinelConfig config, SentinelConfig state) {
        List<MasterConfig> masters = config.masters().stream().map(m -> {
            MasterConfig s = state.master(m.name());
            if (s == null) return m;
            return new MasterConfig(m.name(), s.address(), m.quorum(), m.downAfterMillis(), m.failoverTimeoutMillis(),
                    m.parallelSyncs(), m.authUser(), m.authPass(), m.notificationScript(), m.clientReconfigScript(),
                    m.masterRebootDownAfterPeriodMillis(), m.renamedCommands(), s.knownReplicas(),
                    s.knownSentinels(), s.configEpoch(), s.leaderEpoch(), s.leaderRunId());
        }).toList();
        String myid = state.myid() != null ? state.myid() : config.myid();
        long epoch = Math.max(config.currentEpoch(), state.currentEpoch());
        for (MasterConfig m : masters) epoch = Math.max(epoch, m.configEpoch());
        SentinelConfig merged = config.withRuntime(myid, epoch, masters);
        return state.users().isEmpty() ? merged : merged.withUsers(state.users());
    }
}
