package io.sentinel.server.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** CLIENT PAUSE / UNPAUSE as redis-sentinel 7.0.15 behaves (observed live; RedisSentinelParityIT compares them). */
class ClientPauseTest {
    private final RespServer server = new RespServer(RespServerConfig.loopback(0), new StubSentinelHandler(),
            m -> { }, () -> { });
    private final EmbeddedClient a = new EmbeddedClient(server);
    private final EmbeddedClient b = new EmbeddedClient(server);
    private final EmbeddedClient c = new EmbeddedClient(server);

    @Test
    void repliesAndErrorsAsRedisSentinel() {
        assertEquals("-ERR timeout is not an integer or out of range\r\n", a.call("CLIENT PAUSE x\r\n"));
        assertEquals("-ERR timeout is negative\r\n", a.call("CLIENT PAUSE -1\r\n"));
        assertEquals("-ERR CLIENT PAUSE mode must be WRITE or ALL\r\n", a.call("CLIENT PAUSE x foo\r\n"),
                "the mode is checked before the timeout");
        assertEquals("-ERR unknown subcommand or wrong number of arguments for 'PaUsE'. Try CLIENT HELP.\r\n",
                a.call("CLIENT PaUsE 10 WRITE extra\r\n"));
        assertEquals("-ERR wrong number of arguments for 'client|pause' command\r\n", a.call("CLIENT PAUSE\r\n"));
        assertEquals("-ERR wrong number of arguments for 'client|unpause' command\r\n", a.call("CLIENT UNPAUSE x\r\n"));
        assertEquals("+OK\r\n", a.call("CLIENT UNPAUSE\r\n"), "nothing to unpause is fine");
        assertEquals("+OK\r\n+PONG\r\n", a.call("CLIENT PAUSE 0\r\nPING\r\n"), "0 is a pause already over");
        assertEquals("+OK\r\n+PONG\r\n", a.call("CLIENT PAUSE 9223372036854775807\r\nPING\r\n"),
                "7.0 adds the timeout to its clock: an overflow is a pause already over");
    }

    @Test
    void writeHoldsOnlyPublishAndEverythingItsClientSentAfterIt() {
        assertEquals("+OK\r\n", a.call("CLIENT PAUSE 100000 WRITE\r\n"));
        assertEquals("+PONG\r\n:2\r\n", b.call("PING\r\nCLIENT ID\r\n"));
        assertEquals("+PONG\r\n", b.call("PING\r\nPUBLISH __sentinel__:hello x\r\nPING\r\nCLIENT ID\r\n"));
        String list = c.call("CLIENT LIST\r\n");
        assertTrue(list.contains("id=2 ") && list.contains(" flags=b db=0 ") && list.contains(" cmd=publish "), list);
        assertEquals(1, server.stats().flags().blocked());
    }

    @Test
    void unpauseRunsTheHeldRequestThenTheRestInOrder() {
        a.call("CLIENT PAUSE 100000 WRITE\r\n");
        b.send("PUBLISH __sentinel__:hello x\r\nPING\r\n");
        b.send("CLIENT ID\r\n");
        assertEquals("", b.output());
        assertEquals("+OK\r\n", a.call("CLIENT UNPAUSE\r\n"));
        assertEquals(":1\r\n+PONG\r\n:2\r\n", b.output());
        assertEquals("N", field(c.call("CLIENT LIST ID 2\r\n"), "flags"));
        assertEquals(0, server.stats().flags().blocked());
    }

    @Test
    void allHoldsEveryCommandEvenUnpauseButNotRefusals() {
        assertEquals("+OK\r\n", a.call("CLIENT PAUSE 100000\r\n"));
        assertEquals("", b.call("CLIENT UNPAUSE\r\n"), "an ALL pause holds UNPAUSE too");
        assertEquals("-ERR unknown command 'FOO', with args beginning with: \r\n", c.call("FOO\r\n"));
        assertEquals("-ERR wrong number of arguments for 'client|pause' command\r\n", c.call("CLIENT PAUSE\r\n"));
        assertEquals("", c.call("PING\r\n"));
        assertEquals("", a.call("PING\r\n"), "the pausing client too");
    }

    @Test
    void aPauseEndsByItself() {
        assertEquals("+OK\r\n", a.call("CLIENT PAUSE 30\r\n"));
        b.send("PING\r\n");
        assertEquals("+PONG\r\n", awaitOutput(a, b), "held until the pause expired");
    }

    @Test
    void writeUpgradedToAllKeepsTheLaterEnd() {
        AtomicLong now = new AtomicLong(1_000);
        ClientPause p = new ClientPause(now::get);
        p.pause(ClientPause.Mode.WRITE, 2_000, now.get());
        assertTrue(p.holds(true));
        assertFalse(p.holds(false));
        assertEquals(1_001, p.pause(ClientPause.Mode.ALL, 1_500, now.get()), "ALL wins, the later end stays");
        assertTrue(p.holds(false));
        assertEquals(1_001, p.pause(ClientPause.Mode.WRITE, 1_200, now.get()), "no downgrade while it lasts");
        assertTrue(p.holds(false));
        now.set(2_001);
        assertFalse(p.holds(true), "over once its end has passed");
        assertEquals(100, p.pause(ClientPause.Mode.WRITE, 2_100, now.get()), "a new pause starts afresh");
        assertFalse(p.holds(false));
    }

    @Test
    void heldClientsAreWokenOnceWhenThePauseEnds() {
        AtomicLong now = new AtomicLong(0);
        ClientPause p = new ClientPause(now::get);
        List<String> woken = new ArrayList<>();
        p.pause(ClientPause.Mode.WRITE, 100, now.get());
        p.park(() -> woken.add("publisher"), true);
        p.park(() -> woken.add("pinger"), false);
        assertEquals(List.of("pinger"), woken, "a client the pause does not hold is woken at once");
        p.expireIfDue();
        assertEquals(1, p.held(), "not yet due");
        now.set(101);
        p.expireIfDue();
        p.expireIfDue();
        p.unpause();
        assertEquals(List.of("pinger", "publisher"), woken);
        assertEquals(0, p.held());
    }

    @Test
    void aHeldClientThatGoesAwayIsForgotten() {
        a.call("CLIENT PAUSE 100000 WRITE\r\n");
        b.call("PUBLISH __sentinel__:hello x\r\n");
        assertEquals(1, server.stats().flags().blocked());
        b.close();
        assertEquals(0, server.stats().flags().blocked());
        assertEquals("+OK\r\n", a.call("CLIENT UNPAUSE\r\n"));
    }

    @Test
    void unblockDoesNotReleaseAPausedClient() {
        a.call("CLIENT PAUSE 100000 WRITE\r\n");
        b.call("PUBLISH __sentinel__:hello x\r\n");
        assertEquals(":0\r\n", c.call("CLIENT UNBLOCK 2\r\n"), "redis-sentinel 7.0.15 crashes here");
        assertEquals(":0\r\n", c.call("CLIENT UNBLOCK 2 ERROR\r\n"));
        assertEquals("", b.output());
    }

    /** Polls until {@code client} gets output: the pause's timer runs on the loop of the client that paused. */
    private static String awaitOutput(EmbeddedClient pauser, EmbeddedClient client) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        String out = "";
        while (out.isEmpty() && System.nanoTime() < deadline) {
            pauser.channel.runScheduledPendingTasks();
            out = client.output();
            if (out.isEmpty()) LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        return out;
    }

    static String field(String clientInfo, String name) {
        Matcher m = Pattern.compile(" " + name + "=(\\S*)").matcher(clientInfo);
        return m.find() ? m.group(1) : null;
    }
}
