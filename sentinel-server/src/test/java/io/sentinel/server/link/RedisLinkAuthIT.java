package io.sentinel.server.link;

import io.sentinel.core.action.CloseLink;
import io.sentinel.core.action.SendPing;
import io.sentinel.core.input.CommandFailed;
import io.sentinel.core.input.LinkConnected;
import io.sentinel.core.input.PingReplied;
import io.sentinel.core.model.LinkSettings;
import io.sentinel.core.model.Target;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** AUTH on both connections of a Redis link, against a real redis-server with requirepass and ACL users. */
class RedisLinkAuthIT extends RedisLinkFixture {
    @Test
    void authenticatesWithPasswordAndAclUser() throws Exception {
        redis = LinkTestProcess.redis("--requirepass", "secret");
        try (Jedis jedis = redis.jedis()) {
            jedis.aclSetUser("watcher", "on", ">pw", "+@all", "~*", "&*");
        }
        Target byPassword = open(new LinkSettings(null, "secret", Map.of()));
        inputs.await(LinkConnected.class, WAIT);
        links.run(new SendPing(byPassword));
        assertEquals(new PingReplied(byPassword, "PONG", false), inputs.await(PingReplied.class, WAIT));

        links.run(new CloseLink(byPassword));
        Target byUser = open(new LinkSettings("watcher", "pw", Map.of()));
        inputs.await(LinkConnected.class, WAIT);
        links.run(new SendPing(byUser));
        assertEquals(new PingReplied(byUser, "PONG", false), inputs.await(PingReplied.class, WAIT));
        awaitClients("user=watcher", 2); // the pub/sub connection authenticated too, and subscribed
        awaitClients("cmd=subscribe", 1);
    }

    @Test
    void wrongPasswordGivesFailuresWithRedisErrorThenConnectsOnceItMatches() throws Exception {
        redis = LinkTestProcess.redis("--requirepass", "secret");
        Target target = open(new LinkSettings(null, "wrong", Map.of()));
        // the connection attempt fails on AUTH and is retried; meanwhile commands fail at once, with the reason
        CommandFailed failed = awaitFailureOtherThan("not connected yet", target);
        assertEquals(CommandFailed.Command.PING, failed.command());
        assertTrue(failed.reason().startsWith("link down: WRONGPASS"), failed.reason());

        try (Jedis jedis = redis.jedis()) {
            jedis.configSet("requirepass", "wrong"); // the operator fixes the server: the retries get in
        }
        inputs.await(LinkConnected.class, c -> c.target().equals(target), WAIT);
        links.run(new SendPing(target));
        assertEquals(new PingReplied(target, "PONG", false), inputs.await(PingReplied.class, WAIT));
    }

    @Test
    void wrongAclUserIsReportedLikeAWrongPassword() throws Exception {
        redis = LinkTestProcess.redis("--requirepass", "secret");
        Target target = open(new LinkSettings("nobody", "secret", Map.of()));
        CommandFailed failed = awaitFailureOtherThan("not connected yet", target);
        assertTrue(failed.reason().contains("WRONGPASS"), failed.reason());
    }

    @Test
    void noPasswordForAServerThatNeedsOneGetsNoauthPingReplies() throws Exception {
        redis = LinkTestProcess.redis("--requirepass", "secret");
        Target target = open(LinkSettings.NONE);
        // no AUTH sent, as redis-sentinel without auth-pass: the link is up, and PING answers NOAUTH
        inputs.await(LinkConnected.class, WAIT);
        links.run(new SendPing(target));
        PingReplied reply = inputs.await(PingReplied.class, WAIT);
        assertTrue(reply.error(), reply.toString());
        assertTrue(reply.reply().startsWith("NOAUTH"), reply.reply());
    }

    @Test
    void passwordForAServerWithoutOneIsAccepted() throws Exception {
        redis = LinkTestProcess.redis();
        Target target = open(new LinkSettings(null, "unneeded", Map.of()));
        inputs.await(LinkConnected.class, WAIT);
        links.run(new SendPing(target));
        assertEquals(new PingReplied(target, "PONG", false), inputs.await(PingReplied.class, WAIT));
        awaitClients("cmd=subscribe", 1);
    }

    @Test
    void renamedAuthIsSentUnderItsNewName() throws Exception {
        redis = LinkTestProcess.redis("--requirepass", "secret", "--rename-command", "AUTH", "a-secret");
        Target target = open(new LinkSettings(null, "secret", Map.of("AUTH", "a-secret")));
        inputs.await(LinkConnected.class, WAIT);
        links.run(new SendPing(target));
        assertEquals(new PingReplied(target, "PONG", false), inputs.await(PingReplied.class, WAIT));
    }

    private CommandFailed awaitFailureOtherThan(String reason, Target target) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        CommandFailed failed;
        do {
            assertTrue(System.nanoTime() < deadline, "always '" + reason + "'");
            links.run(new SendPing(target));
            failed = inputs.await(CommandFailed.class, WAIT);
        } while (failed.reason().contains(reason));
        return failed;
    }

    /** Waits until {@code n} clients of the server have {@code field} in their CLIENT LIST line. */
    private void awaitClients(String field, int n) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        try (Jedis jedis = redis.jedis()) {
            String list = jedis.clientList();
            while (list.lines().filter(l -> l.contains(" " + field + " ")).count() != n) {
                assertTrue(System.nanoTime() < deadline, "not " + n + " clients with " + field + ":\n" + list);
                Thread.sleep(20); // poll interval, bounded by the deadline
                list = jedis.clientList();
            }
        }
    }
}
