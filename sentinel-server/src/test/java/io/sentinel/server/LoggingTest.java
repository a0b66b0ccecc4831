package io.sentinel.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sentinel.server.logging.LogFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoggingTest {
    @Test
    void flagBeatsEnvironmentWhichBeatsTheConfig() {
        Map<String, String> env = Map.of(Logging.ENV, "json");
        assertEquals(LogFormat.REDIS, Logging.choose("redis", env, "json"));
        assertEquals(LogFormat.JSON, Logging.choose(null, env, "redis"));
        assertEquals(LogFormat.JSON, Logging.choose(null, Map.of(), "json"));
        assertEquals(LogFormat.REDIS, Logging.choose(null, Map.of(), null));
    }

    @Test
    void mainTakesLogFormatOutOfTheRedisOverrides() {
        List<String> overrides = new ArrayList<>(List.of("--port", "26380", "--log-format", "json", "--sentinel"));
        assertEquals("json", Main.takeLogFormat(overrides));
        assertEquals(List.of("--port", "26380", "--sentinel"), overrides);
        assertNull(Main.takeLogFormat(overrides));
        assertThrows(IllegalArgumentException.class, () -> Main.takeLogFormat(new ArrayList<>(List.of("--log-format",
                "xml"))));
        assertThrows(IllegalArgumentException.class, () -> Main.takeLogFormat(new ArrayList<>(List.of("--log-format"))));
    }
}
