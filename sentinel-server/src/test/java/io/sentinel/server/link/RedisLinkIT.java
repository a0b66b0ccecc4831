package io.sentinel.server.link;

import io.sentinel.core.action.OpenLink;
import io.sentinel.core.action.PublishHello;
import io.sentinel.core.action.RequestInfo;
import io.sentinel.core.action.SendPing;
import io.sentinel.core.input.CommandFailed;
import io.sentinel.core.input.HelloReceived;
import io.sentinel.core.input.InfoReceived;
import io.sentinel.core.input.Input;
import io.sentinel.core.input.LinkConnected;
import io.sentinel.core.input.LinkLost;
import io.sentinel.core.input.PingReplied;
import io.sentinel.core.model.Address;
import io.sentinel.core.model.LinkSettings;
import io.sentinel.core.model.Target;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RedisLinkIT extends RedisLinkFixture {
    @Test
    void connectsNamesItselfPingsAndReadsInfo() throws Exception {
        redis = LinkTestProcess.redis();
        Target target = open(LinkSettings.NONE);
        inputs.await(LinkConnected.class, c -> c.target().equals(target), WAIT);

        links.run(new SendPing(target));
        PingReplied pong = inputs.await(PingReplied.class, WAIT);
        assertEquals(new PingReplied(target, "PONG", false), pong);

        links.run(new RequestInfo(target));
        InfoReceived info = inputs.await(InfoReceived.class, WAIT);
        assertTrue(info.info().contains("run_id:"), info.info());
        try (Jedis jedis = redis.jedis()) {
            assertTrue(jedis.clientList().contains("name=sentinel-01234567-cmd"), jedis.clientList());
        }
    }

    @Test
    void helloPublishedOnTheCommandLinkArrivesOnThePubSubLink() throws Exception {
        redis = LinkTestProcess.redis();
        Target target = open(LinkSettings.NONE);
        inputs.await(LinkConnected.class, WAIT);
        awaitHelloSubscriber();
        try (Jedis jedis = redis.jedis()) {
            assertTrue(jedis.clientList().contains("name=sentinel-01234567-pubsub"), jedis.clientList());
        }

        links.run(new PublishHello(target, "127.0.0.1,26379,abc,0,m,127.0.0.1,6379,0"));
        HelloReceived hello = inputs.await(HelloReceived.class, WAIT);
        assertEquals("127.0.0.1,26379,abc,0,m,127.0.0.1,6379,0", hello.payload());
    }

    void awaitHelloSubscriber() throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        try (Jedis jedis = redis.jedis()) {
            while (jedis.pubsubNumSub(RedisHandshake.HELLO_CHANNEL).get(RedisHandshake.HELLO_CHANNEL) < 1) {
                assertTrue(System.nanoTime() < deadline, "pub/sub link never subscribed: " + jedis.clientList());
                Thread.sleep(20); // poll interval, bounded by the deadline
            }
        }
    }

    @Test
    void silentPubSubConnectionIsReplaced() throws Exception {
        try (LinkManager quick = new LinkManager(LinkOptions.forSentinel("0123456789abcdef")
                .withCommandTimeoutMillis(TIMEOUT_MILLIS).withPubSubIdleMillis(200), inputs)) {
            redis = LinkTestProcess.redis();
            Target target = Target.redis(new Address("127.0.0.1", redis.port()));
            quick.run(new OpenLink(target, LinkSettings.NONE));
            inputs.await(LinkConnected.class, WAIT);
            awaitHelloSubscriber();
            long first = pubSubClientId();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (pubSubClientId() == first) {
                assertTrue(System.nanoTime() < deadline, "pub/sub connection never replaced");
                quick.run(new SendPing(target)); // the core's periodic PING drives the check
                inputs.await(PingReplied.class, WAIT);
                Thread.sleep(50); // poll interval, bounded by the deadline
            }
        }
    }

    private long pubSubClientId() {
        try (Jedis jedis = redis.jedis()) {
            return jedis.clientList().lines().filter(l -> l.contains("name=sentinel-01234567-pubsub"))
                    .mapToLong(l -> Long.parseLong(l.substring(3, l.indexOf(' ')))).findFirst().orElse(-1);
        }
    }

    @Test
    void stoppedServerFailsPingsWithinTimeoutAndItsLateRepliesAreDropped() throws Exception {
        redis = LinkTestProcess.redis();
        Target target = open(LinkSettings.NONE);
        inputs.await(LinkConnected.class, WAIT);

        redis.signal("STOP");
        links.run(new SendPing(target));
        CommandFailed failed = inputs.await(CommandFailed.class, Duration.ofMillis(TIMEOUT_MILLIS + 1500));
        assertEquals(new CommandFailed(target, CommandFailed.Command.PING, "timeout"), failed);

        redis.signal("CONT");
        links.run(new SendPing(target));
        links.run(new RequestInfo(target)); // a barrier: its reply comes after any late PONG
        List<Input> answers = inputs.until(InfoReceived.class::isInstance, WAIT);
        List<Input> pings = answers.stream().filter(PingReplied.class::isInstance).toList();
        assertEquals(List.of(new PingReplied(target, "PONG", false)), pings, "one answer per PING: " + answers);
        assertFalse(answers.stream().anyMatch(CommandFailed.class::isInstance), answers.toString());
    }

    @Test
    void aStoppedServerIsNotConnectedUntilItAnswers() throws Exception {
        redis = LinkTestProcess.redis();
        redis.signal("STOP");
        try {
            Target target = open(LinkSettings.NONE);
            // the kernel accepts the connection, but CLIENT SETNAME gets no reply: the attempt fails and is retried
            List<Input> seen = new ArrayList<>();
            long deadline = System.nanoTime() + WAIT.toNanos();
            String reason = "";
            while (!reason.equals("link down: timeout")) {
                assertTrue(System.nanoTime() < deadline, "never failed on a timeout: " + seen);
                Thread.sleep(50); // poll interval, bounded by the deadline
                links.run(new SendPing(target));
                List<Input> answers = inputs.until(CommandFailed.class::isInstance, WAIT);
                seen.addAll(answers);
                reason = ((CommandFailed) answers.get(answers.size() - 1)).reason();
            }
            assertFalse(seen.stream().anyMatch(LinkConnected.class::isInstance), seen.toString());
        } finally {
            redis.signal("CONT");
        }
        inputs.await(LinkConnected.class, WAIT);
    }

    @Test
    void killedServerIsLostAndFoundAgainOnRestart() throws Exception {
        redis = LinkTestProcess.redis();
        Target target = open(LinkSettings.NONE);
        inputs.await(LinkConnected.class, WAIT);

        redis.kill();
        assertEquals(target, inputs.await(LinkLost.class, WAIT).target());
        links.run(new SendPing(target));
        CommandFailed failed = inputs.await(CommandFailed.class, WAIT);
        assertTrue(failed.reason().startsWith("link down"), failed.reason());

        redis.start();
        inputs.await(LinkConnected.class, c -> c.target().equals(target), WAIT);
        links.run(new SendPing(target));
        assertEquals(new PingReplied(target, "PONG", false), inputs.await(PingReplied.class, WAIT));
    }

    @Test
    void unreachableTargetKeepsRetryingAndConnectsWhenItAppears() throws Exception {
        redis = LinkTestProcess.redis();
        redis.kill();
        Target target = open(LinkSettings.NONE);
        links.run(new SendPing(target));
        assertEquals(CommandFailed.Command.PING, inputs.await(CommandFailed.class, WAIT).command());

        redis.start();
        inputs.await(LinkConnected.class, WAIT);
        links.run(new SendPing(target));
        assertEquals(new PingReplied(target, "PONG", false), inputs.await(PingReplied.class, WAIT));
    }
}
