package io.sentinel.server.config;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * redis-server's {@code syslog-enabled}, {@code syslog-ident} and {@code syslog-facility}, checked with Redis 7.0's
 * texts and kept in the server settings for the logging set-up.
 */
final class SyslogDirectives {
    /** Redis's syslog_facility_enum. */
    private static final Set<String> FACILITIES = Set.of("user", "local0", "local1", "local2", "local3", "local4",
            "local5", "local6", "local7");

    private SyslogDirectives() {
    }

    static boolean handles(String name) {
        return name.equals("syslog-enabled") || name.equals("syslog-ident") || name.equals("syslog-facility");
    }

    static void apply(ConfLine l, Map<String, String> settings) throws ConfigException {
        if (l.argc() != 2) throw l.error("wrong number of arguments");
        String name = l.name();
        String v = l.arg(1);
        switch (name) {
            case "syslog-enabled":
                if (!v.equalsIgnoreCase("yes") && !v.equalsIgnoreCase("no")) {
                    throw l.error("argument must be 'yes' or 'no'");
                }
                settings.put(name, v.toLowerCase(Locale.ROOT));
                break;
            case "syslog-facility":
                if (!FACILITIES.contains(v.toLowerCase(Locale.ROOT))) {
                    throw l.error("argument(s) must be one of the following: user, local0, local1, local2, local3,"
                            + " local4, local5, local6, local7");
                }
                settings.put(name, v.toLowerCase(Locale.ROOT));
                break;
            default:
                settings.put(name, v);
        }
    }
}
