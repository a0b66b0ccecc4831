package io.sentinel.server.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentinel.core.config.MasterConfig;
import io.sentinel.core.config.SentinelConfig;
import io.sentinel.server.config.ConfigException;
import io.sentinel.server.config.ConfigLoader;
import io.sentinel.server.it.ProcessScope;
import io.sentinel.server.it.RedisProcess;
import io.sentinel.server.it.SentinelConf;
import io.sentinel.server.it.SentinelProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * State that survives SIGKILL: our sentinel is killed again and again while four clients keep changing what it
 * persists (SENTINEL SET, MONITOR/REMOVE, CONFIG SET, and votes asked by a fake peer with a rising epoch, each vote
 * a new epoch), at a random count of acknowledged changes, and every other time as soon as a write's temp file
 * appears, so that many kills land in the middle of a write (the run prints how many left one). After each
 * kill its sentinel.conf must load, keep its myid, and hold every change acknowledged before the kill (the one in
 * flight may or may not be there); after the restart it must not vote again in an epoch it voted in.
 * {@code -Dcrash.kills=N} (default 30; 200 with -Pfuzz), {@code -Dcrash.seed=S} replays the kill points.
 */
class KillWhileWritingIT {
    private static final int KILLS = Integer.getInteger("crash.kills", 30);
    private static final String PEER = "f62a780e27f77d44f033eba70d09c1633a3c42f9";
    private static final String OTHER_PEER = "0000000000000000000000000000000000000001";

    @RegisterExtension
    final ProcessScope processes = new ProcessScope();

    private final ChangeStreams streams = new ChangeStreams();

    @Test
    void everyAcknowledgedChangeSurvivesSigkill() throws Exception {
        long seed = Long.getLong("crash.seed", System.nanoTime());
        System.out.println("KillWhileWritingIT seed " + seed + " (-Dcrash.seed=" + seed + " replays the kill points)");
        SplittableRandom random = new SplittableRandom(seed);
        RedisProcess master = processes.add(RedisProcess.master());
        SentinelProcess sentinel = processes.add(new SentinelProcess(new SentinelConf()
                .line("sentinel announce-port 1").monitor("m0", master.address(), 2).downAfterMillis(60_000)));
        String myid = myid(sentinel);
        streams.target(master);
        int midWrite = 0;
        long started = System.nanoTime();
        for (int kill = 1; kill <= KILLS; kill++) {
            List<Thread> writers = streams.start(sentinel);
            streams.awaitAcks(1 + random.nextInt(40));
            // every other kill waits for a write to be under way: its temp file is there until the rename
            if (kill % 2 == 0) awaitTempFile(sentinel);
            sentinel.sigkill();
            for (Thread t : writers) t.join(10_000);
            if (!tempFiles(sentinel).isEmpty()) midWrite++;
            String context = "kill " + kill + " (seed " + seed + ")";
            SentinelConfig persisted = load(sentinel, context);
            assertEquals(myid, persisted.myid(), context + ": myid changed");
            streams.check(persisted, context);
            sentinel.restart();
            assertEquals(myid, myid(sentinel), context + ": myid after restart");
            noSecondVote(sentinel, master, context);
        }
        System.out.printf("KillWhileWritingIT: %d SIGKILLs in %.1f s, %d left a temp file (killed mid-write); "
                + "acknowledged: %s%n", KILLS, (System.nanoTime() - started) / 1e9, midWrite, streams.summary());
        assertTrue(streams.totalAcks() >= KILLS, "each round had acknowledged changes");
    }

    /** The file loads as the daemon loads it at startup (a partial or mixed write would not). */
    private static SentinelConfig load(SentinelProcess sentinel, String context) throws IOException {
        try {
            return ConfigLoader.load(sentinel.confFile(), List.of(), sentinel.dir()).config();
        } catch (ConfigException e) {
            throw new AssertionError(context + ": sentinel.conf does not load after SIGKILL:\n"
                    + Files.readString(sentinel.confFile()), e);
        }
    }

