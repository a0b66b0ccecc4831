package io.sentinel.server.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.sentinel.server.it.Await;
import io.sentinel.server.it.ProcessScope;
import io.sentinel.server.it.RedisProcess;
import io.sentinel.server.it.SentinelConf;
import io.sentinel.server.it.SentinelProcess;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisSentinelPool;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Jedis's JedisSentinelPool and a Lettuce sentinel connection, logged in to our sentinel as the minimal application
 * user of docs/security.md, find the master and follow a failover; the sentinel refused them nothing (ACL LOG).
 */
class AclClientsIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    final ProcessScope processes = new ProcessScope();

    @Test
    void jedisAndLettuceFollowAFailoverAsTheApplicationUser() {
        RedisProcess oldMaster = processes.add(RedisProcess.master());
        RedisProcess replica = processes.add(RedisProcess.replicaOf(oldMaster));
        // requirepass: a client that did not log in as app would get NOAUTH, not the default user's rights
        SentinelProcess s = processes.add(new SentinelProcess(new SentinelConf().requirePass("defaultpw")
                .line("user " + AclIT.APP)
                .line("user ops on >opspw +@all").monitor("mymaster", oldMaster.address(), 1)
                .failoverTimeoutMillis(6000)));
        try (Jedis ops = s.jedis()) {
            ops.auth("ops", "opspw");
            ops.aclLogReset();
            try (JedisSentinelPool pool = jedis(s); Lettuce lettuce = new Lettuce(s)) {
                assertEquals(oldMaster.port(), pool.getCurrentHostMaster().getPort());
                assertEquals("OK", lettuce.conn.sync().set("k", "before"));
                Await.until(WAIT, "SENTINEL FAILOVER accepted once the replica is known", () -> failover(ops),
                        s::describe);
                Await.until(WAIT, "Jedis follows to " + replica,
                        () -> pool.getCurrentHostMaster().getPort() == replica.port(), s::describe);
                try (Jedis j = pool.getResource()) {
                    assertEquals("OK", j.set("k", "jedis"));
                }
                Await.until(WAIT, "Lettuce writes to the new master", () -> lettuce.writesTo(replica), s::describe);
            }
            assertEquals(List.of(), ops.aclLog(), "refused to a client");
        }
    }

    private static JedisSentinelPool jedis(SentinelProcess s) {
        return new JedisSentinelPool("mymaster", Set.of(new HostAndPort("127.0.0.1", s.port())),
                DefaultJedisClientConfig.builder().build(),
                DefaultJedisClientConfig.builder().user("app").password("apppw").build());
    }

    private static boolean failover(Jedis ops) {
        try {
            ops.sendCommand(Protocol.Command.SENTINEL, "failover", "mymaster");
            return true;
        } catch (JedisDataException e) {
            return false; // NOGOODSLAVE until the replica is discovered
        }
    }

    /** A Lettuce connection to the master the sentinel names, reconnecting through it after a failover. */
    private static final class Lettuce implements AutoCloseable {
        final RedisClient client;
        final StatefulRedisConnection<String, String> conn;

        Lettuce(SentinelProcess s) {
            client = RedisClient.create(RedisURI.builder().withSentinelMasterId("mymaster")
                    .withTimeout(Duration.ofSeconds(1)).withSentinel(RedisURI.Builder.redis("127.0.0.1", s.port())
                            .withAuthentication("app", "apppw").build()).build());
            conn = client.connect();
        }

        boolean writesTo(RedisProcess master) {
            try (Jedis direct = master.jedis()) {
                conn.sync().set("k", "lettuce");
                return "lettuce".equals(direct.get("k"));
            } catch (RuntimeException e) {
                return false;
            }
        }

        @Override
        public void close() {
            conn.close();
            client.shutdown();
        }
    }
}
