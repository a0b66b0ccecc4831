package io.sentinel.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The client directives, with the values and error texts redis-sentinel 7.0.15 gave here for the same lines. */
class ClientDirectivesTest {
    @TempDir
    Path dir;

    private LoadedConfig parse(String text, String... overrides) throws Exception {
        Path f = dir.resolve("sentinel.conf");
        Files.writeString(f, text);
        return new ConfFileParser(dir).parse(f, List.of(overrides));
    }

    @Test
    void valuesReachTheServerSettingsWithoutWarnings() throws Exception {
        LoadedConfig l = parse("maxclients 2\ntimeout 1\ntcp-keepalive 0\nacllog-max-len 5\n"
                + "client-output-buffer-limit normal 0 0 0 PUBSUB 1mb 64kb 10\n", "--timeout", "7");
        assertEquals(Map.of("maxclients", "2", "timeout", "7", "tcp-keepalive", "0", "acllog-max-len", "5",
                "client-output-buffer-limit pubsub", "1048576 65536 10"), l.serverSettings());
        assertEquals(List.of(), l.warnings());
    }

    @Test
    void renamesFollowRedisCommandDict() throws Exception {
        // each line finds the command under its current name: SENTINEL's name is free for INFO afterwards
        LoadedConfig l = parse("rename-command SENTINEL sntl\nrename-command info Sentinel\nrename-command ping \"\"\n"
                + "rename-command sntl s2\nrename-command role ROLE\n");
        assertEquals("info sentinel ping \"\" sentinel s2", l.serverSettings().get("rename-command"));
        assertTrue(parse("rename-command ping pong\nrename-command pong ping\n").serverSettings().isEmpty());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            maxclients 0                                  | argument must be between 1 and 4294967295 inclusive
            maxclients 4294967296                         | argument must be between 1 and 4294967295 inclusive
            maxclients abc                                | argument couldn't be parsed into an integer
            maxclients 010                                | argument couldn't be parsed into an integer
            timeout +5                                    | argument couldn't be parsed into an integer
            timeout -1                                    | argument must be between 0 and 2147483647 inclusive
            tcp-keepalive -1                              | argument must be between 0 and 2147483647 inclusive
            acllog-max-len -1                             | argument must be between 0 and 9223372036854775807 inclusive
            timeout                                       | wrong number of arguments
            rename-command SET foo                        | No such command in rename-command
            'rename-command client|list foo'              | No such command in rename-command
            rename-command SENTINEL                       | Bad directive or wrong number of arguments
            rename-command sentinel PING                  | Target command name already exists
            client-output-buffer-limit pubsub 1mb 1kb     | Wrong number of arguments in buffer limit configuration.
            client-output-buffer-limit foo 1 1 1          | Invalid client class specified in buffer limit configuration.
            client-output-buffer-limit master 1 1 1       | Invalid client class specified in buffer limit configuration.
            client-output-buffer-limit pubsub 1 2 x       | Error in hard, soft or soft_seconds setting in buffer limit configuration.
            client-output-buffer-limit pubsub 1.5mb 0 0   | Error in hard, soft or soft_seconds setting in buffer limit configuration.
            client-output-buffer-limit pubsub -1 0 0      | Error in hard, soft or soft_seconds setting in buffer limit configuration.
            client-output-buffer-limit pubsub 1 0 -1      | Error in hard, soft or soft_seconds setting in buffer limit configuration.
            """)
    void badValuesStopWithFileLineAndRedisReason(String line, String reason) throws Exception {
        Path f = dir.resolve("sentinel.conf");
        Files.writeString(f, "port 26379\n" + line + "\n");
        String msg = assertThrows(ConfigException.class, () -> new ConfFileParser(dir).parse(f, List.of()))
                .getMessage();
        assertEquals(f + ":2: " + reason + " >>> '" + line + "'", msg);
    }

    @Test
    void memoryUnitsAsRedisMemtoull() {
        assertEquals(1000, ClientDirectives.memToBytes("1k"));
        assertEquals(1024, ClientDirectives.memToBytes("1KB"));
        assertEquals(3L * 1024 * 1024 * 1024, ClientDirectives.memToBytes("3gb"));
        assertEquals(0, ClientDirectives.memToBytes("kb"), "no digits is 0 in Redis too");
        assertEquals(-1, ClientDirectives.memToBytes("1tb"));
    }

    @Test
    void yamlTakesTheScalarOnes() throws Exception {
        Path f = dir.resolve("sentinel.yaml");
        Files.writeString(f, "maxclients: 50\ntimeout: 30\n");
        LoadedConfig l = ConfigLoader.load(f, List.of(), dir);
        assertEquals("50", l.serverSettings().get("maxclients"));
        assertEquals("30", l.serverSettings().get("timeout"));
        Files.writeString(f, "maxclients: 0\n");
        assertTrue(assertThrows(ConfigException.class, () -> ConfigLoader.load(f, List.of(), dir)).getMessage()
                .contains("argument must be between 1 and 4294967295 inclusive"));
    }
}
