package io.sentinel.server.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConnectionCommandsTest {
    private static final String HELLO_TAIL = "$4\r\nmode\r\n$8\r\nsentinel\r\n$7\r\nmodules\r\n*0\r\n";

    private static RespServer server(String password) {
        return new RespServer(RespServerConfig.loopback(0).withRequirePass(password), new StubSentinelHandler(),
                m -> { }, () -> { });
    }

    private static String hello(char type, int proto, long id) {
        return type + (type == '%' ? "6" : "12") + "\r\n$6\r\nserver\r\n$5\r\nredis\r\n$7\r\nversion\r\n$6\r\n7.0.15\r\n"
                + "$5\r\nproto\r\n:" + proto + "\r\n$2\r\nid\r\n:" + id + "\r\n" + HELLO_TAIL;
    }

    @Test
    void ping() {
        EmbeddedClient c = new EmbeddedClient(server(null));
        assertEquals("+PONG\r\n$3\r\nabc\r\n", c.call("PING\r\nping abc\r\n"));
    }

    @Test
    void helloSwitchesProtocolAndRepliesLikeRedisSentinel() {
        EmbeddedClient c = new EmbeddedClient(server(null));
        assertEquals(hello('*', 2, 1), c.call("HELLO\r\n"));
        assertEquals(hello('%', 3, 1), c.call("HELLO 3\r\n"));
        assertEquals("_\r\n", c.call("CLIENT GETNAME\r\n"), "RESP3 null");
        assertEquals(hello('*', 2, 1), c.call("HELLO 2 SETNAME x SETNAME y\r\n"));
        assertEquals("$1\r\ny\r\n", c.call("CLIENT GETNAME\r\n"));
    }

    @Test
    void helloErrors() {
        EmbeddedClient c = new EmbeddedClient(server(null));
        assertEquals("-NOPROTO unsupported protocol version\r\n", c.call("HELLO 4\r\n"));
        assertEquals("-ERR Protocol version is not an integer or out of range\r\n", c.call("HELLO x\r\n"));
        assertEquals("-ERR Syntax error in HELLO option 'foo'\r\n", c.call("HELLO 3 foo\r\n"));
        assertEquals("-ERR Syntax error in HELLO option 'auth'\r\n", c.call("HELLO 3 auth a\r\n"));
        assertEquals("-ERR Client names cannot contain spaces, newlines or special characters.\r\n",
                c.call("HELLO 3 SETNAME \"a b\"\r\n"));
        assertEquals("$-1\r\n", c.call("CLIENT GETNAME\r\n"), "a failed HELLO changes nothing");
    }

    @Test
    void authFlowWithRequirePass() {
        EmbeddedClient c = new EmbeddedClient(server("secret"));
        assertEquals("-NOAUTH Authentication required.\r\n", c.call("PING\r\n"));
        assertTrue(c.call("HELLO 3\r\n").startsWith("-NOAUTH HELLO must be called with the client already"));
        assertEquals("-WRONGPASS invalid username-password pair or user is disabled.\r\n", c.call("AUTH nope\r\n"));
        assertEquals("-WRONGPASS invalid username-password pair or user is disabled.\r\n",
                c.call("AUTH bob secret\r\n"));
        assertEquals("-ERR syntax error\r\n", c.call("AUTH a b c\r\n"));
        assertEquals("+OK\r\n+PONG\r\n", c.call("AUTH secret\r\nPING\r\n"));
        EmbeddedClient other = new EmbeddedClient(server("secret"));
        assertEquals(hello('%', 3, 1), other.call("HELLO 3 AUTH default secret\r\n"));
        assertEquals("$7\r\ndefault\r\n", other.call("ACL WHOAMI\r\n"));
    }

    @Test
    void authWithoutPasswordConfigured() {
        EmbeddedClient c = new EmbeddedClient(server(null));
        assertEquals("-ERR AUTH <password> called without any password configured for the default user. Are you"
                + " sure your configuration is correct?\r\n", c.call("AUTH x\r\n"));
        assertEquals("+OK\r\n", c.call("AUTH default anything\r\n"), "nopass accepts any password");
        assertEquals("-WRONGPASS invalid username-password pair or user is disabled.\r\n", c.call("AUTH a b\r\n"));
    }

    @Test
    void configuredAclUsers() {
        RespServerConfig cfg = new RespServerConfig(List.of("127.0.0.1"), 0, "pw",
                List.of("alice on >wonder ~* +@all", "carol off >x"), RespLimits.defaults());
        EmbeddedClient c = new EmbeddedClient(new RespServer(cfg, new StubSentinelHandler(), m -> { }, () -> { }));
        assertTrue(c.call("AUTH carol x\r\n").startsWith("-WRONGPASS"), "disabled user");
        assertEquals("+OK\r\n$5\r\nalice\r\n", c.call("AUTH alice wonder\r\nACL WHOAMI\r\n"));
        assertEquals("*3\r\n$5\r\nalice\r\n$5\r\ncarol\r\n$7\r\ndefault\r\n", c.call("ACL USERS\r\n"),
                "sorted, as Redis's radix tree lists them");
    }

    @Test
    void shutdownRunsTheHookOffTheEventLoop() throws InterruptedException {
        CountDownLatch ran = new CountDownLatch(1);
        RespServer s = new RespServer(RespServerConfig.loopback(0), new StubSentinelHandler(), m -> { },
                ran::countDown);
        EmbeddedClient c = new EmbeddedClient(s);
        assertEquals("-ERR syntax error\r\n", c.call("SHUTDOWN foo\r\n"));
        assertEquals("-ERR syntax error\r\n", c.call("SHUTDOWN nosave now force abort\r\n"));
        assertEquals(1, ran.getCount());
        assertEquals("", c.call("SHUTDOWN NOSAVE\r\n"));
        assertTrue(ran.await(5, TimeUnit.SECONDS));
    }
}
