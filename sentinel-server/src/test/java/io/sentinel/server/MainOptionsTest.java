package io.sentinel.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sentinel.server.runtime.Daemon;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Our own options: taken out of the Redis-style overrides; command line, then config, then defaults. */
class MainOptionsTest {

    @Test
    void ownFlagsAreTakenOutOfTheOverrides() {
        List<String> overrides = new ArrayList<>(List.of("--port", "26380", "--metrics-port", "9500",
                "--sentinel", "--metrics-bind", "0.0.0.0"));
        Daemon.Options o = Main.takeOwnOptions(overrides);
        assertEquals(List.of("--port", "26380", "--sentinel"), overrides);
        assertEquals(new Daemon.Options("0.0.0.0", 9500), o.orConfig(Map.of("metrics-port", "1")));
    }

    @Test
    void configValuesApplyWhenTheCommandLineIsSilent() {
        Daemon.Options o = Main.takeOwnOptions(new ArrayList<>(List.of("--port", "1")));
        assertEquals(new Daemon.Options("127.0.0.2", -1),
                o.orConfig(Map.of("metrics-port", "-1", "metrics-bind", "127.0.0.2")));
        assertEquals(Daemon.Options.DEFAULTS, o.orConfig(Map.of()));
    }

    @Test
    void aMissingOrBadValueIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> Main.takeOwnOptions(new ArrayList<>(List.of("--metrics-port"))));
        assertThrows(IllegalArgumentException.class,
                () -> Main.takeOwnOptions(new ArrayList<>(List.of("--metrics-port", "x"))));
    }
}
