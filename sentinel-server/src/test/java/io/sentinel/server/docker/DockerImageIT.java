package io.sentinel.server.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;
import redis.clients.jedis.Jedis;

/** The image in docker/Dockerfile starts and answers as a sentinel. Skips where no Docker engine runs. */
class DockerImageIT {

    @Test
    void imageStartsAndAnswersSentinelCommands() {
        Assumptions.assumeTrue(dockerAvailable(), "no Docker engine on this machine");
        Path root = Path.of("..").toAbsolutePath().normalize();
        ImageFromDockerfile image = new ImageFromDockerfile("sentinel-it", true)
                .withFileFromPath(".", root)
                .withDockerfile(root.resolve("docker/Dockerfile"));
        try (GenericContainer<?> c = new GenericContainer<>(image).withExposedPorts(26379)
                .waitingFor(Wait.forListeningPort().withStartupTimeout(Duration.ofMinutes(5)))) {
            c.start();
            try (Jedis j = new Jedis(c.getHost(), c.getMappedPort(26379))) {
                assertEquals("PONG", j.ping());
                assertEquals("mymaster", j.sentinelMasters().get(0).get("name"));
            }
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }
}
