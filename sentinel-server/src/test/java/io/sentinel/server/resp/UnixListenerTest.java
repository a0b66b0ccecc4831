package io.sentinel.server.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentinel.server.transport.NettyResources;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The unixsocket listener of a real RespServer: serving, mode, stale files, and the start-up errors. */
class UnixListenerTest {
    @TempDir
    Path dir;

    private static RespServer server(RespServerConfig cfg, Path socket, int perm) {
        return new RespServer(cfg.withListen(ListenSettings.DEFAULTS.withUnixSocket(socket, perm)),
                new StubSentinelHandler(), m -> { }, () -> { });
    }

    @Test
    void servesTheSameProtocolWithItsModeAndIsRemovedOnClose() throws Exception {
        Path socket = dir.resolve("s.sock");
        int port = RespServerIT.freePort();
        RespServer s = server(RespServerConfig.loopback(port).withRequirePass("pw"), socket, 0700);
        s.start();
        try {
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
            try (SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
                assertEquals("-NOAUTH Authentication required.", call(c, "PING"), "AUTH rules as over TCP");
                assertEquals("+OK", call(c, "AUTH", "pw"));
                assertEquals("+PONG", call(c, "PING"));
                assertTrue(call(c, "SENTINEL", "MYID").startsWith("$"));
                String list = call(c, "CLIENT", "LIST");
                assertTrue(list.contains(" addr=" + socket + ":0 laddr=" + socket + ":0 "), list);
                assertTrue(list.contains(" flags=U "), list);
            }
            try (SocketChannel tcp = SocketChannel.open(new InetSocketAddress("127.0.0.1", port))) {
                assertEquals("-NOAUTH Authentication required.", call(tcp, "PING"), "and TCP");
            }
        } finally {
            s.close();
        }
        assertFalse(Files.exists(socket), "removed at close, as Redis at shutdown");
    }

    @Test
    void portZeroWithUnixsocketListensOnlyThereAsRedis() throws Exception {
        Path socket = dir.resolve("s.sock");
        RespServer s = server(RespServerConfig.loopback(0), socket, 0);
        s.start();
        try {
            assertEquals(0, s.port());
            try (SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
                assertEquals("+PONG", call(c, "PING"));
            }
        } finally {
            s.close();
        }
    }

    @Test
    void aStaleSocketIsReplaced() throws Exception {
        Path socket = dir.resolve("s.sock");
        try (ServerSocketChannel old = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            old.bind(UnixDomainSocketAddress.of(socket)); // closing leaves the file, as a killed sentinel does
        }
        assertTrue(Files.exists(socket));
        RespServer s = server(RespServerConfig.loopback(0), socket, 0);
        s.start();
        try (SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            assertEquals("+PONG", call(c, "PING"));
        } finally {
            s.close();
        }
    }

    @Test
    void startUpErrorsSayWhy() throws Exception {
        Path file = Files.writeString(dir.resolve("sentinel.conf"), "port 1\n");
        assertEquals("Failed opening Unix socket: " + file + " exists and is not a socket (left as it is)",
                failure(server(RespServerConfig.loopback(0), file, 0)));
        assertEquals("port 1\n", Files.readString(file), "not deleted (Redis would)");
        assertEquals("Failed opening Unix socket: bind: No such file or directory",
                failure(server(RespServerConfig.loopback(0), dir.resolve("no/such/dir/s.sock"), 0)));
        Path longPath = dir.resolve("x".repeat(120) + ".sock");
        int length = longPath.toString().length();
        assertEquals("Failed opening Unix socket: unix socket path too long (" + length + "), must be under 108",
                failure(server(RespServerConfig.loopback(0), longPath, 0)));
    }

    @Test
    void withoutEpollTheErrorSaysSo() {
        NettyResources nio = new NettyResources(1, 1, false);
        RespServerConfig cfg = RespServerConfig.loopback(0)
                .withListen(ListenSettings.DEFAULTS.withUnixSocket(dir.resolve("s.sock"), 0));
        try {
            RespServer s = new RespServer(cfg, nio, () -> System.nanoTime() / 1_000_000, new StubSentinelHandler(),
                    m -> { }, () -> { });
            String msg = assertThrows(IllegalStateException.class, s::start).getMessage();
            assertTrue(msg.startsWith("Failed opening Unix socket: a Unix socket needs Netty's native epoll"
                    + " transport (Linux), which is not in use"), msg);
        } finally {
            nio.close();
        }
    }

    private static String failure(RespServer s) {
        return assertThrows(IllegalStateException.class, s::start).getMessage();
    }

    /** One request and its reply: a line, or a bulk string's text. */
    private static String call(SocketChannel c, String... args) throws IOException {
        StringBuilder req = new StringBuilder("*" + args.length + "\r\n");
        for (String a : args) req.append('$').append(a.length()).append("\r\n").append(a).append("\r\n");
        c.write(ByteBuffer.wrap(req.toString().getBytes(StandardCharsets.UTF_8)));
        StringBuilder in = new StringBuilder();
        ByteBuffer buf = ByteBuffer.allocate(8192);
        while (true) {
            int eol = in.indexOf("\r\n");
            if (eol >= 0 && in.charAt(0) != '$') return in.substring(0, eol);
            if (eol >= 0) {
                int len = Integer.parseInt(in.substring(1, eol));
                if (len < 0) return "(nil)";
                if (in.length() >= eol + 2 + len + 2) return "$" + in.substring(eol + 2, eol + 2 + len);
            }
            buf.clear();
            if (c.read(buf) < 0) throw new IOException("closed after " + in);
            in.append(new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8));
        }
    }
}
