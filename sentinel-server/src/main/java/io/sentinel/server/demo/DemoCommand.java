package io.sentinel.server.demo;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code demo} subcommand: maps picocli options to {@link DemoOptions} and runs {@link Demo}. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Start a local master, 2 replicas and 3 sentinels on free loopback ports, a writer going through"
                + " the sentinels, and show their state and each step of a failover.",
                "On a terminal, type k (SIGKILL the master), s (SIGSTOP), c (SIGCONT), r (restart the killed master)"
                + " or q (quit), then Enter."})
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--duration", paramLabel = "SECONDS", description = "Stop after this many seconds (0: until Ctrl-C).")
    long durationSeconds;

    @Option(names = "--kill-master-after", paramLabel = "SECONDS", description = "SIGKILL the master after this many seconds (0: never);"
            + " the exit status is then 1 unless the failover completed.")
    long killMasterAfterSeconds;

    @Option(names = "--down-after", paramLabel = "MILLIS", description = "down-after-milliseconds of the sentinels (default: ${DEFAULT-VALUE}).")
    long downAfterMillis = DemoOptions.DEFAULT_DOWN_AFTER_MILLIS;

    @Option(names = "--redis-sentinel", description = "Run Debian's redis-sentinel instead of ours, to compare.")
    boolean redisSentinels;

    @Override
    public Integer call() {
        return Demo.run(new DemoOptions(durationSeconds, killMasterAfterSeconds, downAfterMillis, redisSentinels));
    }
}
