package io.sentinel.server;

import io.sentinel.server.config.ConfigException;
import io.sentinel.server.config.ConfigLoader;
import io.sentinel.server.config.LoadedConfig;
import io.sentinel.server.demo.DemoCommand;
import io.sentinel.server.link.ResolverThreads;
import io.sentinel.server.logging.LogFormat;
import io.sentinel.server.resp.AclStartupException;
import io.sentinel.server.runtime.Daemon;
import io.sentinel.server.stepdown.StepDownCommand;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import sun.misc.Signal;

/**
 * {@code sentinel <sentinel.conf|sentinel.yaml> [--<directive> <args>...]}: the same arguments as
 * {@code redis-sentinel}. Stays in the foreground; SIGTERM stops it cleanly.
 */
@Command(name = "sentinel", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        subcommands = {DemoCommand.class, StepDownCommand.class},
        description = {"A Redis Sentinel compatible high-availability monitor for Redis.",
            "Give it a sentinel.conf (or .yaml) and, like redis-sentinel, Redis-style overrides:",
            "  sentinel sentinel.conf --port 26380 --sentinel",
            "Own options: --metrics-port N (-1: off), --metrics-bind ADDR, --log-format redis|json"})
public final class Main implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "ARGS",
            description = "config file, then overrides such as --port 26380 (--sentinel is accepted and ignored)")
    List<String> args = new ArrayList<>();

    /**
     * Netty's pooled allocator, sized for a daemon that moves a few KB a second: one direct and one heap arena
     * (Netty's default is two per core), in 1 MiB chunks (maxOrder 7; Netty's default is 4 MiB), so idle buffers
     * cost about 2 MiB instead of 10-16. Buffers larger than a chunk are allocated unpooled, as before.
     */
    static final Map<String, String> NETTY_DEFAULTS = Map.of(
            "io.netty.allocator.maxOrder", "7",
            "io.netty.allocator.numDirectArenas", "1",
            "io.netty.allocator.numHeapArenas", "1");

    public static void main(String[] argv) {
        ResolverThreads.disableJvmAddressCache(); // before anything resolves a name: the JVM reads the policy once
        setDefaults(System.getProperties(), NETTY_DEFAULTS); // before any Netty class reads them
        Logging.configure(argv);
        CommandLine cli = new CommandLine(new Main());
        cli.setUnmatchedOptionsArePositionalParams(true);
        int code = cli.execute(argv);
        if (code != 0) System.exit(code);
    }

    @Override
    public Integer call() throws Exception {
        if (args.isEmpty() || args.get(0).startsWith("--")) {
            System.err.println("Sentinel needs a config file: sentinel <sentinel.conf|sentinel.yaml> [--option value]");
            return 1;
        }
        List<String> overrides = new ArrayList<>(args.subList(1, args.size()));
        Daemon.Options cliOptions;
        String logFormat;
        try {
            logFormat = takeLogFormat(overrides);
            cliOptions = takeOwnOptions(overrides);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 1;
        }
        LoadedConfig loaded;
        try {
            loaded = ConfigLoader.load(Path.of(args.get(0)), overrides, Path.of("").toAbsolutePath());
        } catch (ConfigException e) {
            System.err.println("*** FATAL CONFIG FILE ERROR ***");
            System.err.println(e.getMessage());
            return 1;
        }
        Logging.apply(loaded, logFormat);
        Daemon.Options options = cliOptions.orConfig(loaded.serverSettings());
        for (String w : loaded.warnings()) LoggerFactory.getLogger(Main.class).warn(w);
        Daemon daemon;
        try {
            daemon = Daemon.start(loaded, options);
        } catch (AclStartupException e) {
            // redis-sentinel logs it as a warning (ACLLoadUsersAtStartup) and exits 1
            LoggerFactory.getLogger(Main.class).warn(e.getMessage());
            return 1;
        } catch (Exception e) {
            System.err.println(e.getMessage());
            return 1;
        }
        exitCleanlyOn("TERM", daemon);
        exitCleanlyOn("INT", daemon);
        daemon.awaitStop();
        return 0;
    }

    /** Sets each property that is not set yet: a {@code -Dio.netty...} on the command line wins. */
    static void setDefaults(Properties target, Map<String, String> defaults) {
        defaults.forEach(target::putIfAbsent);
    }

    /** Like redis-sentinel: SIGTERM and SIGINT close everything in order and exit 0 (not the JVM's 143). */
    @SuppressWarnings("restriction")
    private static void exitCleanlyOn(String signal, Daemon daemon) {
        Signal.handle(new Signal(signal), s -> {
            LoggerFactory.getLogger(Main.class).warn("Received SIG{} scheduling shutdown...", signal);
            daemon.close();
            LoggerFactory.getLogger(Main.class).warn("Sentinel is now ready to exit, bye bye...");
            System.exit(0);
        });
    }

    /**
     * Removes our own flags, which sentinel.conf has no directive for, from the Redis-style overrides:
     * {@code --metrics-port N} (-1 turns the HTTP listener off, 0 picks a free port), {@code --metrics-bind A} and
     * {@code --hosts-file F} (names resolve through F only, read on every lookup: for tests and diagnosis).
     */
    static Daemon.Options takeOwnOptions(List<String> overrides) {
        String bind = null;
        Integer port = null;
        String hostsFile = null;
        for (int i = 0; i < overrides.size(); ) {
            String flag = overrides.get(i);
            if (!OWN_FLAGS.contains(flag)) {
                i++;
                continue;
            }
            if (i + 1 >= overrides.size()) throw new IllegalArgumentException(flag + " needs a value");
            String value = overrides.remove(i + 1);
            overrides.remove(i);
            if (flag.equals("--metrics-bind")) {
                bind = value;
            } else if (flag.equals("--hosts-file")) {
                hostsFile = value;
            } else {
                try {
                    port = Integer.parseInt(value);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--metrics-port: not a number: " + value);
                }
            }
        }
        return new Daemon.Options(bind, port, hostsFile);
    }

    private static final List<String> OWN_FLAGS = List.of("--metrics-port", "--metrics-bind", "--hosts-file");

    /** Removes {@code --log-format redis|json} from the overrides; its value (checked), or null when absent. */
    static String takeLogFormat(List<String> overrides) {
        String format = null;
        for (int i = overrides.indexOf(Logging.FLAG); i >= 0; i = overrides.indexOf(Logging.FLAG)) {
            if (i + 1 >= overrides.size()) throw new IllegalArgumentException(Logging.FLAG + " needs a value");
            format = overrides.remove(i + 1);
            overrides.remove(i);
            LogFormat.parse(format);
        }
        return format;
    }

    /** {@code --version}. */
    public static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"sentinel " + (v == null ? "dev" : v) + " (redis-sentinel 7.0 compatible)",
                "JVM: ${java.version} (${java.vendor} ${java.vm.name})"};
        }
    }
}