    /** The last acknowledged vote was persisted: asked again in its epoch for someone else, it refuses. */
    private void noSecondVote(SentinelProcess sentinel, RedisProcess master, String context) {
        long epoch = streams.votes.acked;
        if (epoch == 0) return;
        List<?> reply = isMasterDown(sentinel, master, epoch, OTHER_PEER);
        assertNotEquals(OTHER_PEER, text(reply.get(1)), context + ": voted twice in epoch " + epoch + " (reply "
                + reply.get(0) + " " + text(reply.get(1)) + " " + reply.get(2) + ")\n" + sentinel.describe());
    }

    static List<?> isMasterDown(SentinelProcess sentinel, RedisProcess master, long epoch, String runId) {
        try (Jedis j = sentinel.jedis()) {
            return (List<?>) j.sendCommand(Protocol.Command.SENTINEL, "is-master-down-by-addr",
                    master.address().host(), Integer.toString(master.port()), Long.toString(epoch), runId);
        }
    }

    static String text(Object reply) {
        return reply instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(reply);
    }

    private static String myid(SentinelProcess sentinel) {
        try (Jedis j = sentinel.jedis()) {
            return text(j.sendCommand(Protocol.Command.SENTINEL, "myid"));
        }
    }

    private static void awaitTempFile(SentinelProcess sentinel) throws IOException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Stream<Path> s = Files.list(sentinel.dir())) {
                if (s.anyMatch(p -> p.getFileName().toString().endsWith(".tmp"))) return;
            }
        }
    }

    private static List<Path> tempFiles(SentinelProcess sentinel) throws IOException {
        try (Stream<Path> s = Files.list(sentinel.dir())) {
            List<Path> temps = s.filter(p -> p.getFileName().toString().endsWith(".tmp")).collect(Collectors.toList());
            for (Path p : temps) Files.delete(p); // count each kill's own leftovers
            return temps;
        }
    }

    /** Four clients, each changing one part of the state in order, each remembering what was acknowledged. */
    static final class ChangeStreams {
        /** down-after-milliseconds of m0: rises with each SET. */
        final Steps sets = new Steps("set");
        /** announce-port: rises with each CONFIG SET. */
        final Steps configs = new Steps("config-set");
        /** The epoch of the fake peer's vote request: rises with each request. */
        final Steps votes = new Steps("vote");
        /** MONITOR x{n}, REMOVE x{n-1}: n rises; after step n (odd: monitor, even: remove) the masters are known. */
        final Steps monitors = new Steps("monitor/remove");
        private RedisProcess master;
        /** Where the x{n} masters are (nothing listens there). */
        private final String otherPort = Integer.toString(io.sentinel.server.it.Ports.free());
        private volatile int acks;

        void target(RedisProcess redis) {
            this.master = redis;
        }

        List<Thread> start(SentinelProcess sentinel) {
            acks = 0;
            List<Thread> threads = new ArrayList<>();
            for (Steps s : List.of(sets, configs, votes, monitors)) {
                Thread t = new Thread(() -> s.run(sentinel, this::send), "writer-" + s.name);
                t.setDaemon(true);
                t.start();
                threads.add(t);
            }
            return threads;
        }

        /** Sends step {@code n} of {@code s}; true when the reply acknowledges it. */
        private boolean send(Jedis j, Steps s, long n) {
            String host = master.address().host();
            String port = Integer.toString(master.port());
            Object reply;
            if (s == sets) {
                reply = j.sendCommand(Protocol.Command.SENTINEL, "set", "m0", "down-after-milliseconds",
                        Long.toString(60_000 + n));
            } else if (s == configs) {
                reply = j.sendCommand(Protocol.Command.SENTINEL, "config", "set", "announce-port",
                        Long.toString(1 + n % 60_000));
            } else if (s == votes) {
                List<?> r = (List<?>) j.sendCommand(Protocol.Command.SENTINEL, "is-master-down-by-addr", host, port,
                        Long.toString(n), PEER);
                reply = PEER.equals(text(r.get(1))) && (Long) r.get(2) == n ? "OK" : r;
            } else {
                // another address than m0's: a vote request names its master by address
                reply = n % 2 == 1
                        ? j.sendCommand(Protocol.Command.SENTINEL, "monitor", "x" + (n + 1) / 2, host, otherPort, "2")
                        : j.sendCommand(Protocol.Command.SENTINEL, "remove", "x" + n / 2);
            }
            boolean ok = "OK".equals(text(reply));
            if (ok) acks++;
            return ok;
        }

        void awaitAcks(int n) throws InterruptedException {
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (acks < n && System.nanoTime() < deadline) Thread.sleep(1);
            assertTrue(acks >= n, "no " + n + " acknowledged changes within 30 s: " + summary());
        }

        /** Each stream's part of the file is what its last acknowledged step, or the one in flight, left. */
        void check(SentinelConfig c, String context) {
            MasterConfig m0 = c.master("m0");
            sets.check(m0.downAfterMillis() - 60_000, context);
            configs.check(c.announcePort() - 1, context);
            votes.check(c.currentEpoch(), context + " (current-epoch)");
            votes.check(m0.leaderEpoch(), context + " (leader-epoch of m0)");
            List<String> names = c.masters().stream().map(MasterConfig::name).filter(x -> !x.equals("m0")).toList();
            boolean atAcked = names.equals(monitored(monitors.acked));
            boolean atSent = names.equals(monitored(monitors.sent));
            assertTrue(atAcked || atSent, context + ": masters " + names + " are neither the state of acknowledged"
                    + " step " + monitors.acked + " nor of step " + monitors.sent + " in flight");
            // the next MONITOR or REMOVE follows what is there (a lost in-flight step is sent again)
            monitors.resync(atSent ? monitors.sent : monitors.acked);
        }

        /** MONITOR x{k} at step 2k-1, REMOVE x{k} at step 2k: what the masters besides m0 are after {@code step}. */
        private static List<String> monitored(long step) {
            return step % 2 == 1 ? List.of("x" + (step + 1) / 2) : List.of();
        }

        long totalAcks() {
            return sets.acked + configs.acked + votes.acked + monitors.acked;
        }

        String summary() {
            return Stream.of(sets, configs, votes, monitors).map(s -> s.name + " " + s.acked + "/" + s.sent)
                    .collect(Collectors.joining(", "));
        }
    }

    /**
     * One client's changes, numbered 1, 2, ...: {@code sent} is the last one sent, {@code acked} the last one whose
     * reply acknowledged it. Steps run in order on one connection until the connection dies (the kill).
     */
    static final class Steps {
        interface Sender {
            boolean send(Jedis j, Steps steps, long n);
        }

        final String name;
        volatile long sent;
        volatile long acked;

        Steps(String name) {
            this.name = name;
        }

        void run(SentinelProcess sentinel, Sender sender) {
            try (Jedis j = sentinel.jedis()) {
                while (true) {
                    long n = sent + 1;
                    sent = n;
                    if (acknowledged(j, sender, n)) acked = n;
                }
            } catch (RuntimeException e) {
                // the connection died with the process: the step in flight is unknown
            }
        }

        private boolean acknowledged(Jedis j, Sender sender, long n) {
            try {
                return sender.send(j, this, n);
            } catch (JedisDataException e) {
                return false; // an error reply: not acknowledged, the next step follows
            }
        }

        /** A rising value persisted by step {@code value}: at least the acknowledged one, at most the one sent. */
        void check(long value, String context) {
            assertTrue(value >= acked && value <= sent, context + ": " + name + " persisted " + value
                    + ", acknowledged " + acked + ", sent " + sent);
        }

        void resync(long step) {
            sent = step;
            acked = step;
        }
    }
}
