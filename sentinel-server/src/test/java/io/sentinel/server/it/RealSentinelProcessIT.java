package io.sentinel.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/** The sentinel fixture on Debian's redis-sentinel, until our Main can run under SentinelProcess. */
class RealSentinelProcessIT {
    @RegisterExtension
    final ProcessScope processes = new ProcessScope();

    @Test
    void answersPingAndNamesTheMonitoredMaster() throws Exception {
        RedisProcess master = processes.add(RedisProcess.master());
        SentinelConf conf = new SentinelConf().monitor("mymaster", master.address(), 1).downAfterMillis(1000);

        SentinelProcess sentinel = processes.add(new RealSentinelProcess(conf));

        assertTrue(sentinel.ping(Duration.ofSeconds(1)));
        assertEquals(master.address(), sentinel.masterAddress("mymaster"));
        assertNull(sentinel.masterAddress("other"));
        assertTrue(Files.readString(sentinel.confFile()).contains("sentinel myid"), "redis-sentinel rewrites");
    }

    @Test
    void twoSentinelsOnOneConfDiscoverEachOther() {
        RedisProcess master = processes.add(RedisProcess.master());
        SentinelConf conf = new SentinelConf().monitor("mymaster", master.address(), 2);
        SentinelProcess a = processes.add(new RealSentinelProcess(conf));
        SentinelProcess b = processes.add(new RealSentinelProcess(conf));

        Await.until(Duration.ofSeconds(15), "a to see b through hello messages", () -> {
            try (Jedis jedis = a.jedis()) {
                return jedis.sentinelSentinels("mymaster").size() == 1;
            }
        }, () -> a.describe() + "\n" + b.describe());
    }

    @Test
    void requirePassIsHonouredByTheReadinessCheck() {
        RedisProcess master = processes.add(RedisProcess.master());
        SentinelConf conf = new SentinelConf().monitor("mymaster", master.address(), 1).requirePass("pw");

        SentinelProcess sentinel = processes.add(new RealSentinelProcess(conf));

        assertTrue(sentinel.ping(Duration.ofSeconds(1)));
        try (Jedis anonymous = new Jedis(ChildProcess.HOST, sentinel.port())) {
            JedisDataException e = assertThrows(JedisDataException.class, anonymous::ping);
            assertTrue(e.getMessage().startsWith("NOAUTH"), e.getMessage());
        }
    }
}
