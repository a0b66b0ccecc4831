package io.sentinel.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/** The fixture itself: real redis-server processes start, replicate, freeze, restart and vanish on close. */
class RedisProcessIT {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @RegisterExtension
    final ProcessScope processes = new ProcessScope();

    @Test
    void replicaSyncsFromMaster() {
        RedisProcess master = processes.add(RedisProcess.master());
        RedisProcess replica = processes.add(RedisProcess.replicaOf(master));

        assertEquals("master", master.replicationField("role"));
        assertEquals("slave", replica.replicationField("role"));
        try (Jedis jedis = master.jedis()) {
            jedis.set("k", "v");
        }
        Await.until(WAIT, "replica to have k", () -> {
            try (Jedis jedis = replica.jedis()) {
                return "v".equals(jedis.get("k"));
            }
        }, () -> master.describe() + "\n" + replica.describe());
        assertEquals("up", replica.replicationField("master_link_status"));
    }

    @Test
    void sigstopFreezesAndSigcontResumes() {
        RedisProcess redis = processes.add(RedisProcess.master());

        redis.sigstop();
        assertFalse(redis.ping(Duration.ofMillis(300)), "a stopped redis must not answer");
        assertTrue(redis.isAlive());

        redis.sigcont();
        Await.until(WAIT, "PONG after SIGCONT", () -> redis.ping(Duration.ofMillis(300)), redis::describe);
    }

    @Test
    void restartKeepsPortAndDirWithANewPid() {
        RedisProcess redis = processes.add(RedisProcess.master());
        long oldPid = redis.pid();
        int oldPort = redis.port();
        Path oldDir = redis.dir();

        redis.restart();

        assertNotEquals(oldPid, redis.pid());
        assertFalse(Files.exists(Path.of("/proc/" + oldPid)), "old process still exists");
        assertEquals(oldPort, redis.port());
        assertEquals(oldDir, redis.dir());
        assertTrue(redis.ping(Duration.ofSeconds(1)));
    }

    @Test
    void restartWorksOnAFrozenProcess() {
        RedisProcess redis = processes.add(RedisProcess.master());
        redis.sigstop();

        redis.restart();

        assertTrue(redis.ping(Duration.ofSeconds(1)));
    }

    @Test
    void closeLeavesNoProcessAndNoDir() {
        RedisProcess redis = RedisProcess.master();
        long pid = redis.pid();
        Path dir = redis.dir();
        assertTrue(Files.exists(Path.of("/proc/" + pid)));

        redis.close();

        assertFalse(Files.exists(Path.of("/proc/" + pid)), "process " + pid + " still exists");
        assertFalse(Files.exists(dir), "temp dir still exists");
        assertFalse(redis.ping(Duration.ofMillis(300)));
    }

    @Test
    void requirePassGuardsTheServerAndLetsTheReplicaSync() {
        RedisProcess master = processes.add(RedisProcess.builder().requirePass("s3cret").start());
        RedisProcess replica = processes.add(RedisProcess.builder().requirePass("s3cret")
                .replicaOf(master.address()).replicaPriority(7).start());

        try (Jedis anonymous = new Jedis(ChildProcess.HOST, master.port())) {
            JedisDataException e = assertThrows(JedisDataException.class, anonymous::ping);
            assertTrue(e.getMessage().startsWith("NOAUTH"), e.getMessage());
        }
        Await.until(WAIT, "replica link up", () -> "up".equals(replica.replicationField("master_link_status")),
                replica::describe);
        assertEquals("7", replica.replicationField("slave_priority"));
    }

    @Test
    void freePortsAreNotRepeated() {
        int a = Ports.free();
        int b = Ports.free();
        assertNotEquals(a, b);
    }
}
