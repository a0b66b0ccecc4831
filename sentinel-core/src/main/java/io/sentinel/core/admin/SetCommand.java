package io.sentinel.core.admin;

import io.sentinel.core.Effects;
import io.sentinel.core.SentinelState;
import io.sentinel.core.event.EventType;
import io.sentinel.core.monitor.Describe;
import io.sentinel.core.monitor.InstanceState;
import io.sentinel.core.monitor.MasterState;
import io.sentinel.core.reply.Resp;
import java.util.List;
import java.util.Locale;

/** {@code SENTINEL SET <master> <option> <value> [<option> <value> ...]} (sentinelSetCommand). */
final class SetCommand {
    private SetCommand() {
    }

    static Resp run(SentinelState s, List<String> a, Effects out) {
        MasterState m = s.masters.get(a.get(1));
        if (m == null) return Resp.error(AdminCommands.NO_SUCH_MASTER);
        boolean relink = false;
        int i = 2;
        while (i < a.size()) {
            String option = a.get(i).toLowerCase(Locale.ROOT);
            int needed = option.equals("rename-command") ? 2 : 1;
            if (i + needed >= a.size()) return unknown(a.get(i));
            String value = a.get(i + 1);
            String error = apply(s, m, option, a, i);
            if (error != null) return Resp.error(error);
            relink |= option.equals("auth-pass") || option.equals("auth-user") || option.equals("rename-command");
            String shown = option.equals("auth-pass") ? "******" : needed == 2 ? value + " " + a.get(i + 2) : value;
            out.event(m, EventType.SET, Describe.of(m, m.master) + " " + option + " " + shown);
            i += 1 + needed;
        }
        if (relink) {
            s.links.reopen(m.master.target(), m.linkSettings(), out);
            for (InstanceState r : m.replicas.values()) s.links.reopen(r.target(), m.linkSettings(), out);
        }
        out.persist();
        return Resp.OK;
    }

    private static Resp unknown(String option) {
        return Resp.error("ERR Unknown option or number of arguments for SENTINEL SET '" + option + "'");
    }

    /** Applies one option; returns Redis's error text, or null. */
    private static String apply(SentinelState s, MasterState m, String option, List<String> a, int i) {
        String value = a.get(i + 1);
        Long n = AdminCommands.parseLong(value);
        String invalid = "ERR Invalid argument '" + value + "' for SENTINEL SET '" + a.get(i) + "'";
        switch (option) {
            case "down-after-milliseconds" -> {
                if (n == null || n <= 0) return invalid;
                m.downAfterMillis = n;
            }
            case "failover-timeout" -> {
                if (n == null || n <= 0) return invalid;
                m.failoverTimeoutMillis = n;
            }
            case "parallel-syncs" -> {
                if (n == null || n <= 0) return invalid;
                m.parallelSyncs = n.intValue();
            }
            case "quorum" -> {
                if (n == null || n <= 0) return invalid;
                m.quorum = n.intValue();
            }
            case "master-reboot-down-after-period" -> {
                if (n == null || n < 0) return invalid;
                m.rebootDownAfterPeriodMillis = n;
            }
            case "notification-script", "client-reconfig-script" -> {
                if (s.config.denyScriptsReconfig()) {
                    return "ERR Reconfiguration of scripts path is denied for security reasons. Check the "
                            + "deny-scripts-reconfig configuration directive in your config file before attempting "
                            + "to reconfigure the script path.";
                }
                String path = value.isEmpty() ? null : value;
                if (option.equals("notification-script")) m.notificationScript = path;
                else m.clientReconfigScript = path;
            }
            case "auth-pass" -> m.authPass = value.isEmpty() ? null : value;
            case "auth-user" -> m.authUser = value.isEmpty() ? null : value;
            case "rename-command" -> {
                if (i + 2 >= a.size()) return "ERR Unknown option or number of arguments for SENTINEL SET '"
                        + a.get(i) + "'";
                String from = value.toUpperCase(Locale.ROOT);
                String to = a.get(i + 2);
                if (from.equalsIgnoreCase(to)) m.renamedCommands.remove(from);
                else m.renamedCommands.put(from, to);
            }
            default -> {
                return "ERR Unknown option or number of arguments for SENTINEL SET '" + a.get(i) + "'";
            }
        }
        return null;
    }
}
