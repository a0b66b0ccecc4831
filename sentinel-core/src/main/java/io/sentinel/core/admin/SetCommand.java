package io.sentinel.core.admin;

import io.sentinel.core.Effects;
import io.sentinel.core.SentinelState;
import io.sentinel.core.action.Outcome;
import io.sentinel.core.event.EventType;
import io.sentinel.core.input.AdminRequest;
import io.sentinel.core.input.MasterChange.Setting;
import io.sentinel.core.input.MasterChange;
import io.sentinel.core.monitor.Describe;
import io.sentinel.core.monitor.MasterState;
import io.sentinel.core.monitor.ReplicaState;
import java.util.Locale;

/** {@code SENTINEL SET <master> <option> <value> [<option> <value> ...]} (sentinelSetCommand). */
final class SetCommand {
    private SetCommand() {
    }

    static Outcome run(SentinelState s, AdminRequest.SetMaster r, Effects out) {
        MasterState m = s.masters.get(r.name());
        if (m == null) return new Outcome.NoSuchMaster();
        boolean relink = false;
        Outcome result = Outcome.OK;
        for (MasterChange c : r.changes()) {
            if (!apply(s, m, c)) {
                result = new Outcome.ScriptsReconfigDenied();
                break;
            }
            relink |= c.setting() == Setting.AUTH_PASS || c.setting() == Setting.AUTH_USER
                    || c.setting() == Setting.RENAME_COMMAND;
            String shown = c.setting() == Setting.AUTH_PASS ? "******"
                    : c.renameTo() != null ? c.text() + " " + c.renameTo() : c.text();
            out.event(m, EventType.SET, Describe.of(m, m.master), c.setting().wireName() + " " + shown);
        }
        if (result == Outcome.OK && r.rejected() != null) {
            AdminRequest.SetMaster.Rejected bad = r.rejected();
            result = bad.value() == null ? new Outcome.UnknownSetting(bad.option())
                    : new Outcome.InvalidSetting(bad.option(), bad.value());
        }
        if (relink) {
            s.links.reopen(m.master.target(), m.linkSettings(), out);
            for (ReplicaState replica : m.replicas.values()) s.links.reopen(replica.target(), m.linkSettings(), out);
        }
        // as sentinelSetCommand: what changed before a bad option is kept, and flushed
        if (result == Outcome.OK || !r.changes().isEmpty()) out.persist();
        return result;
    }

    /** Applies one change; false when it is refused (a script path while deny-scripts-reconfig is on). */
    private static boolean apply(SentinelState s, MasterState m, MasterChange c) {
        switch (c.setting()) {
            case DOWN_AFTER_MILLISECONDS -> m.downAfterMillis = c.number();
            case FAILOVER_TIMEOUT -> m.failoverTimeoutMillis = c.number();
            case PARALLEL_SYNCS -> m.parallelSyncs = (int) c.number();
            case QUORUM -> m.quorum = (int) c.number();
            case MASTER_REBOOT_DOWN_AFTER_PERIOD -> m.rebootDownAfterPeriodMillis = c.number();
            case NOTIFICATION_SCRIPT, CLIENT_RECONFIG_SCRIPT -> {
                if (s.config.denyScriptsReconfig()) return false;
                String path = c.text().isEmpty() ? null : c.text();
                if (c.setting() == Setting.NOTIFICATION_SCRIPT) m.notificationScript = path;
                else m.clientReconfigScript = path;
            }
            case AUTH_PASS -> m.authPass = c.text().isEmpty() ? null : c.text();
            case AUTH_USER -> m.authUser = c.text().isEmpty() ? null : c.text();
            case RENAME_COMMAND -> {
                String from = c.text().toUpperCase(Locale.ROOT);
                if (from.equalsIgnoreCase(c.renameTo())) m.renamedCommands.remove(from);
                else m.renamedCommands.put(from, c.renameTo());
            }
            default -> throw new IllegalStateException("unhandled setting " + c.setting());
        }
        return true;
    }
}
