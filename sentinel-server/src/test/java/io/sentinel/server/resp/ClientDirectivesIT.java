package io.sentinel.server.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentinel.server.config.ConfFileParser;
import io.sentinel.server.config.LoadedConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * maxclients, timeout and the top-level rename-command, side by side: a real redis-sentinel 7.0 and our RESP server
 * read the same directives (ours through the config parser) and must refuse, close and rename alike. About 5 s.
 */
class ClientDirectivesIT {
    private static final String DIRECTIVES = "bind 127.0.0.1\nmaxclients 3\ntimeout 1\n"
            + "rename-command SENTINEL SNTL\nrename-command PING \"\"\n";
    private static Process redisSentinel;
    private static RespServer ours;
    private static int realPort;
    private static Path dir;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("client-directives");
        realPort = RespServerIT.freePort();
        Path real = dir.resolve("real.conf");
        Files.writeString(real, "port " + realPort + "\n" + DIRECTIVES);
        redisSentinel = new ProcessBuilder("redis-sentinel", real.toString())
                .redirectOutput(dir.resolve("sentinel.log").toFile()).redirectErrorStream(true).start();
        Path mine = dir.resolve("ours.conf");
        Files.writeString(mine, "port " + RespServerIT.freePort() + "\n" + DIRECTIVES);
        LoadedConfig loaded = new ConfFileParser(dir).parse(mine, List.of());
        ours = new RespServer(RespServerConfig.from(loaded.config(), loaded.serverSettings()),
                new StubSentinelHandler(), m -> { }, () -> { });
        ours.start();
        connect(realPort).close();
    }

    @AfterAll
    static void stop() throws Exception {
        if (ours != null) ours.close();
        if (redisSentinel != null) {
            redisSentinel.destroy();
            if (!redisSentinel.waitFor(5, TimeUnit.SECONDS)) redisSentinel.destroyForcibly();
        }
    }

    private static List<Integer> ports() {
        return List.of(realPort, ours.port());
    }

    /** A client the server accepted (a closed client may still count for a moment: retried until a deadline). */
    private static RawRespClient connect(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            RawRespClient c = null;
            try {
                c = new RawRespClient(port);
                String role = c.call("ROLE");
                if (role.startsWith("*")) return c;
                c.close();
                if (System.nanoTime() > deadline) throw new AssertionError("port " + port + " answers " + role);
            } catch (IOException e) {
                if (c != null) c.close();
                if (System.nanoTime() > deadline) throw new AssertionError("port " + port + " not accepting", e);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void aClientBeyondMaxclientsGetsTheErrorAndIsClosed() throws Exception {
        for (int port : ports()) {
            List<RawRespClient> held = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) held.add(connect(port));
                try (RawRespClient extra = new RawRespClient(port)) {
                    assertEquals("-ERR max number of clients reached", extra.call("ROLE"), "port " + port);
                    assertThrows(IOException.class, extra::receive, "closed after the error, port " + port);
                }
            } finally {
                for (RawRespClient c : held) c.close();
            }
            connect(port).close(); // a place freed is taken again
        }
    }

    @Test
    void idleClientsAreClosedSubscribersAreNot() throws Exception {
        for (int port : ports()) {
            try (RawRespClient idle = connect(port); RawRespClient sub = connect(port)) {
                assertEquals("*[$subscribe,$x,:1]", sub.call("SUBSCRIBE", "x"));
                long start = System.nanoTime();
                awaitClosed(idle, port);
                long idleMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertTrue(idleMillis >= 900, "closed after " + idleMillis + " ms, port " + port);
                assertEquals("*[$unsubscribe,$x,:0]", sub.call("UNSUBSCRIBE", "x"), "subscriber kept, port " + port);
                awaitClosed(sub, port);
            }
        }
    }

    private static void awaitClosed(RawRespClient c, int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(6);
        while (System.nanoTime() < deadline) {
            try {
                String r = c.replyWithin(100);
                if (r != null) throw new AssertionError("unexpected reply " + r + " on port " + port);
            } catch (IOException closed) {
                return;
            }
        }
        throw new AssertionError("idle client still open on port " + port);
    }

    @Test
    void renamedAndRemovedCommandsAnswerAsRedisSentinel() throws Exception {
        List<List<String>> replies = new ArrayList<>();
        for (int port : ports()) {
            try (RawRespClient c = connect(port)) {
                assertTrue(c.call("SNTL", "MYID").startsWith("$"), "SNTL is SENTINEL, port " + port);
                // the one kept difference: sentinel|failover's arity -3 (COORDINATED), see RedisSentinelParityIT
                replies.add(List.of(c.call("SENTINEL", "MYID"), c.call("PING"), c.call("sntl", "nosuch"),
                        c.call("COMMAND", "COUNT"), c.call("COMMAND", "LIST"), c.call("COMMAND", "INFO", "sntl", "ping",
                        "sentinel", "sntl|myid"), c.call("COMMAND", "GETKEYS", "sntl", "myid")).stream()
                        .map(RedisSentinelParityIT::accepted).toList());
            }
        }
        assertEquals(replies.get(0), replies.get(1));
    }
}
