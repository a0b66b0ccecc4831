package io.sentinel.server.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.sentinel.server.config.ConfFileParser;
import io.sentinel.server.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** maxclients, timeout, rename-command, acllog-max-len and the pubsub output limits, applied by the RESP server. */
class ClientSettingsTest {
    @TempDir
    Path dir;

    private static RespServer server(ClientSettings clients, RespLimits limits) {
        return new RespServer(RespServerConfig.loopback(0).withLimits(limits).withClients(clients),
                new StubSentinelHandler(), m -> { }, () -> { });
    }

    private static ClientSettings with(int timeout, int aclLog, Map<String, String> renames) {
        ClientSettings d = ClientSettings.DEFAULTS;
        return new ClientSettings(timeout, d.tcpKeepAliveSeconds(), aclLog, renames, d.pubsubSoftLimitBytes(),
                d.pubsubSoftLimitSeconds());
    }

    @Test
    void fromTheCheckedServerSettings() {
        Map<String, String> s = Map.of("maxclients", "4294967295", "timeout", "5", "tcp-keepalive", "0",
                "acllog-max-len", "3", "rename-command", "ping \"\" sentinel sntl",
                "client-output-buffer-limit pubsub", "0 1024 7");
        ClientSettings c = ClientSettings.from(s);
        assertEquals(new ClientSettings(5, 0, 3, Map.of("ping", "", "sentinel", "sntl"), 1024, 7), c);
        RespLimits l = ClientSettings.limits(RespLimits.defaults(), s);
        assertEquals(Integer.MAX_VALUE, l.maxClients());
        assertEquals(Long.MAX_VALUE, l.pubsubOutputLimitBytes(), "hard 0: no hard limit");
        assertEquals(ClientSettings.DEFAULTS, ClientSettings.from(Map.of()));
        assertEquals(RespLimits.defaults(), ClientSettings.limits(RespLimits.defaults(), Map.of()));
    }

    @Test
    void aClientBeyondMaxclientsGetsRedisErrorAndIsClosed() {
        RespServer s = server(ClientSettings.DEFAULTS, RespLimits.defaults().withMaxClients(1));
        EmbeddedClient first = new EmbeddedClient(s);
        EmbeddedClient second = new EmbeddedClient(s);
        assertEquals("-ERR max number of clients reached\r\n", second.output());
        assertFalse(second.open());
        assertEquals("+PONG\r\n", first.call("PING\r\n"));
        first.close();
        assertEquals("+PONG\r\n", new EmbeddedClient(s).call("PING\r\n"), "the freed place is taken again");
        assertTrue(s.stats().rejectedConnections() >= 1);
    }

    @Test
    void renamedCommandsAnswerUnderTheirNewNameOnly() {
        RespServer s = server(with(0, 128, Map.of("sentinel", "Sntl", "ping", "", "info", "sentinel")),
                RespLimits.defaults());
        EmbeddedClient c = new EmbeddedClient(s);
        assertEquals("$16\r\n0123456789abcdef\r\n", c.call("sntl myid\r\n"));
        assertEquals("-ERR unknown command 'PING', with args beginning with: \r\n", c.call("PING\r\n"));
        assertTrue(c.call("SENTINEL\r\n").startsWith("$"), "the name SENTINEL now runs INFO");
        assertEquals(":14\r\n", c.call("COMMAND COUNT\r\n"));
        assertEquals("-ERR wrong number of arguments for 'sentinel' command\r\n", c.call("SNTL\r\n"),
                "errors name the command as Redis does: by its original name");
    }

    @Test
    void aRenameOfAnUnknownCommandIsAProgrammerError() {
        assertThrows(IllegalArgumentException.class,
                () -> server(with(0, 128, Map.of("set", "x")), RespLimits.defaults()));
    }

    @Test
    void everyCommandOfTheTableCanBeRenamedInTheConfig() throws Exception {
        Path f = dir.resolve("sentinel.conf");
        for (CommandSpec c : CommandTable.load().topLevel()) {
            Files.writeString(f, "rename-command " + c.name() + " x-" + c.name() + "\n");
            assertEquals(c.name() + " x-" + c.name(),
                    new ConfFileParser(dir).parse(f, List.of()).serverSettings().get("rename-command"));
        }
        Files.writeString(f, "rename-command config x\n");
        assertThrows(ConfigException.class, () -> new ConfFileParser(dir).parse(f, List.of()));
    }

