package io.sentinel.server.resp;

import static io.sentinel.server.resp.ClientPauseTest.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentinel.server.command.ClientFlagCounts;
import org.junit.jupiter.api.Test;

/** CLIENT TRACKING and its companions, with the replies and errors redis-sentinel 7.0.15 gave live. */
class TrackingCommandsTest {
    private static final String OFF = "*6\r\n$5\r\nflags\r\n*1\r\n$3\r\noff\r\n$8\r\nredirect\r\n:-1\r\n$8\r\nprefixes\r\n*0\r\n";

    private final RespServer server = new RespServer(RespServerConfig.loopback(0), new StubSentinelHandler(),
            m -> { }, () -> { });
    private final EmbeddedClient a = new EmbeddedClient(server);
    private final EmbeddedClient b = new EmbeddedClient(server);

    @Test
    void redirectShowsInInfoGetredirAndClientList() {
        assertEquals("+OK\r\n", a.call("CLIENT TRACKING on REDIRECT 2\r\n"));
        assertEquals("*6\r\n$5\r\nflags\r\n*1\r\n$2\r\non\r\n$8\r\nredirect\r\n:2\r\n$8\r\nprefixes\r\n*0\r\n",
                a.call("CLIENT TRACKINGINFO\r\n"));
        assertEquals(":2\r\n", a.call("CLIENT GETREDIR\r\n"));
        String info = a.call("CLIENT INFO\r\n");
        assertEquals("t", field(info, "flags"));
        assertEquals("2", field(info, "redir"));
        b.close();
        assertEquals(":2\r\n", a.call("CLIENT GETREDIR\r\n"), "a redirect that went away is only noticed on a send");
        assertEquals("+OK\r\n", a.call("CLIENT TRACKING off\r\n"));
        assertEquals(OFF, a.call("CLIENT TRACKINGINFO\r\n"));
        assertEquals(":-1\r\n", a.call("CLIENT GETREDIR\r\n"));
        assertEquals("-1", field(a.call("CLIENT INFO\r\n"), "redir"));
    }

    @Test
    void bcastPrefixesSortedAccumulatedAndCounted() {
        assertEquals("+OK\r\n", a.call("CLIENT TRACKING on BCAST PREFIX b PREFIX a NOLOOP\r\n"));
        assertEquals("*6\r\n$5\r\nflags\r\n*3\r\n$2\r\non\r\n$5\r\nbcast\r\n$6\r\nnoloop\r\n$8\r\nredirect\r\n:0\r\n"
                + "$8\r\nprefixes\r\n*2\r\n$1\r\na\r\n$1\r\nb\r\n", a.call("CLIENT TRACKINGINFO\r\n"));
        String info = a.call("CLIENT INFO\r\n");
        assertEquals("tB", field(info, "flags"));
        assertEquals("0", field(info, "redir"));
        assertEquals("+OK\r\n", a.call("CLIENT TRACKING on BCAST PREFIX x PREFIX c\r\n"));
        assertTrue(a.call("CLIENT TRACKINGINFO\r\n").endsWith("*4\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\nx\r\n"));
        b.call("CLIENT TRACKING on BCAST PREFIX a PREFIX q\r\n");
        assertEquals(new ClientFlagCounts(0, 2, 5), server.stats().flags(), "a b c x q");
        a.call("CLIENT TRACKING off\r\n");
        assertEquals(new ClientFlagCounts(0, 1, 2), server.stats().flags());
        b.close();
        assertEquals(ClientFlagCounts.NONE, server.stats().flags());
    }

    @Test
    void bcastWithoutPrefixTracksTheEmptyOne() {
        a.call("HELLO 3\r\n");
        assertEquals("+OK\r\n", a.call("CLIENT TRACKING on BCAST\r\n"));
        assertEquals("%3\r\n$5\r\nflags\r\n~2\r\n$2\r\non\r\n$5\r\nbcast\r\n$8\r\nredirect\r\n:0\r\n$8\r\nprefixes\r\n"
                + "*1\r\n$0\r\n\r\n", a.call("CLIENT TRACKINGINFO\r\n"));
        assertEquals("-ERR Prefix 'z' overlaps with an existing prefix ''. Prefixes for a single client must not"
                + " overlap.\r\n", a.call("CLIENT TRACKING on BCAST PREFIX z\r\n"));
    }

