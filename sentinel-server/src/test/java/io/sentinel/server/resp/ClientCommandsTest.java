package io.sentinel.server.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ClientCommandsTest {
    private final RespServer server = new RespServer(RespServerConfig.loopback(0), new StubSentinelHandler(),
            m -> { }, () -> { });
    private final EmbeddedClient a = new EmbeddedClient(server);
    private final EmbeddedClient b = new EmbeddedClient(server);

    @Test
    void idAndNames() {
        assertEquals(":1\r\n", a.call("CLIENT ID\r\n"));
        assertEquals(":2\r\n", b.call("client id\r\n"));
        assertEquals("+OK\r\n$3\r\nabc\r\n", a.call("CLIENT SETNAME abc\r\nCLIENT GETNAME\r\n"));
        assertEquals("+OK\r\n$-1\r\n", a.call("CLIENT SETNAME \"\"\r\nCLIENT GETNAME\r\n"));
        assertEquals("-ERR Client names cannot contain spaces, newlines or special characters.\r\n",
                a.call("CLIENT SETNAME \"a b\"\r\n"));
    }

    @Test
    void listAndInfo() {
        b.call("CLIENT SETNAME bee\r\nSUBSCRIBE ch\r\n");
        String list = a.call("CLIENT LIST\r\n");
        assertTrue(list.contains("id=1 addr=embedded laddr=embedded fd=-1 name= age=0 idle=0 flags=N db=0 sub=0 psub=0"),
                list);
        assertTrue(list.contains("id=2 ") && list.contains("name=bee") && list.contains("flags=P")
                && list.contains("sub=1") && list.contains("cmd=subscribe"), list);
        assertTrue(list.contains("cmd=client|list user=default redir=-1 resp=2\n"), list);
        String pubsub = a.call("CLIENT LIST TYPE pubsub\r\n");
        assertTrue(pubsub.contains("id=2 ") && !pubsub.contains("id=1 "), pubsub);
        String byId = a.call("CLIENT LIST ID 1\r\n");
        assertTrue(byId.contains("id=1 ") && !byId.contains("id=2 "), byId);
        assertEquals("-ERR Unknown client type 'x'\r\n", a.call("CLIENT LIST TYPE x\r\n"));
        assertEquals("-ERR Invalid client ID\r\n", a.call("CLIENT LIST ID x\r\n"));
        assertEquals("-ERR syntax error\r\n", a.call("CLIENT LIST foo\r\n"));
        assertTrue(a.call("CLIENT INFO\r\n").contains("id=1 "));
    }

    @Test
    void infoAndListAreVerbatimTextUnderResp3() {
        a.call("HELLO 3\r\n");
        String line = b.call("CLIENT INFO\r\n").substring(1);
        assertTrue(a.call("CLIENT INFO\r\n").matches("=\\d+\r\ntxt:id=1 [^\r]*\n\r\n"));
        assertTrue(a.call("CLIENT LIST\r\n").startsWith("=" ), "verbatim");
        assertTrue(line.contains("\r\nid=2 "), "a bulk string under RESP2");
    }

    @Test
    void killNewFormSkipsTheCallerByDefault() {
        assertEquals(":0\r\n", a.call("CLIENT KILL ID 9999\r\n"));
        assertEquals(":1\r\n", a.call("CLIENT KILL ADDR embedded\r\n"));
        assertFalse(b.open());
        assertTrue(a.open());
        assertEquals("-ERR client-id should be greater than 0\r\n", a.call("CLIENT KILL ID x\r\n"));
        assertEquals("-ERR syntax error\r\n", a.call("CLIENT KILL foo bar\r\n"));
        assertEquals("-ERR Unknown client type 'x'\r\n", a.call("CLIENT KILL TYPE x\r\n"));
        assertEquals("-ERR No such user 'bob'\r\n", a.call("CLIENT KILL USER bob\r\n"));
        assertEquals(":0\r\n", a.call("CLIENT KILL USER default\r\n"), "b is gone, a skips itself");
    }

    @Test
    void killSelfRepliesFirst() {
        assertEquals(":1\r\n", a.call("CLIENT KILL ID 1 SKIPME no\r\n"));
        assertFalse(a.open());
        assertTrue(b.open());
    }

    @Test
    void killOldForm() {
        assertEquals("-ERR No such client\r\n", a.call("CLIENT KILL 1.2.3.4:5\r\n"));
    }

    @Test
    void replyOffAndSkip() {
        assertEquals("+PONG\r\n+PONG\r\n", a.call("PING\r\nCLIENT REPLY SKIP\r\nPING\r\nPING\r\n"));
        assertEquals("+OK\r\n+PONG\r\n", a.call("CLIENT REPLY OFF\r\nPING\r\nCLIENT REPLY ON\r\nPING\r\n"));
        assertEquals("-ERR syntax error\r\n", a.call("CLIENT REPLY foo\r\n"));
    }

    @Test
    void stubsOfTrackingAndEviction() {
        assertEquals(":-1\r\n", a.call("CLIENT GETREDIR\r\n"));
        assertEquals("*6\r\n$5\r\nflags\r\n*1\r\n$3\r\noff\r\n$8\r\nredirect\r\n:-1\r\n$8\r\nprefixes\r\n*0\r\n",
                a.call("CLIENT TRACKINGINFO\r\n"));
        assertEquals("+OK\r\n-ERR syntax error\r\n", a.call("CLIENT NO-EVICT on\r\nCLIENT NO-EVICT x\r\n"));
        assertTrue(a.call("CLIENT HELP\r\n").startsWith("*48\r\n+CLIENT <subcommand> [<arg> [value] [opt] ...]."));
        assertEquals("e", ClientPauseTest.field(a.call("CLIENT INFO\r\n"), "flags"), "NO-EVICT on shows as e");
        assertEquals("+OK\r\n", a.call("CLIENT NO-EVICT OFF\r\n"));
        assertEquals("N", ClientPauseTest.field(a.call("CLIENT INFO\r\n"), "flags"));
    }

    @Test
    void unblockChecksAsRedisAndUnblocksNothing() {
        assertEquals(":0\r\n", a.call("CLIENT UNBLOCK 2\r\n"));
        assertEquals(":0\r\n", a.call("CLIENT UNBLOCK 2 timeout\r\n"));
        assertEquals("-ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR\r\n", a.call("CLIENT UNBLOCK x foo\r\n"),
                "the reason before the id");
        assertEquals("-ERR value is not an integer or out of range\r\n", a.call("CLIENT UNBLOCK x\r\n"));
        assertEquals("-ERR unknown subcommand or wrong number of arguments for 'unblock'. Try CLIENT HELP.\r\n",
                a.call("CLIENT unblock 1 a b\r\n"));
    }
}
