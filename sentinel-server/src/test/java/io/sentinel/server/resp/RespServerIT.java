package io.sentinel.server.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.RedisProtocol;

/** The RESP server on a real socket, driven by Jedis, Lettuce, redis-cli and redis-benchmark. */
class RespServerIT {
    private static final StubSentinelHandler HANDLER = new StubSentinelHandler();
    private static final BlockingQueue<String> HELLOS = new LinkedBlockingQueue<>();
    private static RespServer server;
    private static int port;

    @BeforeAll
    static void start() {
        server = new RespServer(RespServerConfig.loopback(0), HANDLER, HELLOS::add, () -> { });
        server.start();
        port = server.port();
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) throw new AssertionError("timed out: " + String.join(" ", command));
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), out);
            return out;
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void jedisResp2AndResp3() {
        try (Jedis jedis = new Jedis("127.0.0.1", port)) {
            assertEquals("PONG", jedis.ping());
            assertEquals("OK", jedis.clientSetname("it"));
            assertEquals("it", jedis.clientGetname());
            Object myid = jedis.sendCommand(() -> "SENTINEL".getBytes(StandardCharsets.UTF_8), "MYID");
            assertEquals("0123456789abcdef", new String((byte[]) myid, StandardCharsets.UTF_8));
        }
        try (Jedis jedis = new Jedis(new HostAndPort("127.0.0.1", port),
                DefaultJedisClientConfig.builder().protocol(RedisProtocol.RESP3).build())) {
            assertEquals("PONG", jedis.ping());
            assertTrue(jedis.clientList().contains("resp=3"));
        }
    }

    @Test
    void jedisSubscriberGetsEventsPublishedFromAnotherThread() throws Exception {
        BlockingQueue<String> got = new LinkedBlockingQueue<>();
        JedisPubSub listener = new JedisPubSub() {
            @Override
            public void onPMessage(String pattern, String channel, String message) {
                got.add(channel + " " + message);
            }
        };
        Thread t = new Thread(() -> {
            try (Jedis jedis = new Jedis("127.0.0.1", port)) {
                jedis.psubscribe(listener, "+*");
            }
        });
        t.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.pubSub().publish("+sdown", "master mymaster 127.0.0.1 6379") == 0) {
            if (System.nanoTime() > deadline) throw new AssertionError("subscriber never registered");
            Thread.onSpinWait();
        }
        assertEquals("+sdown master mymaster 127.0.0.1 6379", got.poll(10, TimeUnit.SECONDS));
        listener.punsubscribe();
        t.join(10_000);
    }

    @Test
    void lettuceOpensWithHello3() {
        RedisClient client = RedisClient.create("redis://127.0.0.1:" + port);
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            assertEquals("PONG", c.sync().ping());
            assertTrue(c.sync().clientList().contains("resp=3"), "Lettuce negotiated RESP3");
        } finally {
            client.shutdown();
        }
    }

    @Test
    void sentinelPublishReachesTheHelloListener() throws Exception {
        try (Jedis jedis = new Jedis("127.0.0.1", port)) {
            assertEquals(1, jedis.publish("__sentinel__:hello", "127.0.0.1,26380,abc,1,m,127.0.0.1,6379,1"));
        }
        assertEquals("127.0.0.1,26380,abc,1,m,127.0.0.1,6379,1", HELLOS.poll(5, TimeUnit.SECONDS));
    }

    @Test
    void redisCli() throws Exception {
        assertEquals("PONG\n", run("redis-cli", "-p", String.valueOf(port), "ping"));
        String hello = run("redis-cli", "-3", "-p", String.valueOf(port), "hello", "3");
        assertTrue(hello.contains("proto") && hello.contains("3") && hello.contains("sentinel"), hello);
        assertEquals("sentinel\nmymaster\n", run("redis-cli", "-p", String.valueOf(port), "role"));
    }

    @Test
    void redisBenchmarkCompletes() throws Exception {
        String out = run("redis-benchmark", "-p", String.valueOf(port), "-t", "ping", "-n", "20000", "-q");
        assertTrue(out.contains("PING_INLINE") && out.contains("PING_MBULK") && out.contains("requests per second"),
                out);
    }

    /** A client that pipelines without reading is no longer read once its output passes the high water mark. */
    @Test
    void clientThatDoesNotReadIsNotReadEither() throws Exception {
        byte[] pings = "PING\r\n".repeat(100_000).getBytes(StandardCharsets.US_ASCII);
        long sent = 0;
        try (SocketChannel greedy = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
                Jedis observer = new Jedis("127.0.0.1", port)) {
            greedy.configureBlocking(false);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            ByteBuffer buf = ByteBuffer.wrap(pings);
            while (System.nanoTime() < deadline && sent < 500L * pings.length) {
                int n = greedy.write(buf);
                sent += n;
                if (!buf.hasRemaining()) buf.rewind();
                if (n == 0) Thread.sleep(1);
            }
            assertTrue(sent < 500L * pings.length, "the server kept reading: " + sent + " bytes taken");
            long omem = 0;
            for (String line : observer.clientList().split("\n")) {
                if (!line.contains("cmd=ping")) continue;
                omem = Long.parseLong(line.replaceAll(".* omem=(\\d+) .*", "$1"));
            }
            assertTrue(omem > 0 && omem < 4L * 1024 * 1024, "output held for the greedy client: " + omem);
        }
    }

    @Test
    void portInUseFailsWithRedisMessage() {
        RespServer second = new RespServer(RespServerConfig.loopback(port), HANDLER, m -> { }, () -> { });
        IllegalStateException e = assertThrows(IllegalStateException.class, second::start);
        assertEquals("Could not create server TCP listening socket 127.0.0.1:" + port
                + ": bind: Address already in use", e.getMessage());
        second.close();
    }
}