    @Test
    void errorsInRedisOrder() {
        assertEquals("-ERR The client ID you want redirect to does not exist\r\n",
                a.call("CLIENT TRACKING off REDIRECT 99999\r\n"), "options are parsed before on/off");
        assertEquals("-ERR value is not an integer or out of range\r\n", a.call("CLIENT TRACKING on REDIRECT x\r\n"));
        assertEquals("-ERR The client ID you want redirect to does not exist\r\n",
                a.call("CLIENT TRACKING on REDIRECT 0\r\n"));
        assertEquals("-ERR A client can only redirect to a single other client\r\n",
                a.call("CLIENT TRACKING on REDIRECT 2 REDIRECT 2\r\n"));
        assertEquals("-ERR syntax error\r\n", a.call("CLIENT TRACKING on REDIRECT\r\n"));
        assertEquals("-ERR syntax error\r\n", a.call("CLIENT TRACKING on PREFIX\r\n"));
        assertEquals("-ERR syntax error\r\n", a.call("CLIENT TRACKING on foo\r\n"));
        assertEquals("-ERR syntax error\r\n", a.call("CLIENT TRACKING maybe\r\n"));
        assertEquals("-ERR PREFIX option requires BCAST mode to be enabled\r\n",
                a.call("CLIENT TRACKING on PREFIX a\r\n"));
        assertEquals("-ERR OPTIN and OPTOUT are not compatible with BCAST\r\n",
                a.call("CLIENT TRACKING on BCAST OPTIN\r\n"));
        assertEquals("-ERR You can't specify both OPTIN mode and OPTOUT mode\r\n",
                a.call("CLIENT TRACKING on OPTIN OPTOUT\r\n"));
        assertEquals("-ERR Prefix 'k' overlaps with another provided prefix 'k'. Prefixes for a single client must not"
                + " overlap.\r\n", a.call("CLIENT TRACKING on BCAST PREFIX k PREFIX k\r\n"));
        assertEquals(OFF, a.call("CLIENT TRACKINGINFO\r\n"), "nothing applied");
        assertEquals("+OK\r\n", a.call("CLIENT TRACKING on OPTIN\r\n"));
        assertEquals("-ERR You can't switch OPTIN/OPTOUT mode before disabling tracking for this client, and then"
                + " re-enabling it with a different mode.\r\n", a.call("CLIENT TRACKING on OPTOUT\r\n"));
        assertEquals("-ERR You can't switch BCAST mode on/off before disabling tracking for this client, and then"
                + " re-enabling it with a different mode.\r\n", a.call("CLIENT TRACKING on BCAST\r\n"));
    }

    @Test
    void overlappingPrefixesGivenTogetherGetOneReplyAndChangeNothing() {
        assertEquals("-ERR Prefix 'y' overlaps with another provided prefix 'yz'. Prefixes for a single client must"
                + " not overlap.\r\n", a.call("CLIENT TRACKING on BCAST PREFIX x PREFIX y PREFIX yz\r\n"),
                "7.0 replies this and then +OK, having enabled tracking");
        assertEquals(OFF, a.call("CLIENT TRACKINGINFO\r\n"));
    }

    @Test
    void cachingLastsUntilACommandOtherThanClient() {
        assertEquals("-ERR CLIENT CACHING can be called only when the client is in tracking mode with OPTIN or OPTOUT"
                + " mode enabled\r\n", a.call("CLIENT CACHING x\r\n"));
        a.call("CLIENT TRACKING on OPTIN\r\n");
        assertEquals("-ERR CLIENT CACHING NO is only valid when tracking is enabled in OPTOUT mode.\r\n",
                a.call("CLIENT CACHING no\r\n"));
        assertEquals("-ERR syntax error\r\n", a.call("CLIENT CACHING maybe\r\n"));
        assertEquals("+OK\r\n", a.call("CLIENT CACHING yes\r\n"));
        String caching = "*6\r\n$5\r\nflags\r\n*3\r\n$2\r\non\r\n$5\r\noptin\r\n$11\r\ncaching-yes\r\n$8\r\nredirect"
                + "\r\n:0\r\n$8\r\nprefixes\r\n*0\r\n";
        assertEquals(caching, a.call("CLIENT TRACKINGINFO\r\n"));
        assertEquals(caching, a.call("CLIENT TRACKINGINFO\r\n"), "a CLIENT command keeps it");
        a.call("PING\r\n");
        assertEquals("*6\r\n$5\r\nflags\r\n*2\r\n$2\r\non\r\n$5\r\noptin\r\n$8\r\nredirect\r\n:0\r\n$8\r\nprefixes\r\n"
                + "*0\r\n", a.call("CLIENT TRACKINGINFO\r\n"), "any other command ends it");
        a.call("CLIENT TRACKING off\r\n");
        a.call("CLIENT TRACKING on OPTOUT noloop\r\n");
        assertEquals("-ERR CLIENT CACHING YES is only valid when tracking is enabled in OPTIN mode.\r\n",
                a.call("CLIENT CACHING yes\r\n"));
        assertEquals("+OK\r\n", a.call("CLIENT CACHING NO\r\n"));
        assertTrue(a.call("CLIENT TRACKINGINFO\r\n").contains("*4\r\n$2\r\non\r\n$6\r\noptout\r\n$10\r\ncaching-no\r\n"
                + "$6\r\nnoloop\r\n"));
        assertEquals("+OK\r\n", a.call("CLIENT TRACKING on REDIRECT 2\r\n"), "re-enabling clears OPTOUT and NOLOOP");
        assertTrue(a.call("CLIENT TRACKINGINFO\r\n").startsWith("*6\r\n$5\r\nflags\r\n*1\r\n$2\r\non\r\n"));
    }
}
