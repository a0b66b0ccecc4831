package io.sentinel.server.link;

import io.sentinel.core.action.AskPeer;
import io.sentinel.core.action.OpenLink;
import io.sentinel.core.action.PublishHello;
import io.sentinel.core.action.RequestInfo;
import io.sentinel.core.action.SendPing;
import io.sentinel.core.input.CommandFailed;
import io.sentinel.core.input.InfoReceived;
import io.sentinel.core.input.Input;
import io.sentinel.core.input.LinkConnected;
import io.sentinel.core.input.LinkLost;
import io.sentinel.core.input.PingReplied;
import io.sentinel.core.input.VoteReplied;
import io.sentinel.core.model.Address;
import io.sentinel.core.model.LinkSettings;
import io.sentinel.core.model.Target;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Netty link to a real redis-sentinel. */
class PeerLinkIT {
    static final Duration WAIT = Duration.ofSeconds(10);

    private final Inputs inputs = new Inputs();
    private final LinkManager links = new LinkManager(
            LinkOptions.forSentinel("0123456789abcdef").withCommandTimeoutMillis(1000)
                    .withReconnectMillis(50, 300), inputs);
    private LinkTestProcess redis;
    private LinkTestProcess sentinel;

    @AfterEach
    void tearDown() throws Exception {
        links.close();
        if (sentinel != null) sentinel.close();
        if (redis != null) redis.close();
    }

    private Target openPeer() throws Exception {
        redis = LinkTestProcess.redis();
        sentinel = LinkTestProcess.sentinel(redis.port());
        Target peer = Target.sentinel(new Address("127.0.0.1", sentinel.port()));
        links.run(new OpenLink(peer, LinkSettings.NONE));
        inputs.await(LinkConnected.class, c -> c.target().equals(peer), WAIT);
        return peer;
    }

    @Test
    void pingsAsksAndPublishesToARealSentinel() throws Exception {
        Target peer = openPeer();
        try (Jedis jedis = sentinel.jedis()) {
            assertTrue(jedis.clientList().contains("name=sentinel-01234567-cmd"), jedis.clientList());
        }

        links.run(new SendPing(peer));
        assertEquals(new PingReplied(peer, "PONG", false), inputs.await(PingReplied.class, WAIT));

        Address master = new Address("127.0.0.1", redis.port());
        links.run(new AskPeer(peer, "m", master, 0, "*"));
        assertEquals(new VoteReplied(peer, "m", false, "*", 0), inputs.await(VoteReplied.class, WAIT));

        links.run(new PublishHello(peer, "127.0.0.1,1,0123456789abcdef0123456789abcdef01234567,0,m,127.0.0.1,"
                + redis.port() + ",0"));
        links.run(new RequestInfo(peer)); // a barrier: PUBLISH's outcome is in before INFO's reply
        List<Input> seen = inputs.until(InfoReceived.class::isInstance, WAIT);
        assertFalse(seen.stream().anyMatch(CommandFailed.class::isInstance), seen.toString());
        assertTrue(((InfoReceived) seen.get(seen.size() - 1)).info().contains("sentinel_masters:1"));
    }

    @Test
    void errorReplyToAQuestionIsAFailureWithItsText() throws Exception {
        redis = LinkTestProcess.redis();
        Target peer = Target.sentinel(new Address("127.0.0.1", redis.port())); // a Redis knows no SENTINEL command
        links.run(new OpenLink(peer, LinkSettings.NONE));
        inputs.await(LinkConnected.class, WAIT);
        links.run(new AskPeer(peer, "m", new Address("127.0.0.1", redis.port()), 1, "*"));
        CommandFailed failed = inputs.await(CommandFailed.class, WAIT);
        assertEquals(CommandFailed.Command.ASK_PEER, failed.command());
        assertTrue(failed.reason().startsWith("ERR"), failed.reason());
    }

    @Test
    void stoppedPeerTimesOutAndKilledPeerIsLostThenFoundAgain() throws Exception {
        Target peer = openPeer();
        sentinel.signal("STOP");
        links.run(new SendPing(peer));
        assertEquals(new CommandFailed(peer, CommandFailed.Command.PING, "timeout"),
                inputs.await(CommandFailed.class, Duration.ofMillis(1000 + 1500)));
        sentinel.signal("CONT");
        links.run(new SendPing(peer));
        links.run(new RequestInfo(peer));
        List<Input> seen = inputs.until(InfoReceived.class::isInstance, WAIT);
        assertEquals(List.of(new PingReplied(peer, "PONG", false)),
                seen.stream().filter(PingReplied.class::isInstance).toList(), "late PONG dropped: " + seen);

        sentinel.kill();
        assertEquals(peer, inputs.await(LinkLost.class, WAIT).target());
        sentinel.start();
        inputs.await(LinkConnected.class, WAIT);
        links.run(new SendPing(peer));
        assertEquals(new PingReplied(peer, "PONG", false), inputs.await(PingReplied.class, WAIT));
    }

    @Test
    void authenticatesWithSentinelPass() throws Exception {
        redis = LinkTestProcess.redis();
        sentinel = LinkTestProcess.sentinel(redis.port(), "requirepass peer-secret");
        try (LinkManager authed = new LinkManager(LinkOptions.forSentinel("0123456789abcdef")
                .withCommandTimeoutMillis(1000), inputs)) {
            Target peer = Target.sentinel(new Address("127.0.0.1", sentinel.port()));
            authed.run(new OpenLink(peer, new LinkSettings(null, "peer-secret", Map.of())));
            inputs.await(LinkConnected.class, WAIT);
            authed.run(new SendPing(peer));
            assertEquals(new PingReplied(peer, "PONG", false), inputs.await(PingReplied.class, WAIT));
        }
    }

    @Test
    void promotingAPeerIsAProgrammerError() throws Exception {
        Target peer = openPeer();
        assertThrows(IllegalArgumentException.class,
                () -> links.run(new io.sentinel.core.action.PromoteReplica(peer)));
    }
}
