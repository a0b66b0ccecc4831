package io.sentinel.server.link;

import io.sentinel.core.action.OpenLink;
import io.sentinel.core.action.PromoteReplica;
import io.sentinel.core.action.RepointReplica;
import io.sentinel.core.action.RequestInfo;
import io.sentinel.core.action.SendPing;
import io.sentinel.core.input.CommandFailed;
import io.sentinel.core.input.InfoReceived;
import io.sentinel.core.input.Input;
import io.sentinel.core.input.LinkConnected;
import io.sentinel.core.input.PingReplied;
import io.sentinel.core.model.Address;
import io.sentinel.core.model.LinkSettings;
import io.sentinel.core.model.Target;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Promotion and repointing (MULTI .. EXEC), and rename-command, against real servers. */
class RedisReconfigureIT {
    static final Duration WAIT = Duration.ofSeconds(10);

    private final Inputs inputs = new Inputs();
    private final LinkManager links = new LinkManager(
            LinkOptions.forSentinel("0123456789abcdef").withCommandTimeoutMillis(1000)
                    .withReconnectMillis(50, 300), inputs);
    private LinkTestProcess master;
    private LinkTestProcess replica;

    @AfterEach
    void tearDown() throws Exception {
        links.close();
        if (replica != null) replica.close();
        if (master != null) master.close();
    }

    @Test
    void promotesAReplicaAndRepointsItDespiteConfigRewriteFailing() throws Exception {
        master = LinkTestProcess.redis();
        replica = LinkTestProcess.redis("--replicaof", "127.0.0.1", Integer.toString(master.port()));
        Target target = Target.redis(new Address("127.0.0.1", replica.port()));
        links.run(new OpenLink(target, LinkSettings.NONE));
        inputs.await(LinkConnected.class, WAIT);

        // no config file: CONFIG REWRITE fails inside EXEC, which must not fail the promotion
        links.run(new PromoteReplica(target));
        awaitRole(replica, "role:master");
        assertNoFailureBeforeNextInfo(target);

        links.run(new RepointReplica(target, new Address("127.0.0.1", master.port())));
        awaitRole(replica, "role:slave");
        assertNoFailureBeforeNextInfo(target);
        try (Jedis jedis = replica.jedis()) {
            assertTrue(jedis.info("replication").contains("master_port:" + master.port()));
        }
    }

    @Test
    void reconfigureUsesRenamedCommands() throws Exception {
        master = LinkTestProcess.redis();
        replica = LinkTestProcess.redis("--replicaof", "127.0.0.1", Integer.toString(master.port()),
                "--rename-command", "SLAVEOF", "so-secret", "--rename-command", "REPLICAOF", "",
                "--rename-command", "CONFIG", "", "--rename-command", "MULTI", "m-secret");
        Target target = Target.redis(new Address("127.0.0.1", replica.port()));
        links.run(new OpenLink(target, new LinkSettings(null, null,
                Map.of("SLAVEOF", "so-secret", "REPLICAOF", "", "CONFIG", "", "MULTI", "m-secret"))));
        inputs.await(LinkConnected.class, WAIT);

        links.run(new PromoteReplica(target));
        awaitRole(replica, "role:master");
        assertNoFailureBeforeNextInfo(target);
    }

    @Test
    void renamedAndDisabledCommands() throws Exception {
        master = LinkTestProcess.redis("--rename-command", "PING", "p-secret", "--rename-command", "INFO", "");
        Target target = Target.redis(new Address("127.0.0.1", master.port()));
        links.run(new OpenLink(target, new LinkSettings(null, null, Map.of("PING", "p-secret", "INFO", ""))));
        inputs.await(LinkConnected.class, WAIT);

        links.run(new SendPing(target));
        assertEquals(new PingReplied(target, "PONG", false), inputs.await(PingReplied.class, WAIT));
        links.run(new RequestInfo(target));
        CommandFailed failed = inputs.await(CommandFailed.class, WAIT);
        assertEquals(CommandFailed.Command.INFO, failed.command());
        assertTrue(failed.reason().contains("disabled"), failed.reason());
    }

    @Test
    void pingErrorReplyIsAnErrorPingNotAFailure() throws Exception {
        master = LinkTestProcess.redis();
        replica = LinkTestProcess.redis("--replicaof", "127.0.0.1", Integer.toString(master.port()),
                "--replica-serve-stale-data", "no");
        master.kill(); // a replica that lost its master and serves no stale data answers PING with MASTERDOWN
        Target target = Target.redis(new Address("127.0.0.1", replica.port()));
        links.run(new OpenLink(target, LinkSettings.NONE));
        inputs.await(LinkConnected.class, WAIT);
        links.run(new SendPing(target));
        PingReplied reply = inputs.await(PingReplied.class, WAIT);
        assertTrue(reply.error(), reply.toString());
        assertTrue(reply.reply().startsWith("MASTERDOWN"), reply.reply());
    }

    private void assertNoFailureBeforeNextInfo(Target target) throws InterruptedException {
        links.run(new RequestInfo(target)); // a barrier: EXEC's outcome is in before INFO's reply
        List<Input> seen = inputs.until(InfoReceived.class::isInstance, WAIT);
        assertFalse(seen.stream().anyMatch(CommandFailed.class::isInstance), seen.toString());
    }

    private static void awaitRole(LinkTestProcess redis, String role) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String info = "";
        while (!info.contains(role)) {
            assertTrue(System.nanoTime() < deadline, "never " + role + ":\n" + info);
            try (Jedis jedis = redis.jedis()) {
                info = jedis.info("replication");
            } catch (JedisConnectionException e) {
                info = e.toString(); // killed by the CLIENT KILL of the reconfiguration: ask again
            }
            Thread.sleep(20); // poll interval, bounded by the deadline
        }
    }
}
