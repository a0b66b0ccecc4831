package io.sentinel.server.demo;

import static io.sentinel.server.demo.DemoCluster.MASTER_NAME;

import io.sentinel.server.logging.LogSink;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.slf4j.event.Level;

/**
 * {@code bin/sentinel demo}: a master, two replicas and three sentinels on free loopback ports in a temp dir, a
 * writer going through the sentinels, and a status table with the failover's steps as they happen. Everything it
 * starts it stops by pid, on return, {@code q} or Ctrl-C (shutdown hook), and the temp dir goes with them.
 */
public final class Demo {
    static final String NO_REDIS =
            "redis-server not found: install it with 'sudo apt-get install -y redis-server' (Debian/Ubuntu)";
    private static final int REPLICAS = 2;
    private static final int SENTINELS = 3;
    private static final long START_TIMEOUT_NANOS = 60_000_000_000L;

    private Demo() {
    }

    /**
     * Runs the demo; 1 when something could not start or a sentinel died, or when --kill-master-after was given and
     * the failover did not complete (no new master, or the writer never wrote to it); else 0. On a terminal it
     * takes keys from stdin.
     */
    public static int run(DemoOptions options) {
        boolean tty = System.console() != null;
        return run(options, System.out, System.err, System.getenv("PATH"), tty ? System.in : null, tty);
    }

    /**
     * {@code path} is the PATH to look for redis-server in: the children inherit this process's. {@code keys}: where
     * the user's keys come from, or null; {@code tty}: redraw one screen rather than append blocks.
     */
    static int run(DemoOptions options, PrintStream out, PrintStream err, String path, InputStream keys,
                   boolean tty) {
        if (!onPath("redis-server", path)) {
            err.println(NO_REDIS);
            return 1;
        }
        if (options.redisSentinels() && !onPath("redis-sentinel", path)) {
            err.println("redis-sentinel not found: install it with 'sudo apt-get install -y redis-sentinel'");
            return 1;
        }
        quietClientLogs();
        DemoCluster cluster;
        try {
            cluster = new DemoCluster();
        } catch (IOException e) {
            err.println("cannot create a temp dir: " + e.getMessage());
            return 1;
        }
        Thread cleanup = new Thread(cluster::close, "demo-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            if (!start(cluster, options, out, err)) return 1;
            return watch(cluster, options, out, err, new DemoKeys(keys), tty);
        } catch (IOException e) {
            err.println("demo failed: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } finally {
            cluster.close();
            removeHook(cleanup);
        }
    }

    private static int watch(DemoCluster cluster, DemoOptions options, PrintStream out, PrintStream err,
                             DemoKeys keys, boolean tty) throws InterruptedException {
        DemoTimeline timeline = new DemoTimeline(cluster.names(), SENTINELS);
        try (DemoClient client = new DemoClient(timeline);
             DemoWriter writer = new DemoWriter(cluster.sentinels, timeline)) {
            awaitDiscovery(cluster, client, out);
            writer.start();
            DemoScreen screen = new DemoScreen(cluster, client, timeline, keys, options, out, tty);
            DemoScreen.Outcome outcome = screen.run();
            screen.finish();
            if (outcome == DemoScreen.Outcome.SENTINEL_DIED && !cluster.isClosed()) return fail(cluster, err);
            return options.killMasterAfterSeconds() > 0 && !timeline.completed() ? 1 : 0;
        }
    }

    private static boolean start(DemoCluster cluster, DemoOptions options, PrintStream out, PrintStream err)
            throws IOException, InterruptedException {
        out.println("Starting 1 master and " + REPLICAS + " replicas in " + cluster.dir + " ...");
        cluster.startRedis(REPLICAS);
        if (!awaitAll(cluster.redis, err)) return false;
        out.println("Starting " + SENTINELS + (options.redisSentinels() ? " redis-sentinel" : " sentinel")
                + " processes ...");
        cluster.startSentinels(SENTINELS, options);
        return awaitAll(cluster.sentinels, err);
    }

    private static boolean awaitAll(List<DemoProcess> processes, PrintStream err) throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT_NANOS;
        for (DemoProcess p : processes) {
            if (!p.awaitPing(deadline)) {
                err.println(p.kind + " (pid " + p.pid() + ", port " + p.port + ") did not answer PING; its log:");
                err.println(p.logTail(30));
                return false;
            }
        }
        return true;
    }

    /**
     * Waits until every sentinel knows both replicas and both peers: a master killed before that can leave a
     * sentinel that never learns of the failover (nobody it knows would tell it). Goes on after a while anyway.
     */
    private static void awaitDiscovery(DemoCluster cluster, DemoClient client, PrintStream out)
            throws InterruptedException {
        out.println("Waiting for the sentinels to find the replicas and each other ...");
        client.follow(cluster.sentinels); // from now on: the discovery's events are worth seeing too
        long deadline = System.nanoTime() + START_TIMEOUT_NANOS;
        while (System.nanoTime() - deadline < 0) {
            if (cluster.sentinels.stream().allMatch(s -> discovered(client.sentinelMaster(s, MASTER_NAME)))) return;
            Thread.sleep(200);
        }
        out.println("... not all of them did; starting anyway");
    }

    private static boolean discovered(Map<String, String> master) {
        return master != null && String.valueOf(REPLICAS).equals(master.get("num-slaves"))
                && String.valueOf(SENTINELS - 1).equals(master.get("num-other-sentinels"));
    }

    private static int fail(DemoCluster cluster, PrintStream err) {
        for (DemoProcess s : cluster.sentinels) {
            if (!s.isAlive()) err.println(s.kind + " (pid " + s.pid() + ") exited; its log:\n" + s.logTail(30));
        }
        return 1;
    }

    static boolean onPath(String program, String path) {
        if (path == null) return false;
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Paths.get(dir, program))) return true;
        }
        return false;
    }

    /**
     * Lettuce and Netty warn about every refused or closed connection, on the screen the table is drawn on; in the
     * demo a dead instance is the point. Main's defaults (warn) are overridden: these loggers do not exist yet.
     */
    private static void quietClientLogs() {
        LogSink.INSTANCE.quietLibraries(Level.ERROR);
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down (Ctrl-C): the hook is running or has run
        }
    }
}
