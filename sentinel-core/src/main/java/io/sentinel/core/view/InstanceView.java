package io.sentinel.core.view;

import io.sentinel.core.model.Address;
import io.sentinel.core.model.LinkFailure;
import io.sentinel.core.model.Role;
import java.util.List;

/**
 * A read-only snapshot of one monitored instance (master, replica or peer sentinel), with what {@code SENTINEL
 * MASTER|REPLICAS|SENTINELS} and {@code INFO-CACHE} report. Times are monotonic milliseconds as the core saw them
 * (0 = never); the shell renders "milliseconds ago" against its own monotonic clock.
 *
 * <p>{@code flags} are Redis's words in Redis's order ({@code s_down, o_down, master, slave, sentinel,
 * disconnected, master_down, failover_in_progress, promoted, reconf_sent, reconf_inprog, reconf_done}).
 */
public record InstanceView(
        Role role,
        String name,
        Address address,
        String runId,
        List<String> flags,
        int linkPendingCommands,
        int linkRefcount,
        boolean linkConnected,
        long pingSentAtMillis,
        long lastOkPingReplyAtMillis,
        long lastPingReplyAtMillis,
        long sdownSinceMillis,
        long odownSinceMillis,
        long downAfterMillis,
        long infoRefreshAtMillis,
        String infoText,
        Role roleReported,
        long roleReportedAtMillis,
        // replica fields, from its INFO
        long masterLinkDownSinceMillis,
        String masterLinkStatus,
        String masterHost,
        int masterPort,
        int slavePriority,
        long slaveReplOffset,
        boolean replicaAnnounced,
        // peer sentinel fields
        long lastHelloAtMillis,
        String votedLeader,
        long votedLeaderEpoch,
        // why the link cannot be used (null when it can), since when, and the instance's or the OS's words
        LinkFailure linkFailure,
        long linkFailingSinceMillis,
        String linkFailureDetail) {

    public InstanceView {
        flags = List.copyOf(flags);
    }

    /** Redis's flags string: the words joined with commas. */
    public String flagsString() {
        return String.join(",", flags);
    }
}
