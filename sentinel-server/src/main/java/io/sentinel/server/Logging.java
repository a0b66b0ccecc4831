package io.sentinel.server;

import io.sentinel.server.config.LoadedConfig;
import io.sentinel.server.logging.LogFormat;
import io.sentinel.server.logging.LogSink;
import io.sentinel.server.logging.Syslog;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Sets up our SLF4J backend ({@link LogSink}): the line format, Redis's {@code loglevel}, {@code logfile} and
 * {@code syslog-*}. The
 * format comes from {@code --log-format}, else {@code SENTINEL_LOG_FORMAT}, else the config's {@code log-format},
 * else {@code redis}; the first two are applied before anything is logged.
 */
final class Logging {
    static final String ENV = "SENTINEL_LOG_FORMAT";
    static final String FLAG = "--log-format";

    private Logging() {
    }

    /** Before the first logger: the format from the command line or the environment, if valid (Main reports it). */
    static void configure(String[] argv) {
        LogFormat early = fromEnv(System.getenv());
        for (int i = 0; i + 1 < argv.length; i++) {
            if (argv[i].equals(FLAG)) early = parseOrNull(argv[i + 1]);
        }
        if (early != null) LogSink.INSTANCE.format(early);
    }

    /** Once the config is read: loglevel, the format if neither flag nor environment chose one, then logfile. */
    static void apply(LoadedConfig loaded, String cliFormat) throws IOException {
        Map<String, String> settings = loaded.serverSettings();
        if (settings.containsKey("loglevel")) LogSink.INSTANCE.level(settings.get("loglevel"));
        LogSink.INSTANCE.format(choose(cliFormat, System.getenv(), settings.get("log-format")));
        String logfile = loaded.config().logfile();
        // Redis opens the logfile after reading the config; an empty name means stdout.
        if (logfile != null && !logfile.isEmpty()) LogSink.INSTANCE.logfile(Path.of(logfile));
        if ("yes".equals(settings.get("syslog-enabled"))) syslog(settings);
    }

    /** Redis's openlog after the config is read: syslog-ident (redis) and syslog-facility (local0). */
    private static void syslog(Map<String, String> settings) {
        Syslog s = Syslog.open(settings.get("syslog-ident"), settings.get("syslog-facility"),
                System::currentTimeMillis);
        if (s == null) {
            LoggerFactory.getLogger(Logging.class).warn("syslog-enabled yes: no syslog on this platform ({})",
                    Syslog.unavailableReason());
            return;
        }
        LogSink.INSTANCE.syslog(s);
    }

    /** Flag, then environment, then config file, then redis. */
    static LogFormat choose(String cliFormat, Map<String, String> env, String configured) {
        if (cliFormat != null) return LogFormat.parse(cliFormat);
        LogFormat fromEnv = fromEnv(env);
        if (fromEnv != null) return fromEnv;
        return configured != null ? LogFormat.parse(configured) : LogFormat.REDIS;
    }

    private static LogFormat fromEnv(Map<String, String> env) {
        String v = env.get(ENV);
        return v == null || v.isBlank() ? null : parseOrNull(v);
    }

    private static LogFormat parseOrNull(String name) {
        try {
            return LogFormat.parse(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