    @Test
    void idleClientsCloseButSubscribersAndHeldClientsStay() {
        RespServer none = server(ClientSettings.DEFAULTS, RespLimits.defaults());
        assertNull(new EmbeddedClient(none).channel.pipeline().get(IdleStateHandler.class), "timeout 0: no timer");
        RespServer s = server(with(1, 128, Map.of()), RespLimits.defaults());
        EmbeddedClient idle = new EmbeddedClient(s);
        assertNotNull(idle.channel.pipeline().get(IdleStateHandler.class));
        idle.channel.pipeline().fireUserEventTriggered(IdleStateEvent.ALL_IDLE_STATE_EVENT);
        assertFalse(idle.open());
        assertEquals("", idle.output(), "closed silently, as Redis");

        EmbeddedClient sub = new EmbeddedClient(s);
        sub.call("SUBSCRIBE x\r\n");
        sub.channel.pipeline().fireUserEventTriggered(IdleStateEvent.ALL_IDLE_STATE_EVENT);
        assertTrue(sub.open(), "subscribers are exempt");
        sub.call("UNSUBSCRIBE\r\n");
        sub.channel.pipeline().fireUserEventTriggered(IdleStateEvent.ALL_IDLE_STATE_EVENT);
        assertFalse(sub.open(), "no longer once it has no subscription");

        EmbeddedClient pauser = new EmbeddedClient(s);
        EmbeddedClient held = new EmbeddedClient(s);
        assertEquals("+OK\r\n", pauser.call("CLIENT PAUSE 100000 ALL\r\n"));
        assertEquals("", held.call("ROLE\r\n"));
        held.channel.pipeline().fireUserEventTriggered(IdleStateEvent.ALL_IDLE_STATE_EVENT);
        assertTrue(held.open(), "a client held by CLIENT PAUSE is exempt");
    }

    @Test
    void aclLogKeepsAcllogMaxLenEntries() {
        RespServer s = server(with(0, 2, Map.of()), RespLimits.defaults());
        EmbeddedClient c = new EmbeddedClient(s);
        for (int i = 0; i < 4; i++) c.call("AUTH user" + i + " wrong\r\n");
        assertTrue(c.call("ACL LOG\r\n").startsWith("*2\r\n"));
        RespServer zero = server(with(0, 0, Map.of()), RespLimits.defaults());
        EmbeddedClient z = new EmbeddedClient(zero);
        z.call("AUTH someone wrong\r\n");
        assertEquals("*0\r\n", z.call("ACL LOG\r\n"));
    }

    @Test
    void softLimitDropsASubscriberOverItLongerThanItsSeconds() {
        AtomicLong now = new AtomicLong(1_000);
        PubSub p = new PubSub(Long.MAX_VALUE, 100, 2, now::get);
        RespServer s = server(ClientSettings.DEFAULTS, RespLimits.defaults());
        EmbeddedClient sub = new EmbeddedClient(s);
        ClientConnection c = onlyClient(sub);
        p.subscribe(c, "ch");
        // nothing drains the EmbeddedChannel's queue until tasks run: the backlog grows with each message
        assertEquals(1, p.publish("ch", "x".repeat(80)), "over the soft limit: the count starts");
        now.addAndGet(2_000);
        assertEquals(1, p.publish("ch", "x"), "over it for exactly 2 s: kept (Redis: elapsed <= soft seconds)");
        now.addAndGet(1);
        assertEquals(0, p.publish("ch", "x"));
        assertFalse(sub.open());
    }

    @Test
    void hardLimitIsReachedAtItsValue() {
        PubSub p = new PubSub(100, 0, 0, () -> 0);
        RespServer s = server(ClientSettings.DEFAULTS, RespLimits.defaults());
        EmbeddedClient sub = new EmbeddedClient(s);
        p.subscribe(onlyClient(sub), "ch");
        assertEquals(0, p.publish("ch", "x".repeat(50)), "50 + 2 + 48 frame bytes = 100: at the hard limit");
    }

    private static ClientConnection onlyClient(EmbeddedClient client) {
        return client.channel.pipeline().get(CommandHandler.class).client();
    }
}
