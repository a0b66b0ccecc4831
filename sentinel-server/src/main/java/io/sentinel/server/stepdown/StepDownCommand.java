package io.sentinel.server.stepdown;

import io.sentinel.core.model.Address;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code step-down} subcommand, for a Redis pod's preStop hook: options to {@link StepDown}. */
@Command(name = "step-down", mixinStandardHelpOptions = true,
        description = {"If the Redis server at --if-address is the master of --master (as --sentinel reports it),"
                + " ask for a failover and wait until every reachable sentinel reports another master; otherwise"
                + " return at once. For a Kubernetes preStop hook.",
            "Exit status: 0 done (master moved, or nothing to do); 1 failed (sentinel unreachable or refused, unknown"
                + " master, failover refused); 2 bad arguments; 3 timed out waiting for the new master."},
        exitCodeOnInvalidInput = 2)
public final class StepDownCommand implements Callable<Integer> {
    @Option(names = "--sentinel", required = true, paramLabel = "HOST:PORT", description = "The sentinel to ask.")
    String sentinel;

    @Option(names = "--master", required = true, paramLabel = "NAME", description = "The monitored master's name.")
    String master;

    @Option(names = "--if-address", required = true, paramLabel = "HOST:PORT",
            description = "This pod's Redis, as the sentinels name it (the pod's host name, or its IP).")
    String ifAddress;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30s",
            description = "How long to wait for the new master: 30s, 500ms, 2m (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Option(names = "--auth-user", paramLabel = "USER", description = "ACL user for the sentinels.")
    String user;

    @Option(names = "--auth-pass", paramLabel = "PASSWORD", description = "Password for the sentinels.")
    String password;

    @Option(names = "--auth-pass-file", paramLabel = "FILE",
            description = "Read the password from a file (a mounted Secret): kept out of the process list.")
    Path passwordFile;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        return new StepDown(options(), System.out, System.err).run();
    }

    /** The parsed options; a bad value is picocli's parameter error (exit 2). */
    public StepDown.Options options() {
        String pass = password;
        if (passwordFile != null) {
            try {
                pass = Files.readString(passwordFile).strip();
            } catch (IOException e) {
                throw bad("--auth-pass-file: cannot read " + passwordFile + ": " + e.getMessage());
            }
        }
        return new StepDown.Options(hostPort("--sentinel", sentinel), master, hostPort("--if-address", ifAddress),
                millis(timeout), user, pass);
    }

    private Address hostPort(String option, String value) {
        try {
            Address a = Address.parse(value);
            if (a.host().startsWith("[") && a.host().endsWith("]")) {
                a = new Address(a.host().substring(1, a.host().length() - 1), a.port()); // [::1]:26379
            }
            if (a.host().isEmpty() || a.port() <= 0 || a.port() > 65535) throw new IllegalArgumentException();
            return a;
        } catch (RuntimeException e) {
            throw bad(option + ": expected HOST:PORT, got '" + value + "'");
        }
    }

    private long millis(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        try {
            if (v.endsWith("ms")) return positive(Long.parseLong(v.substring(0, v.length() - 2)));
            if (v.endsWith("s")) return positive(Long.parseLong(v.substring(0, v.length() - 1)) * 1000);
            if (v.endsWith("m")) return positive(Long.parseLong(v.substring(0, v.length() - 1)) * 60_000);
            return positive(Long.parseLong(v) * 1000);
        } catch (IllegalArgumentException e) {
            throw bad("--timeout: expected a duration such as 30s, 500ms or 2m, got '" + value + "'");
        }
    }

    private static long positive(long millis) {
        if (millis <= 0) throw new IllegalArgumentException();
        return millis;
    }

    private CommandLine.ParameterException bad(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
