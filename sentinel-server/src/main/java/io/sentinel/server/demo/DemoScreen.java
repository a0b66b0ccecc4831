package io.sentinel.server.demo;

import java.io.PrintStream;

/** The refresh loop: redraws the table every second, kills the master when asked, stops at the duration. */
final class DemoScreen {
    private static final String CLEAR_AND_HOME = "\033[H\033[2J";

    private final DemoCluster cluster;
    private final DemoClient client;
    private final DemoOptions options;
    private final PrintStream out;
    private final StatusTable table;
    private final boolean tty = System.console() != null;

    DemoScreen(DemoCluster cluster, DemoClient client, DemoOptions options, PrintStream out) {
        this.cluster = cluster;
        this.client = client;
        this.options = options;
        this.out = out;
        this.table = new StatusTable(cluster, client);
    }

    /** Runs until the duration ends (or forever); false if a sentinel died on its own. */
    boolean run() throws InterruptedException {
        long startNanos = System.nanoTime();
        boolean masterKilled = false;
        for (long tick = 0; ; tick++) {
            long elapsedMillis = (System.nanoTime() - startNanos) / 1_000_000;
            if (!masterKilled && options.killMasterAfterSeconds() > 0
                    && elapsedMillis >= options.killMasterAfterSeconds() * 1000) {
                cluster.master().kill();
                client.record("demo: SIGKILL master pid " + cluster.master().pid());
                masterKilled = true;
            }
            client.follow(cluster.sentinels.get(0));
            String screen = table.render(header(elapsedMillis)) + footer();
            out.print(tty ? CLEAR_AND_HOME + screen : screen + "\n");
            out.flush();
            if (cluster.sentinels.stream().anyMatch(s -> !s.isAlive())) return false;
            if (options.durationSeconds() > 0 && elapsedMillis >= options.durationSeconds() * 1000) return true;
            // pace the screen at one refresh per second of wall time, not per second of work
            long nextNanos = startNanos + (tick + 1) * 1_000_000_000L;
            long waitMillis = (nextNanos - System.nanoTime() + 999_999) / 1_000_000; // round up: never wake early
            if (waitMillis > 0) Thread.sleep(waitMillis);
        }
    }

    private String header(long elapsedMillis) {
        return String.format("sentinel demo: master '%s', quorum %d, down-after %d ms, up %d s, files in %s%n",
                DemoCluster.MASTER_NAME, DemoCluster.QUORUM, options.downAfterMillis(), elapsedMillis / 1000,
                cluster.dir);
    }

    private String footer() {
        long pid = table.currentMaster().pid();
        return "\nWatch the sentinels react, in another terminal:\n"
                + "  kill -STOP " + pid + "   freeze the master (kill -CONT " + pid + " resumes it)\n"
                + "  kill " + pid + "         stop the master\n"
                + (options.durationSeconds() > 0 ? "" : "Ctrl-C stops the demo and everything it started.\n");
    }
}
