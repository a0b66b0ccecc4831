package io.sentinel.server.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentinel.server.it.Await;
import io.sentinel.server.it.RealSentinelProcess;
import io.sentinel.server.it.RedisProcess;
import io.sentinel.server.it.SentinelConf;
import io.sentinel.server.it.SentinelProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * tcp-backlog, unixsocket, unixsocketperm and bind-source-addr side by side: a real redis-sentinel 7.0 and ours read
 * the same lines and must listen, serve, bind their links and rewrite their file alike. The backlogs are read with
 * {@code ss} (a listening socket's Send-Q is its backlog), the links' source in the master's CLIENT LIST.
 */
class ListenerDirectivesIT {
    /** Relative, so against dir: ss shows it as bound, and redis-sentinel binds it relative (after its chdir). */
    private static final String SOCKET = "listen-it-" + ProcessHandle.current().pid() + ".sock";
    private static final List<String> LINES = List.of("tcp-backlog 1024", "unixsocket " + SOCKET,
            "unixsocketperm 0700", "bind-source-addr 127.0.0.2");
    private static final List<String> REWRITTEN = List.of("tcp-backlog 1024", "unixsocket \"" + SOCKET + "\"",
            "unixsocketperm 700", "bind-source-addr \"127.0.0.2\"");
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static RedisProcess master;

    @BeforeAll
    static void startMaster() {
        // links come from 127.0.0.2: Redis 7.0's protected mode would refuse them (only 127.0.0.1 and ::1 are local)
        master = RedisProcess.builder().name("master").args("--protected-mode", "no").start();
    }

    @AfterAll
    static void stopMaster() {
        if (master != null) master.close();
    }

    private static SentinelConf conf(List<String> lines) {
        SentinelConf c = new SentinelConf();
        lines.forEach(c::line);
        return c.monitor("m", master.address(), 1).downAfterMillis(30_000);
    }

    @Test
    void bothListenServeBindAndRewriteAlike() throws Exception {
        Map<String, Function<SentinelConf, SentinelProcess>> kinds = Map.of("redis-sentinel", RealSentinelProcess::new,
                "ours", SentinelProcess::new);
        List<List<String>> rewrites = new ArrayList<>();
        List<List<String>> configReplies = new ArrayList<>();
        for (String kind : List.of("redis-sentinel", "ours")) {
            try (SentinelProcess s = kinds.get(kind).apply(conf(LINES))) {
                Path socket = s.dir().resolve(SOCKET);
                String who = kind + " (" + s.describe() + ")";
                assertEquals(1024, backlog("-t", a -> a.endsWith(":" + s.port())), who);
                assertEquals(1024, backlog("-x", a -> a.equals(socket.toString()) || a.equals(SOCKET)), who);
                assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)), who);
                assertEquals("PONG\n", cli(socket, "PING"), who);
                assertEquals(master.address().host() + "\n" + master.port() + "\n",
                        cli(socket, "SENTINEL", "GET-MASTER-ADDR-BY-NAME", "m"), who);
                String self = cli(socket, "CLIENT", "LIST");
                assertTrue(self.contains(" addr=" + SOCKET + ":0 laddr=" + SOCKET + ":0 ") && self.contains(" flags=U "), who + self);
                String prefix = "sentinel-" + cli(socket, "SENTINEL", "MYID").substring(0, 8);
                Await.until(WAIT, who + "'s links from 127.0.0.2", () -> linksFrom(prefix, "127.0.0.2"),
                        ListenerDirectivesIT::masterClients);
                assertTrue(helloAnnounces("127.0.0.2," + s.port() + ","), who + ": hellos announce the source address");
                assertEquals("OK\n", cli(socket, "SENTINEL", "SET", "m", "down-after-milliseconds", "4000"), who);
                rewrites.add(ownedLines(s.dir().resolve("sentinel.conf")));
                // start-up only: SENTINEL CONFIG knows none of them in 7.0 (and a sentinel has no CONFIG)
                configReplies.add(List.of(cli(socket, "SENTINEL", "CONFIG", "GET", "tcp-backlog"),
                        cli(socket, "SENTINEL", "CONFIG", "SET", "unixsocket", "x"), cli(socket, "CONFIG", "GET", "*")));
                assertEquals(0, s.sigterm(WAIT), who);
                assertFalse(Files.exists(socket), who + ": the socket file is removed at shutdown");
            }
        }
        assertEquals(REWRITTEN, rewrites.get(0), "redis-sentinel's rewrite");
        assertEquals(rewrites.get(0), rewrites.get(1), "ours");
        assertEquals(configReplies.get(0), configReplies.get(1));
    }

    /** The one difference: without tcp-backlog redis-sentinel listens with 511, we with 4096 (docs/benchmarks.md). */
    @Test
    void defaultBacklogsDiffer() throws Exception {
        try (SentinelProcess real = new RealSentinelProcess(conf(List.of()));
             SentinelProcess ours = new SentinelProcess(conf(List.of()))) {
            assertEquals(511, backlog("-t", a -> a.endsWith(":" + real.port())));
            assertEquals(Math.min(4096, somaxconn()), backlog("-t", a -> a.endsWith(":" + ours.port())));
        }
    }

    private static boolean linksFrom(String clientPrefix, String ip) throws Exception {
        List<String> links = Arrays.stream(cli(master.port(), "CLIENT", "LIST").split("\n"))
                .filter(l -> l.contains(" name=" + clientPrefix + "-")).toList();
        return links.size() == 2 && links.stream().allMatch(l -> l.contains(" addr=" + ip + ":"));
    }

    /** Whether a hello starting with {@code prefix} comes through the master within a few hello periods (2 s). */
    private static boolean helloAnnounces(String prefix) throws Exception {
        try (RawRespClient sub = new RawRespClient(master.port())) {
            sub.call("SUBSCRIBE", "__sentinel__:hello");
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                String message = sub.replyWithin(1000);
                if (message != null && message.contains("$" + prefix)) return true;
            }
            return false;
        }
    }

    private static String masterClients() {
        try {
            return cli(master.port(), "CLIENT", "LIST");
        } catch (Exception e) {
            return "(CLIENT LIST failed: " + e + ")";
        }
    }

    private static List<String> ownedLines(Path conf) throws Exception {
        return Files.readAllLines(conf).stream().filter(l -> LINES.stream()
                .anyMatch(d -> l.startsWith(d.substring(0, d.indexOf(' ') + 1)))).toList();
    }

    /** The backlog (Send-Q, the column before the local address) of the listening socket {@code local} matches. */
    private static int backlog(String kind, Predicate<String> local) throws Exception {
        String all = RespServerIT.run("ss", "-Hln" + kind.substring(1));
        for (String line : all.split("\n")) {
            String[] t = line.trim().split("\\s+");
            for (int i = 1; i < t.length; i++) {
                if (local.test(t[i])) return Integer.parseInt(t[i - 1]);
            }
        }
        throw new AssertionError("no such listening socket in\n" + all);
    }

    private static int somaxconn() throws Exception {
        return Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/net/core/somaxconn")).get(0).strip());
    }

    private static String cli(Path socket, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("redis-cli", "-s", socket.toString()));
        cmd.addAll(List.of(args));
        return RespServerIT.run(cmd.toArray(String[]::new));
    }

    private static String cli(int port, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("redis-cli", "-p", Integer.toString(port)));
        cmd.addAll(List.of(args));
        return RespServerIT.run(cmd.toArray(String[]::new));
    }
}
