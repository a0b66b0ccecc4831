package io.sentinel.server.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sentinel.server.it.Await;
import io.sentinel.server.it.ChildProcess;
import io.sentinel.server.it.Ports;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * Issue 15: docker/compose.yaml validates with Debian's docker-compose, and its topology (three Redis containers,
 * three sentinel containers, host network) fails over when the master's container is SIGKILLed, and the old master
 * rejoins as a replica. Free ports and the local images come in through the file's environment variables.
 */
class ComposeIT {
    static final Duration DEADLINE = Duration.ofSeconds(60);
    static final String FILE = Docker.ROOT.resolve("docker/compose.yaml").toString();

    private final String project = "sentinelit" + Long.toHexString(System.nanoTime());
    private final Map<String, String> env = new HashMap<>();
    private boolean up;

    @AfterEach
    void down() {
        if (up) compose(Duration.ofMinutes(2), "down", "-v", "--timeout", "10");
    }

    @Test
    void composeFileValidatesAndItsTopologyFailsOver() {
        String sentinelImage = Docker.sentinelImage();
        Assumptions.assumeTrue(Docker.command(Map.of(), Duration.ofSeconds(30), List.of("docker-compose", "version"))
                .exitCode() == 0, "no docker-compose (Debian package docker-compose)");
        compose(Duration.ofSeconds(30), "config", "-q").orFail("docker-compose config, defaults");

        env.put("SENTINEL_IMAGE", sentinelImage);
        env.put("REDIS_IMAGE", Docker.redisImage());
        List<Integer> redisPorts = new ArrayList<>();
        List<Integer> sentinelPorts = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            redisPorts.add(port("REDIS_PORT_" + i));
            sentinelPorts.add(port("SENTINEL_PORT_" + i));
            port("SENTINEL_METRICS_PORT_" + i);
        }
        compose(Duration.ofSeconds(30), "config", "-q").orFail("docker-compose config, test ports");
        up = true;
        compose(Duration.ofMinutes(2), "up", "-d").orFail("docker-compose up");

        Await.until(DEADLINE, "each sentinel knows both replicas and the two other sentinels",
                () -> sentinelPorts.stream().allMatch(p -> {
                    try (Jedis j = jedis(p)) {
                        return j.sentinelReplicas("mymaster").size() == 2
                                && j.sentinelSentinels("mymaster").size() == 2;
                    }
                }), this::state);
        compose(Duration.ofSeconds(30), "kill", "-s", "SIGKILL", "redis-1").orFail("docker-compose kill");

        int[] promoted = new int[1];
        Await.until(DEADLINE, "the three sentinels agree on a replica as the new master", () -> {
            List<Integer> seen = new ArrayList<>();
            for (int p : sentinelPorts) {
                try (Jedis j = jedis(p)) {
                    seen.add(Integer.parseInt(j.sentinelGetMasterAddrByName("mymaster").get(1)));
                }
            }
            promoted[0] = seen.get(0);
            return seen.stream().distinct().count() == 1 && redisPorts.subList(1, 3).contains(seen.get(0));
        }, this::state);
        try (Jedis j = jedis(promoted[0])) {
            assertEquals("master", j.role().get(0));
        }
        compose(Duration.ofSeconds(30), "start", "redis-1").orFail("docker-compose start redis-1");
        Await.until(DEADLINE, "the old master comes back as a replica of the new one", () -> {
            try (Jedis j = jedis(redisPorts.get(0))) {
                List<Object> role = j.role();
                return "slave".equals(role.get(0)) && ((Number) role.get(2)).intValue() == promoted[0];
            }
        }, this::state);
    }

    private int port(String name) {
        int p = Ports.free();
        env.put(name, Integer.toString(p));
        return p;
    }

    private Docker.Result compose(Duration timeout, String... args) {
        List<String> cmd = new ArrayList<>(List.of("docker-compose", "-f", FILE, "-p", project));
        cmd.addAll(List.of(args));
        return Docker.command(env, timeout, cmd);
    }

    private static Jedis jedis(int port) {
        return new Jedis(ChildProcess.HOST, port, 2000);
    }

    private String state() {
        Docker.Result ps = compose(Duration.ofSeconds(30), "ps");
        Docker.Result logs = compose(Duration.ofSeconds(30), "logs", "--tail", "15");
        return ps.out() + ps.err() + logs.out() + logs.err();
    }
}
