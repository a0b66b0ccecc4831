package io.sentinel.server.demo;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo's loop: takes keys, injects faults (by key or on schedule), watches the replicas link to a new master,
 * and draws. On a terminal the screen is redrawn every second and as soon as a failover step happens; otherwise
 * (CI, a pipe) a plain block is appended every few seconds and each step as one line, so the output stays readable
 * and bounded.
 */
final class DemoScreen {
    /** How the loop ended. */
    enum Outcome { ENDED, QUIT, SENTINEL_DIED }

    private static final String CLEAR_AND_HOME = "\033[H\033[2J";
    private static final long TTY_REFRESH_NANOS = 1_000_000_000L;
    private static final long PLAIN_BLOCK_NANOS = 5_000_000_000L;
    /** Between two redraws on a step, so a burst of events costs one redraw, not ten. */
    private static final long STEP_REDRAW_NANOS = 200_000_000L;
    private static final long POLL_MILLIS = 100;

    private final DemoCluster cluster;
    private final DemoClient client;
    private final DemoTimeline timeline;
    private final DemoKeys keys;
    private final DemoOptions options;
    private final PrintStream out;
    private final boolean tty;
    private final StatusTable table;
    private final DemoFaults faults;
    private final TerminalSize terminal = new TerminalSize();
    private final long startNanos = System.nanoTime();
    private long lastDrawNanos;

    DemoScreen(DemoCluster cluster, DemoClient client, DemoTimeline timeline, DemoKeys keys,
               DemoOptions options, PrintStream out, boolean tty) {
        this.cluster = cluster;
        this.client = client;
        this.timeline = timeline;
        this.keys = keys;
        this.options = options;
        this.out = out;
        this.tty = tty;
        this.table = new StatusTable(cluster, client);
        this.faults = new DemoFaults(cluster, timeline, this::announce);
    }

    /** Runs until the duration ends, {@code q}, or a sentinel dies on its own (forever without a duration). */
    Outcome run() throws InterruptedException {
        long period = tty ? TTY_REFRESH_NANOS : PLAIN_BLOCK_NANOS;
        long nextDraw = startNanos;
        boolean killedOnSchedule = false;
        while (true) {
            long now = System.nanoTime();
            if (!killedOnSchedule && options.killMasterAfterSeconds() > 0
                    && now - startNanos >= options.killMasterAfterSeconds() * 1_000_000_000L) {
                faults.kill(table.currentMaster());
                killedOnSchedule = true;
            }
            checkLinks();
            if (newSteps() && tty) nextDraw = Math.min(nextDraw, lastDrawNanos + STEP_REDRAW_NANOS);
            if (now - nextDraw >= 0) {
                draw();
                while (nextDraw - now <= 0) nextDraw += period; // a grid from the start: no drift, no catching up
            }
            if (cluster.isClosed()) return Outcome.ENDED; // Ctrl-C: the shutdown hook is stopping everything
            if (cluster.sentinels.stream().anyMatch(s -> !s.isAlive())) return Outcome.SENTINEL_DIED;
            if (options.durationSeconds() > 0 && now - startNanos >= options.durationSeconds() * 1_000_000_000L) {
                return Outcome.ENDED;
            }
            Character key = keys.next(Math.min(POLL_MILLIS, (nextDraw - System.nanoTime()) / 1_000_000 + 1));
            if (key != null && !act(key)) return Outcome.QUIT;
            if (key != null) nextDraw = System.nanoTime(); // show what the key did at once
        }
    }

    /** The last screen (or block) unless just drawn, then the failover summary when a fault was injected. */
    void finish() {
        if (cluster.isClosed()) return;
        if (System.nanoTime() - lastDrawNanos > STEP_REDRAW_NANOS) draw();
        if (timeline.fault() != null) out.print("\n" + timeline.summary());
        out.flush();
    }

    /** False for q. */
    private boolean act(char key) {
        switch (key) {
            case 'k' -> faults.kill(table.currentMaster());
            case 's' -> faults.stop(table.currentMaster());
            case 'c' -> faults.resume();
            case 'r' -> faults.restart();
            case 'w' -> faults.switchover(table.currentMaster(), client);
            case 'q' -> {
                return false;
            }
            default -> announce("demo: unknown key '" + key + "': " + DemoKeys.HELP);
        }
        return true;
    }

    private void draw() {
        lastDrawNanos = System.nanoTime();
        client.follow(cluster.sentinels);
        String header = String.format("sentinel demo: master '%s', quorum %d, down-after %d ms, up %d s, files in %s%n",
                DemoCluster.MASTER_NAME, DemoCluster.QUORUM, options.downAfterMillis(),
                (lastDrawNanos - startNanos) / 1_000_000_000L, cluster.dir);
        String screen = table.render(header, timeline.panel(lastDrawNanos, idleHint()), footer(),
                tty ? terminal.rows() : Integer.MAX_VALUE);
        out.print(tty ? CLEAR_AND_HOME + screen : screen + "\n");
        out.flush();
    }

    /** In plain mode prints the steps reached since the last call; true if there were any. */
    private boolean newSteps() {
        List<String> steps = timeline.drainNew();
        if (!tty) steps.forEach(step -> out.println("failover " + step.strip()));
        return !steps.isEmpty();
    }

    /** After +switch-master: have all the other live replicas reported an up link to the new master? */
    private void checkLinks() {
        String newMaster = timeline.newMaster();
        DemoTimeline.Fault fault = timeline.fault();
        if (newMaster == null || timeline.reached(Milestone.LINKED)) return;
        List<String> linked = new ArrayList<>();
        for (DemoProcess p : new ArrayList<>(cluster.redis)) {
            if (p.address().equals(newMaster) || p.address().equals(fault.address())) continue;
            if (!p.isAlive() || p.fault() != null) continue;
            String info = client.replicationInfo(p);
            if (info == null || !"up".equals(StatusTable.field(info, "master_link_status"))) return;
            String master = StatusTable.field(info, "master_host") + ":" + StatusTable.field(info, "master_port");
            if (!master.equals(newMaster)) return;
            linked.add(p.kind);
        }
        timeline.replicasLinked(String.join(", ", linked) + " replicating from " + timeline.name(newMaster),
                System.nanoTime());
    }

    private void announce(String what) {
        client.record(what);
        if (!tty) out.println(what);
    }

    private String idleHint() {
        if (options.killMasterAfterSeconds() > 0) {
            return "the master gets SIGKILL at " + options.killMasterAfterSeconds() + " s";
        }
        return tty ? "press k then Enter to SIGKILL the master" : "no --kill-master-after";
    }

    private String footer() {
        if (!tty) return "";
        return "\nKeys: " + DemoKeys.HELP + "\n"
                + (options.durationSeconds() > 0 ? "" : "Ctrl-C also stops the demo and everything it started.\n");
    }
}
