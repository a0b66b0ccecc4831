package io.sentinel.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentinel.core.config.MasterConfig;
import io.sentinel.core.config.SentinelConfig;
import io.sentinel.core.model.Address;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shipped examples load, mean the same thing, and Debian's sentinel.conf fails only on daemonize yes. */
class ExampleConfigsTest {
    private static final Path CONF_DIR = Path.of("..", "conf").toAbsolutePath().normalize();

    @Test
    void examplesLoadAndAgree() throws Exception {
        LoadedConfig conf = new ConfFileParser(CONF_DIR).parse(CONF_DIR.resolve("sentinel.conf"), List.of());
        LoadedConfig yaml = new YamlConfigLoader(CONF_DIR).load(CONF_DIR.resolve("sentinel.yaml"), List.of());
        assertEquals(List.of(), conf.warnings());
        SentinelConfig c = conf.config();
        assertEquals(List.of(MasterConfig.withDefaults("mymaster", new Address("127.0.0.1", 6379), 2)), c.masters());
        assertEquals(List.of("127.0.0.1"), c.bind());
        assertEquals(CONF_DIR.toString(), c.dir());
        assertEquals(c, yaml.config());
    }

    @Test
    void debiansSentinelConfStopsAtDaemonizeYes() throws Exception {
        Path debian = Path.of("/etc/redis/sentinel.conf");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(debian));
        List<String> lines = Files.readAllLines(debian);
        int line = lines.indexOf("daemonize yes") + 1;
        String message = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
                () -> new ConfFileParser(Path.of("/")).parse(debian, List.of())).getMessage();
        assertTrue(message.startsWith(debian + ":" + line + ": daemonize yes is not supported"), message);
    }
}
