package io.sentinel.server.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentinel.core.model.Address;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The proxy over real loopback sockets, in front of an echo server. */
class FaultProxyTest {
    static final String S1_ID = "1111aaaa".repeat(5);
    static final String S2_ID = "2222bbbb".repeat(5);

    final EchoServer echo = new EchoServer();
    final FaultyNetwork net = new FaultyNetwork();
    final Address front = net.front("echo", echo.address());

    {
        net.nameSentinel(S1_ID, "s1");
        net.nameSentinel(S2_ID, "s2");
    }

    @AfterEach
    void close() throws IOException {
        net.close();
        echo.close();
    }

    /** A connection that has named itself {@code sentinel-<id>-cmd}, its CLIENT SETNAME echoed back. */
    static Socket sentinel(Address front, String id) throws IOException {
        Socket s = connect(front, null);
        byte[] setName = resp("CLIENT", "SETNAME", "sentinel-" + id.substring(0, 8) + "-cmd");
        s.getOutputStream().write(setName, 0, 10); // split: the proxy waits for the whole request
        s.getOutputStream().write(setName, 10, setName.length - 10);
        assertArrayEquals(setName, read(s, setName.length));
        return s;
    }

    static Socket connect(Address front, String sourceIp) throws IOException {
        Socket s = new Socket();
        if (sourceIp != null) s.bind(new InetSocketAddress(sourceIp, 0));
        s.connect(new InetSocketAddress(front.host(), front.port()), 2000);
        s.setSoTimeout(2000);
        return s;
    }

    @Test
    void forwardsBothWaysAndNamesEachLinkByItsFirstRequestOrSourceAddress() throws IOException {
        String nodeIp = net.sourceIp("r1");
        try (Socket s1 = sentinel(front, S1_ID); Socket node = connect(front, nodeIp);
             Socket app = connect(front, null)) {
            assertEcho(node, "PING\r\n");
            assertEcho(app, "*1\r\n$4\r\nPING\r\n");
            assertEcho(s1, "x".repeat(100_000));
            Await.until(Duration.ofSeconds(5), "three named connections",
                    () -> net.proxy("echo").connections().equals(Map.of("s1", 1, "r1", 1, FaultyNetwork.CLIENTS, 1)));
        }
    }

    @Test
    void aBlackHoleHoldsWhatWasSentWithoutClosingAndLetsItThroughWhenLifted() throws IOException {
        try (Socket s1 = sentinel(front, S1_ID); Socket s2 = sentinel(front, S2_ID)) {
            net.link("s1", "echo", Fault.BLACKHOLE);
            send(s1, "held");
            assertSilent(s1);
            Socket late = connect(front, null);
            byte[] setName = resp("CLIENT", "SETNAME", "sentinel-" + S1_ID.substring(0, 8) + "-pubsub");
            late.getOutputStream().write(setName);
            assertSilent(late);
            assertEcho(s2, "other links pass");

            net.link("s1", "echo", Fault.PASS);
            assertArrayEquals("held".getBytes(StandardCharsets.UTF_8), read(s1, 4));
            assertArrayEquals(setName, read(late, setName.length));
            late.close();
        }
    }

    @Test
    void aCutClosesOpenConnectionsAndRefusesNewOnes() throws IOException {
        String nodeIp = net.sourceIp("r1");
        try (Socket node = connect(front, nodeIp); Socket app = connect(front, null)) {
            assertEcho(node, "before");
            net.link("r1", "echo", Fault.CUT);
            assertEquals(-1, node.getInputStream().read(), "closed");
            try (Socket again = connect(front, nodeIp)) {
                assertEquals(-1, again.getInputStream().read(), "accepted, then closed");
            }
            assertEcho(app, "PING others pass\r\n");
            net.link("r1", "echo", Fault.PASS);
            try (Socket healed = connect(front, nodeIp)) {
                assertEcho(healed, "after");
            }
        }
    }

    @Test
    void aResetIsSeenAsConnectionReset() throws IOException {
        try (Socket s1 = sentinel(front, S1_ID)) {
            net.proxy("echo").reset("s1");
            SocketException e = assertThrows(SocketException.class, () -> {
                for (int i = 0; i < 100; i++) send(s1, "after the reset"); // the RST arrives, then a write fails
                s1.getInputStream().read();
            });
            assertTrue(e.getMessage().toLowerCase().contains("reset") || e.getMessage().contains("pipe"),
                    e.getMessage());
        }
    }

    /** Lower bounds only: a loaded machine makes everything slower, never faster. */
    @Test
    void delayAndThrottleSlowEachDirection() throws IOException {
        try (Socket s1 = sentinel(front, S1_ID)) {
            net.link("s1", "echo", Fault.delay(300));
            long start = System.nanoTime();
            assertEcho(s1, "ping");
            long rttMillis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(rttMillis >= 600, "300 ms each way, round trip " + rttMillis + " ms");

            net.link("s1", "echo", Fault.throttle(20_000));
            start = System.nanoTime();
            assertEcho(s1, "y".repeat(10_000));
            long tookMillis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(tookMillis >= 900, "10 kB each way at 20 kB/s took " + tookMillis + " ms");
        }
    }

    @Test
    void aTargetThatIsDownClosesTheConnection() throws IOException {
        echo.close();
        try (Socket app = connect(front, null)) {
            send(app, "PING\r\n");
            assertEquals(-1, app.getInputStream().read());
        }
    }

    static void assertEcho(Socket s, String text) throws IOException {
        send(s, text);
        assertArrayEquals(text.getBytes(StandardCharsets.UTF_8), read(s, text.length()));
    }

    static void assertSilent(Socket s) throws IOException {
        s.setSoTimeout(300);
        assertThrows(SocketTimeoutException.class, () -> s.getInputStream().read(), "nothing arrives");
        s.setSoTimeout(2000);
    }

    static void send(Socket s, String text) throws IOException {
        s.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        s.getOutputStream().flush();
    }

    static byte[] read(Socket s, int n) throws IOException {
        byte[] out = s.getInputStream().readNBytes(n);
        assertEquals(n, out.length, "bytes before the end of the stream");
        return out;
    }

    static byte[] resp(String... args) {
        StringBuilder sb = new StringBuilder("*").append(args.length).append("\r\n");
        for (String a : args) sb.append('$').append(a.length()).append("\r\n").append(a).append("\r\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Echoes every byte back, one thread per connection. */
    static final class EchoServer implements AutoCloseable {
        private final ServerSocket server;

        EchoServer() {
            try {
                server = new ServerSocket(0, 50, InetAddress.getByName(ChildProcess.HOST));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            daemon(this::acceptLoop);
        }

        Address address() {
            return new Address(ChildProcess.HOST, server.getLocalPort());
        }

        private void acceptLoop() {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    daemon(() -> echo(s));
                } catch (IOException e) {
                    return;
                }
            }
        }

        private static void echo(Socket s) {
            try (s; InputStream in = s.getInputStream()) {
                in.transferTo(s.getOutputStream());
            } catch (IOException e) {
                // the proxy closed or reset it
            }
        }

        private static void daemon(Runnable r) {
            Thread t = new Thread(r, "echo");
            t.setDaemon(true);
            t.start();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
