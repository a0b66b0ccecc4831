package io.sentinel.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The fixture on OUR sentinel as a child JVM; skipped until io.sentinel.server.Main exists. */
class SentinelProcessIT {
    @RegisterExtension
    final ProcessScope processes = new ProcessScope();

    @BeforeEach
    void mainExists() {
        boolean present;
        try {
            Class.forName("io.sentinel.server.Main");
            present = true;
        } catch (ClassNotFoundException e) {
            present = false;
        }
        assumeTrue(present, "io.sentinel.server.Main not there yet");
    }

    @Test
    void startsAsAChildJvmAndAnswersPing() {
        RedisProcess master = processes.add(RedisProcess.master());

        SentinelProcess sentinel = processes.add(new SentinelProcess(
                new SentinelConf().monitor("mymaster", master.address(), 1).downAfterMillis(1000)));

        assertTrue(sentinel.ping(Duration.ofSeconds(1)), sentinel::describe);
        assertTrue(sentinel.isAlive());
    }

    @Test
    void namesTheMonitoredMasterLikeRedisSentinel() {
        RedisProcess master = processes.add(RedisProcess.master());
        SentinelConf conf = new SentinelConf().monitor("mymaster", master.address(), 1);
        SentinelProcess ours = processes.add(new SentinelProcess(conf));
        SentinelProcess real = processes.add(new RealSentinelProcess(conf));

        assertEquals(real.masterAddress("mymaster"), ours.masterAddress("mymaster"), ours::describe);
        assertEquals(master.address(), ours.masterAddress("mymaster"));
    }

    @Test
    void closeKillsTheJvmAndRemovesItsDir() {
        RedisProcess master = processes.add(RedisProcess.master());
        SentinelProcess sentinel = new SentinelProcess(new SentinelConf().monitor("m", master.address(), 1));
        long pid = sentinel.pid();
        Path dir = sentinel.dir();

        sentinel.close();

        assertFalse(Files.exists(Path.of("/proc/" + pid)), "pid " + pid + " still runs");
        assertFalse(Files.exists(dir));
    }
}
