package io.sentinel.core.admin;

import io.sentinel.core.Effects;
import io.sentinel.core.SentinelState;
import io.sentinel.core.config.AnnounceCheck;
import io.sentinel.core.config.SentinelConfig;
import io.sentinel.core.reply.Resp;
import java.util.List;
import java.util.Locale;

/** {@code SENTINEL CONFIG SET <option> <value>} (sentinelConfigSetCommand); GET is answered from the view. */
final class ConfigSetCommand {
    private ConfigSetCommand() {
    }

    static Resp run(SentinelState s, List<String> a, Effects out) {
        if (!a.get(1).equalsIgnoreCase("set") || a.size() != 4) {
            return AdminCommands.arity("config");
        }
        String option = a.get(2).toLowerCase(Locale.ROOT);
        String value = a.get(3);
        SentinelConfig c = s.config;
        SentinelConfig updated;
        switch (option) {
            case "resolve-hostnames", "announce-hostnames" -> {
                Boolean yes = yesNo(value);
                if (yes == null) return badValue(option, value);
                updated = option.equals("resolve-hostnames") ? with(c, yes, c.announceHostnames(), c.announceIp(),
                        c.announcePort(), c.sentinelUser(), c.sentinelPass())
                        : with(c, c.resolveHostnames(), yes, c.announceIp(), c.announcePort(), c.sentinelUser(),
                        c.sentinelPass());
            }
            case "announce-ip" -> {
                // ours: an address nobody could reach is refused here as at start (wildcard, loopback behind others)
                String problem = AnnounceCheck.problem(value.isEmpty() ? null : value, c.bind());
                if (problem != null) return Resp.error("ERR " + problem);
                updated = with(c, c.resolveHostnames(), c.announceHostnames(), value.isEmpty() ? null : value,
                        c.announcePort(), c.sentinelUser(), c.sentinelPass());
            }
            case "announce-port" -> {
                Long port = AdminCommands.parseLong(value);
                if (port == null || port < 0 || port > 65535) return badValue(option, value);
                updated = with(c, c.resolveHostnames(), c.announceHostnames(), c.announceIp(), port.intValue(),
                        c.sentinelUser(), c.sentinelPass());
            }
            case "forget-unresolved-after" -> {
                Long ms = AdminCommands.parseLong(value);
                if (ms == null || ms < 0) return badValue(option, value);
                updated = withForgetAfter(c, ms);
            }
            case "sentinel-user" -> updated = with(c, c.resolveHostnames(), c.announceHostnames(), c.announceIp(),
                    c.announcePort(), value.isEmpty() ? null : value, c.sentinelPass());
            case "sentinel-pass" -> updated = with(c, c.resolveHostnames(), c.announceHostnames(), c.announceIp(),
                    c.announcePort(), c.sentinelUser(), value.isEmpty() ? null : value);
            default -> {
                return Resp.error("ERR Invalid argument '" + a.get(2) + "' to SENTINEL CONFIG SET");
            }
        }
        s.config = updated;
        out.persist();
        if (option.equals("sentinel-user") || option.equals("sentinel-pass")) s.reopenPeerLinks(out);
        return Resp.OK;
    }

    private static Boolean yesNo(String v) {
        if (v.equalsIgnoreCase("yes")) return true;
        if (v.equalsIgnoreCase("no")) return false;
        return null;
    }

    private static Resp badValue(String option, String value) {
        return Resp.error("ERR Invalid value '" + value + "' to SENTINEL CONFIG SET '" + option + "'");
    }

    private static SentinelConfig withForgetAfter(SentinelConfig c, long millis) {
        return new SentinelConfig(c.port(), c.bind(), c.dir(), c.logfile(), c.protectedMode(), c.requirePass(),
                c.users(), c.myid(), c.currentEpoch(), c.announceIp(), c.announcePort(), c.resolveHostnames(),
                c.announceHostnames(), c.denyScriptsReconfig(), c.sentinelUser(), c.sentinelPass(), c.masters(),
                millis);
    }

    private static SentinelConfig with(SentinelConfig c, boolean resolve, boolean announceHostnames,
            String announceIp, int announcePort, String user, String pass) {
        return new SentinelConfig(c.port(), c.bind(), c.dir(), c.logfile(), c.protectedMode(), c.requirePass(),
                c.users(), c.myid(), c.currentEpoch(), announceIp, announcePort, resolve, announceHostnames,
                c.denyScriptsReconfig(), user, pass, c.masters(), c.forgetUnresolvedAfterMillis());
    }
}
