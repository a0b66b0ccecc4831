package io.sentinel.server.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sentinel.core.model.Address;
import io.sentinel.server.e2e.Writer;
import io.sentinel.server.it.Await;
import io.sentinel.server.it.ChildProcess;
import io.sentinel.server.it.Ports;
import io.sentinel.server.it.ProcessScope;
import io.sentinel.server.it.RedisProcess;
import io.sentinel.server.it.SentinelConf;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;
import redis.clients.jedis.Jedis;

/**
 * Issue 15: three sentinel containers (Testcontainers, host network, the locally built image: nothing is pulled,
 * Ryuk is off) over three real redis-server processes; SIGKILL of the master fails over and Jedis and Lettuce,
 * asking the containers, follow.
 */
class SentinelContainersFailoverIT {
    static final Duration DEADLINE = Duration.ofSeconds(60);

    @RegisterExtension
    final ProcessScope processes = new ProcessScope();
    private final List<GenericContainer<?>> sentinels = new ArrayList<>();
    private final List<Address> addresses = new ArrayList<>();
    private final List<Path> confs = new ArrayList<>();

    @AfterEach
    void stopContainers() throws IOException {
        for (GenericContainer<?> c : sentinels) c.stop(); // stops and removes the container and its /data volume
        for (Path p : confs) Files.deleteIfExists(p);
    }

    GenericContainer<?> sentinel(String image, SentinelConf conf) throws IOException {
        int port = Ports.free();
        Path file = Docker.writeReadable(Files.createTempFile("sentinel-tc", ".conf"), conf.render(port, "/data"));
        confs.add(file);
        GenericContainer<?> c = new GenericContainer<>(DockerImageName.parse(image))
                .withNetworkMode("host")
                .withFileSystemBind(file.toString(), "/etc/sentinel/sentinel.conf", BindMode.READ_ONLY)
                .withEnv("SENTINEL_PORT", Integer.toString(port))
                .withCommand("/etc/sentinel/sentinel.conf", "--metrics-port", "-1")
                .waitingFor(Wait.forLogMessage(".*Sentinel ID is .*", 1).withStartupTimeout(DEADLINE));
        sentinels.add(c);
        addresses.add(new Address(ChildProcess.HOST, port));
        return c;
    }

    @Test
    void sigkillOfTheMasterFailsOverAndJedisAndLettuceFollow() throws IOException {
        String image = Docker.sentinelImage();
        RedisProcess master = processes.add(RedisProcess.master());
        List<RedisProcess> replicas = List.of(processes.add(RedisProcess.replicaOf(master)),
                processes.add(RedisProcess.replicaOf(master)));
        SentinelConf conf = new SentinelConf().monitor("mymaster", master.address(), 2).downAfterMillis(1000)
                .failoverTimeoutMillis(6000);
        for (int i = 0; i < 3; i++) sentinel(image, conf);
        sentinels.parallelStream().forEach(GenericContainer::start);
        Await.until(DEADLINE, "every sentinel container knows the other two and both replicas",
                () -> addresses.stream().allMatch(a -> {
                    try (Jedis j = jedis(a)) {
                        return j.sentinelSentinels("mymaster").size() == 2
                                && j.sentinelReplicas("mymaster").size() == 2;
                    }
                }), this::state);

        try (Writer jedis = Writer.jedisAt(addresses, null, null).start();
             Writer lettuce = Writer.lettuceAt(addresses, null, null).start()) {
            Await.until(Duration.ofSeconds(20), "clients write through the sentinels",
                    () -> jedis.successes.get() > 5 && lettuce.successes.get() > 5, this::state);
            Address old = master.address();
            master.sigkill();
            long jedisBefore = jedis.successes.get();
            long lettuceBefore = lettuce.successes.get();
            Address promoted = awaitAgreement(old);
            RedisProcess newMaster = replicas.stream().filter(r -> r.address().equals(promoted)).findFirst()
                    .orElseThrow(() -> new AssertionError("promoted " + promoted + " is none of the replicas"));
            assertEquals("master", newMaster.replicationField("role"));
            Await.until(DEADLINE, "Jedis and Lettuce write to the new master",
                    () -> jedis.successes.get() > jedisBefore + 5 && lettuce.successes.get() > lettuceBefore + 5,
                    this::state);
            try (Jedis j = newMaster.jedis()) {
                Await.until(Duration.ofSeconds(10), "the writes land on the promoted replica",
                        () -> j.get("jedis") != null && j.get("lettuce") != null);
            }
        }
    }

    private Address awaitAgreement(Address old) {
        Address[] agreed = new Address[1];
        Await.until(DEADLINE, "all three sentinel containers agree on a new master", () -> {
            List<Address> seen = new ArrayList<>();
            for (Address a : addresses) {
                try (Jedis j = jedis(a)) {
                    List<String> r = j.sentinelGetMasterAddrByName("mymaster");
                    seen.add(new Address(r.get(0), Integer.parseInt(r.get(1))));
                }
            }
            agreed[0] = seen.get(0);
            return !seen.get(0).equals(old) && seen.stream().distinct().count() == 1;
        }, this::state);
        return agreed[0];
    }

    private static Jedis jedis(Address a) {
        return new Jedis(a.host(), a.port(), 2000);
    }

    private String state() {
        return sentinels.stream().map(c -> c.getContainerName() + " running=" + c.isRunning() + "\n"
                + tail(c.getLogs())).collect(Collectors.joining("\n"));
    }

    private static String tail(String logs) {
        List<String> lines = logs.lines().collect(Collectors.toList());
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 25), lines.size()));
    }
}
