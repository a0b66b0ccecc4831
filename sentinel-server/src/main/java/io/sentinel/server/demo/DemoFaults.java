package io.sentinel.server.demo;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * What the user (or --kill-master-after) does to the master, by pid: SIGKILL, SIGSTOP, SIGCONT, and starting a
 * killed one again. Each SIGKILL or SIGSTOP starts a new failover timeline. Runs on the screen loop only.
 */
final class DemoFaults {
    private final DemoCluster cluster;
    private final DemoTimeline timeline;
    private final Consumer<String> announce;
    private DemoProcess killed;
    private DemoProcess stopped;

    DemoFaults(DemoCluster cluster, DemoTimeline timeline, Consumer<String> announce) {
        this.cluster = cluster;
        this.timeline = timeline;
        this.announce = announce;
    }

    /** SIGKILL of the master the sentinels name now (after a failover, the new one). */
    void kill(DemoProcess master) {
        if (!master.isAlive()) {
            announce.accept("demo: " + master.kind + " is not running; press r to restart it");
            return;
        }
        inject("SIGKILL", master);
        master.crash();
        killed = master;
        if (stopped == master) stopped = null;
        announce.accept("demo: SIGKILL " + master.kind + " (master) pid " + master.pid());
    }

    void stop(DemoProcess master) {
        if (!master.isAlive() || master.fault() != null) {
            announce.accept("demo: " + master.kind + " is already " + (master.isAlive() ? "stopped" : "down"));
            return;
        }
        inject("SIGSTOP", master);
        try {
            master.freeze();
            stopped = master;
            announce.accept("demo: SIGSTOP " + master.kind + " (master) pid " + master.pid() + "; c resumes it");
        } catch (IOException | InterruptedException e) {
            announce.accept("demo: " + e.getMessage());
        }
    }

    void resume() {
        if (stopped == null) {
            announce.accept("demo: nothing is stopped");
            return;
        }
        try {
            stopped.resume();
            announce.accept("demo: SIGCONT " + stopped.kind + " pid " + stopped.pid());
            stopped = null;
        } catch (IOException | InterruptedException e) {
            announce.accept("demo: " + e.getMessage());
        }
    }

    /** Starts the killed redis again: it comes back as an empty master, the sentinels turn it into a replica. */
    void restart() {
        if (killed == null || killed.isAlive()) {
            announce.accept("demo: nothing to restart: k kills the master first");
            return;
        }
        DemoProcess again = cluster.restart(killed);
        if (again == null) return;
        timeline.restarted("restarted " + again.kind + ", pid " + again.pid() + ", as an empty master",
                System.nanoTime());
        announce.accept("demo: restarted " + again.kind + " pid " + again.pid() + " on " + again.address()
                + "; watch for +convert-to-slave");
        killed = null;
    }

    /**
     * Asks a sentinel for a planned switchover away from {@code master}: SENTINEL FAILOVER with COORDINATED (ours;
     * redis-sentinel 7.0 refuses it, and the demo shows its error).
     */
    void switchover(DemoProcess master, DemoClient client) {
        if (!master.isAlive() || master.fault() != null) {
            announce.accept("demo: " + master.kind + " is not serving: a switchover needs a live master");
            return;
        }
        DemoProcess sentinel = cluster.sentinels.stream().filter(DemoProcess::isAlive).findFirst().orElse(null);
        if (sentinel == null) {
            announce.accept("demo: no sentinel running");
            return;
        }
        DemoTimeline.Fault planned = new DemoTimeline.Fault("COORDINATED switchover", master.address(),
                master.kind + " " + master.address() + " pid " + master.pid(), System.nanoTime(), true);
        timeline.faultInjected(planned);
        String reply = client.coordinatedFailover(sentinel, DemoCluster.MASTER_NAME);
        announce.accept("demo: SENTINEL FAILOVER " + DemoCluster.MASTER_NAME + " COORDINATED to " + sentinel.kind
                + ": " + reply);
    }

    private void inject(String action, DemoProcess master) {
        timeline.faultInjected(new DemoTimeline.Fault(action, master.address(),
                master.kind + " " + master.address() + " pid " + master.pid(), System.nanoTime(), false));
    }
}
