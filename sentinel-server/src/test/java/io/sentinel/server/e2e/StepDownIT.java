package io.sentinel.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentinel.core.model.Address;
import io.sentinel.server.it.Await;
import io.sentinel.server.it.ProcessScope;
import io.sentinel.server.it.RedisProcess;
import io.sentinel.server.it.SentinelConf;
import io.sentinel.server.it.SentinelProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.lettuce.core.RedisClient;
import io.lettuce.core.masterreplica.StatefulRedisMasterReplicaConnection;
import io.sentinel.server.kubernetes.ClientExample;
import redis.clients.jedis.JedisSentinelPool;

/**
 * Issues 14 and 15: {@code sentinel step-down}, the preStop command of a Redis pod, run as its own process (as the
 * hook runs it) against real redis-server processes and three of our sentinels.
 */
class StepDownIT {
    @RegisterExtension
    final ProcessScope processes = new ProcessScope();

    RedisProcess master;
    final List<RedisProcess> replicas = new ArrayList<>();
    final List<SentinelProcess> sentinels = new ArrayList<>();

    @BeforeEach
    void cluster() {
        master = processes.add(RedisProcess.builder().name("redis").start());
        for (int i = 0; i < 2; i++) {
            replicas.add(processes.add(RedisProcess.builder().name("replica").replicaOf(master.address()).start()));
        }
        SentinelConf conf = new SentinelConf().monitor("mymaster", master.address(), 2).downAfterMillis(1000)
                .failoverTimeoutMillis(6000);
        for (int i = 0; i < 3; i++) sentinels.add(processes.add(new SentinelProcess(conf)));
        Topology.awaitDiscovery(sentinels, List.of("mymaster"), 2, Duration.ofSeconds(20));
    }

    @Test
    void onTheMasterItFailsOverAndReturnsOnceEverySentinelReportsTheNewMaster() throws Exception {
        Address old = master.address();
        // the client example of docs/kubernetes.md, given one sentinel's address as it is given the Service's
        Address sentinel = sentinels.get(0).address();
        RedisClient lettuceClient = RedisClient.create();
        try (JedisSentinelPool jedis = ClientExample.jedis(sentinel.hostPort());
             StatefulRedisMasterReplicaConnection<String, String> lettuce = ClientExample.lettuce(lettuceClient,
                     sentinel.host(), sentinel.port())) {
            ClientExample.jedisWrite(jedis);
            ClientExample.lettuceWrite(lettuce);
            assertStepsDown(old);
            Await.until(Duration.ofSeconds(30), "Jedis and Lettuce write to the new master", () -> {
                try {
                    ClientExample.jedisWrite(jedis);
                    ClientExample.lettuceWrite(lettuce);
                    return true;
                } catch (RuntimeException e) {
                    return false;
                }
            }, () -> Topology.state(sentinels));
        } finally {
            lettuceClient.shutdown();
        }
    }

    private void assertStepsDown(Address old) throws Exception {
        Result r = stepDown(old, "--timeout", "30s");
        assertEquals(0, r.exit, r.toString());
        assertTrue(r.stdout.contains("master moved from " + old.hostPort()), r.toString());
        assertTrue(r.stdout.contains("3 of 3 sentinels agree"), r.toString());
        // what the command waited for holds when it returns: no sentinel still reports the old master
        Address first = sentinels.get(0).masterAddress("mymaster");
        assertNotEquals(old, first);
        for (SentinelProcess s : sentinels) assertEquals(first, s.masterAddress("mymaster"), Topology.state(sentinels));
        Await.until(Duration.ofSeconds(30), "the old master turns into a replica of " + first,
                () -> "slave".equals(master.replicationField("role"))
                        && String.valueOf(first.port()).equals(master.replicationField("master_port")),
                () -> Topology.state(sentinels));
    }

    @Test
    void onAReplicaItReturnsAtOnceAndNothingMoves() throws Exception {
        Address replica = replicas.get(0).address();
        long started = System.nanoTime();
        Result r = stepDown(replica, "--timeout", "30s");
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(0, r.exit, r.toString());
        assertTrue(r.stdout.contains("is not the master (" + master.address().hostPort() + " is): nothing to do"),
                r.toString());
        // "at once": no failover was waited for (a JVM start is all it took; a failover takes seconds)
        assertTrue(millis < 15_000, "took " + millis + " ms");
        for (SentinelProcess s : sentinels) assertEquals(master.address(), s.masterAddress("mymaster"));
        assertEquals("master", master.replicationField("role"));
    }

    @Test
    void anUnknownMasterOrAnUnreachableSentinelFailsWithExitOne() throws Exception {
        Result unknown = run("--sentinel", sentinels.get(0).address().hostPort(), "--master", "nosuch",
                "--if-address", master.address().hostPort());
        assertEquals(1, unknown.exit, unknown.toString());
        assertTrue(unknown.stderr.contains("step-down:"), unknown.toString());
        Result badArgs = run("--sentinel", "nohostport", "--master", "mymaster", "--if-address", "x:1");
        assertEquals(2, badArgs.exit, badArgs.toString());
        assertEquals("master", master.replicationField("role"));
    }

    record Result(int exit, String stdout, String stderr) {
    }

    private Result stepDown(Address ifAddress, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("--sentinel", sentinels.get(0).address().hostPort(),
                "--master", "mymaster", "--if-address", ifAddress.hostPort()));
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }

    /** {@code java ... io.sentinel.server.Main step-down <args>}, as the hook runs it; killed by pid on timeout. */
    static Result run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), "io.sentinel.server.Main",
                "step-down"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) throw new AssertionError("step-down did not end in 60 s: " + cmd);
            return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                    new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        } finally {
            p.destroyForcibly();
        }
    }
}
