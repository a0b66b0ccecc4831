package io.sentinel.server.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentinel.core.config.SentinelConfig;
import io.sentinel.server.config.ConfigLoader;
import io.sentinel.server.it.Await;
import io.sentinel.server.it.ProcessScope;
import io.sentinel.server.it.RedisProcess;
import io.sentinel.server.it.SentinelConf;
import io.sentinel.server.it.SentinelProcess;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * The state directory fails at runtime: our sentinel's sentinel.conf lives on a small tmpfs that the test fills up,
 * then remounts read-only (needs root and mount rights, else skipped with one line). While it cannot write, the
 * sentinel logs a clear error, keeps answering and PINGing its master, acknowledges no change, gives no vote and
 * announces no epoch in its hellos that the disk does not hold (the durability rule: no vote or epoch leaves
 * unpersisted), and leaves the last good file intact; when the disk works again, it acknowledges and votes again,
 * with no restart.
 */
class StateDiskFaultIT {
    private static final String PEER = "f62a780e27f77d44f033eba70d09c1633a3c42f9";
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @RegisterExtension
    final ProcessScope processes = new ProcessScope();

    @TempDir
    Path tmp;

    private RedisProcess master;
    private SentinelProcess sentinel;
    private long epoch;

    @Test
    void fullThenReadOnlyStateDirectory() throws Exception {
        Path state = Files.createDirectory(tmp.resolve("state"));
        Assumptions.assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", state.toString()) == 0,
                "StateDiskFaultIT skipped: cannot mount a tmpfs (needs root with mount rights)");
        try {
            master = processes.add(RedisProcess.master());
            sentinel = processes.add(new SentinelProcess(new SentinelConf().monitor("m0", master.address(), 2)
                    .downAfterMillis(60_000), state.resolve("sentinel.conf")));
            assertEquals("OK", set("quorum", "3"), "a change is acknowledged while the disk works");
            assertTrue(voted(), "and a vote is given");

            Path filler = fill(state);
            writesFail("the state directory full", "No space left on device", 3);
            Files.delete(filler);
            writesWorkAgain("space returned");

            assertEquals(0, run("mount", "-o", "remount,ro", state.toString()), "remount read-only");
            writesFail("the state directory read-only", "Read-only file system", 2);
            assertEquals(0, run("mount", "-o", "remount,rw", state.toString()), "remount read-write");
            writesWorkAgain("the directory writable again");
        } finally {
            if (run("umount", state.toString()) != 0) run("umount", "-l", state.toString());
        }
    }

    /** No acknowledgement, no vote (asked twice: the second ask must not find a vote remembered), monitoring on. */
    private void writesFail(String when, String reason, int acknowledgedQuorum) throws Exception {
        String before = Files.readString(sentinel.confFile());
        String reply = set("quorum", "4");
        assertTrue(reply.startsWith("ERR"), when + ": SENTINEL SET was acknowledged: " + reply);
        assertTrue(!voted() && !votedAgain(), when + ": voted with the vote unpersisted");
        Await.until(DEADLINE, "a clear error in the log (" + when + ")", () -> sentinel.logTail(200)
                .contains("could not persist state") && sentinel.logTail(200).contains(reason), sentinel::describe);
        assertTrue(sentinel.ping(Duration.ofSeconds(2)), when + ": the sentinel answers");
        long pings = pingsReceived();
        Await.until(DEADLINE, "the sentinel still PINGs its master (" + when + ")",
                () -> pingsReceived() >= pings + 2, () -> "PINGs: " + pings + " then " + pingsReceived() + "\n"
                        + sentinel.describe());
        assertEquals(before, Files.readString(sentinel.confFile()), when + ": the last good file is intact");
        SentinelConfig c = ConfigLoader.load(sentinel.confFile(), List.of(), sentinel.dir()).config();
        assertEquals(acknowledgedQuorum, c.master("m0").quorum(), when + ": the file holds the last acknowledged change");
        long announced = maxHelloEpoch(Duration.ofSeconds(5));
        assertTrue(announced <= c.currentEpoch(), when + ": a hello announced epoch " + announced
                + " while the file holds " + c.currentEpoch());
        System.out.println("StateDiskFaultIT, " + when + ": SET answered " + reply + "; SENTINEL MASTER m0 quorum "
                + masterField("quorum") + " (the core applied it in memory)");
    }

    private void writesWorkAgain(String when) throws Exception {
        assertEquals("OK", set("quorum", "2"), when + ": a change is acknowledged again");
        assertTrue(voted(), when + ": a vote is given again");
        assertEquals(2, ConfigLoader.load(sentinel.confFile(), List.of(), sentinel.dir()).config().master("m0")
                .quorum(), when + ": and written");
        Await.until(DEADLINE, "the recovery in the log (" + when + ")",
                () -> sentinel.logTail(200).contains("state written again"), sentinel::describe);
    }

    private String set(String option, String value) {
        try (Jedis j = sentinel.jedis()) {
            return KillWhileWritingIT.text(j.sendCommand(Protocol.Command.SENTINEL, "set", "m0", option, value));
        } catch (JedisDataException e) {
            return e.getMessage();
        }
    }

    /** A fake peer asks for our vote in a new epoch: true if it got it. */
    private boolean voted() {
        epoch++;
        return votedAgain();
    }

    /** The same request again, same epoch. */
    private boolean votedAgain() {
        try {
            List<?> reply = KillWhileWritingIT.isMasterDown(sentinel, master, epoch, PEER);
            return PEER.equals(KillWhileWritingIT.text(reply.get(1)));
        } catch (JedisDataException e) {
            return false;
        }
    }

    private String masterField(String field) {
        try (Jedis j = sentinel.jedis()) {
            return j.sentinelMaster("m0").get(field);
        }
    }

    /**
     * The highest current_epoch the sentinel's hellos on the master announce within {@code listen} (hellos go out
     * every 2 s); -1 when none came. Listening for a while is the point: it checks that none goes out.
     */
    private long maxHelloEpoch(Duration listen) throws Exception {
        AtomicLong max = new AtomicLong(-1);
        JedisPubSub hellos = new JedisPubSub() {
            @Override
            public void onMessage(String channel, String message) {
                max.accumulateAndGet(Long.parseLong(message.split(",")[3]), Math::max);
            }
        };
        Thread listener = new Thread(() -> {
            try (Jedis j = new Jedis(master.address().host(), master.port(), 0)) {
                j.subscribe(hellos, "__sentinel__:hello");
            }
        }, "hello-listener");
        listener.setDaemon(true);
        listener.start();
        Await.until(DEADLINE, "subscribed to the hellos", hellos::isSubscribed);
        Thread.sleep(listen.toMillis());
        hellos.unsubscribe();
        listener.join(5_000);
        return max.get();
    }

    /** How many PINGs the master has answered (only the sentinel sends any). */
    private long pingsReceived() {
        try (Jedis j = master.jedis()) {
            String stats = j.info("commandstats");
            int at = stats.indexOf("cmdstat_ping:calls=");
            if (at < 0) return 0;
            int from = at + "cmdstat_ping:calls=".length();
            int to = from;
            while (to < stats.length() && Character.isDigit(stats.charAt(to))) to++;
            return Long.parseLong(stats.substring(from, to));
        }
    }

    /** Fills the file system until it refuses: the returned file holds what fit. */
    private static Path fill(Path dir) throws IOException {
        Path filler = dir.resolve("filler");
        try (OutputStream out = Files.newOutputStream(filler)) {
            byte[] block = new byte[4096];
            while (true) out.write(block);
        } catch (IOException full) {
            assertTrue(String.valueOf(full.getMessage()).contains("No space left"), full.toString());
        }
        return filler;
    }

    private static int run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }
}
