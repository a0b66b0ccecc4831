package io.sentinel.server.config;

import io.sentinel.core.config.MasterConfig;
import io.sentinel.core.config.SentinelConfig;
import java.util.ArrayList;
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

    private static final List<ConfRewriter.Line> HEADER = List.of(
            ConfRewriter.Line.of("# Sentinel runtime state, rewritten on every change. Values here override the "
                    + "configuration"),
            ConfRewriter.Line.of("# for the masters it still monitors. Delete this file to forget them."));

    private StateFileFormat() {
    }

    /** The state file's lines: the header, then the runtime lines, each master's vote right after its leader-epoch. */
    static ConfRewriter.Lines render(OwnedLines.Rendered owned, boolean withUsers) {
        List<ConfRewriter.Line> out = new ArrayList<>(HEADER.size() + owned.head().size() + owned.tail().size()
                + owned.masters().size() * 8);
        out.addAll(HEADER);
        for (OwnedLines.Owned o : owned.head()) if (kept(o, withUsers)) out.add(o.line());
        for (OwnedLines.MasterLines m : owned.masters()) {
            for (OwnedLines.Owned o : m.lines()) {
                if (kept(o, withUsers)) out.add(o.line());
                if (m.vote() != null && o.key().equals("sentinel leader-epoch")) out.add(m.vote());
            }
        }
        for (OwnedLines.Owned o : owned.tail()) if (kept(o, withUsers)) out.add(o.line());
        return new ConfRewriter.Lines(out, false);
    }

    private static boolean kept(OwnedLines.Owned o, boolean withUsers) {
        return RUNTIME_KEYS.contains(o.key()) || (withUsers && o.key().equals("user"));
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
