package io.sentinel.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentinel.server.it.Await;
import io.sentinel.server.it.ProcessScope;
import io.sentinel.server.it.RealSentinelProcess;
import io.sentinel.server.it.RedisProcess;
import io.sentinel.server.it.SentinelConf;
import io.sentinel.server.it.SentinelProcess;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/**
 * A sentinel.conf as valkey-sentinel 8+ writes it ({@code sentinel primary-reboot-down-after-period}) and Valkey's
 * {@code SENTINEL SET <m> primary-reboot-down-after-period}: taken as 7.0's setting, written back under 7.0's name,
 * which redis-sentinel 7.0 then reads.
 */
class ValkeyRebootPeriodIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    final ProcessScope processes = new ProcessScope();

    @Test
    void valkeysSpellingIsReadSetAndWrittenAs70s() throws Exception {
        RedisProcess master = processes.add(RedisProcess.master());
        SentinelProcess ours = processes.add(new SentinelProcess(new SentinelConf()
                .monitor("m", master.address(), 1).masterOption("primary-reboot-down-after-period", "1500")));
        // SENTINEL MASTER does not show the period (7.0 neither): the rewritten file does, under 7.0's name, in place
        Await.until(WAIT, "the period in sentinel.conf",
                () -> Files.readString(ours.confFile()).contains("sentinel master-reboot-down-after-period m 1500"),
                ours::describe);
        try (Jedis j = ours.jedis()) {
            assertEquals("OK", j.sentinelSet("m", Map.of("primary-reboot-down-after-period", "2500")));
        }
        Await.until(WAIT, "the new period in sentinel.conf",
                () -> Files.readString(ours.confFile()).contains("sentinel master-reboot-down-after-period m 2500"),
                ours::describe);
        String conf = Files.readString(ours.confFile());
        assertFalse(conf.contains("primary-reboot"), conf);
        // redis-sentinel 7.0 reads what we wrote
        SentinelConf same = new SentinelConf().line(conf.lines()
                .filter(l -> l.startsWith("sentinel ") && !l.startsWith("sentinel myid"))
                .reduce((a, b) -> a + "\n" + b).orElseThrow());
        SentinelProcess real = processes.add(new RealSentinelProcess(same));
        Await.until(WAIT, "redis-sentinel rewrote the same period",
                () -> Files.readString(real.confFile()).contains("sentinel master-reboot-down-after-period m 2500"),
                real::describe);
        assertTrue(real.isAlive());
    }
}
