package io.sentinel.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentinel.core.config.SentinelConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** tcp-backlog, unixsocket, unixsocketperm, bind-source-addr: values and error texts of redis-sentinel 7.0.15. */
class ListenerDirectivesTest {
    @TempDir
    Path dir;

    private LoadedConfig parse(String text, String... overrides) throws Exception {
        Path f = dir.resolve("sentinel.conf");
        Files.writeString(f, text);
        return new ConfFileParser(dir).parse(f, List.of(overrides));
    }

    @Test
    void valuesReachTheServerSettingsWithoutWarnings() throws Exception {
        LoadedConfig l = parse("tcp-backlog 1024\nunixsocket /run/s.sock\nunixsocketperm 0770\n"
                + "bind-source-addr 127.0.0.2\n", "--tcp-backlog", "2048");
        assertEquals(Map.of("tcp-backlog", "2048", "unixsocket", "/run/s.sock", "unixsocketperm", "770",
                "bind-source-addr", "127.0.0.2"), l.serverSettings());
        assertEquals(List.of(), l.warnings());
    }

    @Test
    void emptyStringsUnsetAsRedisEmptyStringIsNull() throws Exception {
        LoadedConfig l = parse("unixsocket /run/s.sock\nbind-source-addr ::1\nunixsocket \"\"\nbind-source-addr ''\n"
                + "unixsocketperm \"\"\n");
        assertEquals(Map.of("unixsocketperm", "0"), l.serverSettings());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            tcp-backlog abc            | argument couldn't be parsed into an integer
            tcp-backlog 010            | argument couldn't be parsed into an integer
            tcp-backlog 0x10           | argument couldn't be parsed into an integer
            tcp-backlog 1.5            | argument couldn't be parsed into an integer
            tcp-backlog -1             | argument must be between 0 and 2147483647 inclusive
            tcp-backlog 2147483648     | argument must be between 0 and 2147483647 inclusive
            tcp-backlog                | wrong number of arguments
            tcp-backlog 1 2            | wrong number of arguments
            unixsocketperm 888         | argument couldn't be parsed as an octal number
            unixsocketperm 8           | argument couldn't be parsed as an octal number
            unixsocketperm abc         | argument couldn't be parsed as an octal number
            unixsocketperm 777x        | argument couldn't be parsed as an octal number
            unixsocketperm 1000        | argument must be between 0 and 777 inclusive
            unixsocketperm -1          | argument must be between 0 and 777 inclusive
            unixsocketperm 1 2         | wrong number of arguments
            unixsocket                 | wrong number of arguments
            unixsocket a b             | wrong number of arguments
            bind-source-addr           | wrong number of arguments
            bind-source-addr a b       | wrong number of arguments
            unixsocket "s\\x00.sock"    | Invalid path: Nul character not allowed
            """)
    void badValuesStopWithFileLineAndRedisReason(String line, String reason) throws Exception {
        Path f = dir.resolve("sentinel.conf");
        Files.writeString(f, "port 26379\n" + line + "\n");
        String msg = assertThrows(ConfigException.class, () -> new ConfFileParser(dir).parse(f, List.of()))
                .getMessage();
        assertEquals(f + ":2: " + reason + " >>> '" + line + "'", msg);
    }

    /** The file after a rewrite, from {@code text} and the command line {@code overrides}. */
    private String rewritten(String text, String... overrides) throws Exception {
        Path f = dir.resolve("sentinel.conf");
        Files.writeString(f, text);
        LoadedConfig l = ConfigLoader.load(f, List.of(overrides), dir, p -> true);
        SentinelConfig c = l.config();
        ConfigStore.open(l).persist(c.withRuntime(ConfigLoader.generateMyid(), 0, c.masters()));
        return Files.readString(f);
    }

    // the three cases below are what redis-sentinel 7.0.15 wrote here for the same file and command line

    @Test
    void rewriteKeepsDefaultsInPlaceAndDropsEmptyStrings() throws Exception {
        String text = rewritten("port 26379\ntcp-backlog 511\nunixsocketperm 0\nunixsocket \"\"\n"
                + "bind-source-addr \"\"\nsentinel monitor m 127.0.0.1 6379 1\n");
        assertTrue(text.startsWith("port 26379\ntcp-backlog 511\nunixsocketperm 0\n\nsentinel monitor m"), text);
        assertFalse(text.contains("unixsocket \""), text);
        assertFalse(text.contains("bind-source-addr"), text);
    }

    @Test
    void rewriteAppendsCommandLineValuesThatDifferFromRedisDefaults() throws Exception {
        String text = rewritten("port 26379\nsentinel monitor m 127.0.0.1 6379 1\n", "--tcp-backlog", "600",
                "--unixsocket", "x.sock", "--unixsocketperm", "0770", "--bind-source-addr", "127.0.0.1");
        String generated = text.substring(text.indexOf(ConfRewriter.SIGNATURE));
        for (String line : List.of("tcp-backlog 600", "unixsocket \"x.sock\"", "unixsocketperm 770",
                "bind-source-addr \"127.0.0.1\"")) {
            assertTrue(generated.contains("\n" + line + "\n"), line + " in " + text);
        }
        assertFalse(rewritten("port 26379\nsentinel monitor m 127.0.0.1 6379 1\n", "--tcp-backlog", "511",
                "--unixsocketperm", "0").contains("tcp-backlog"), "Redis's defaults are not appended");
    }

    @Test
    void rewriteReplacesLinesInPlaceWithTheCommandLineWinning() throws Exception {
        String text = rewritten("port 26379\ntcp-backlog 600\nunixsocketperm 777\nunixsocket x.sock\n"
                + "bind-source-addr 127.0.0.1\nsentinel monitor m 127.0.0.1 6379 1\n",
                "--tcp-backlog", "700", "--unixsocketperm", "0");
        assertTrue(text.startsWith("port 26379\ntcp-backlog 700\nunixsocketperm 0\nunixsocket \"x.sock\"\n"
                + "bind-source-addr \"127.0.0.1\"\nsentinel monitor m"), text);
    }

    @Test
    void theStateFileHoldsNoneOfThem() throws Exception {
        Path f = dir.resolve("sentinel.yaml");
        Files.writeString(f, "tcp-backlog: 100\nunixsocket: s.sock\n"
                + "masters:\n  m: {address: 127.0.0.1:6379, quorum: 1}\n");
        LoadedConfig l = ConfigLoader.load(f, List.of(), dir);
        SentinelConfig c = l.config();
        ConfigStore.open(l).persist(c.withRuntime(ConfigLoader.generateMyid(), 0, c.masters()));
        String state = Files.readString(dir.resolve(LoadedConfig.STATE_FILE_NAME));
        assertFalse(state.contains("tcp-backlog") || state.contains("unixsocket"), state);
    }

    @Test
    void octalAsStrtoll() {
        assertEquals(0700L, ListenerDirectives.strtollOctal("0700"));
        assertEquals(0700L, ListenerDirectives.strtollOctal("700"));
        assertEquals(0700L, ListenerDirectives.strtollOctal(" +700"));
        assertEquals(-1L, ListenerDirectives.strtollOctal("-1"));
        assertEquals(0L, ListenerDirectives.strtollOctal(""), "strtoll of nothing is 0, and Redis takes it");
        assertNull(ListenerDirectives.strtollOctal(" "));
        assertNull(ListenerDirectives.strtollOctal("+"));
        assertNull(ListenerDirectives.strtollOctal("7 "));
        assertNull(ListenerDirectives.strtollOctal("7777777777777777777777777"), "ERANGE");
    }

    @Test
    void yamlTakesTheSameKeys() throws Exception {
        Path f = dir.resolve("sentinel.yaml");
        Files.writeString(f, "tcp-backlog: 100\nunixsocket: /run/s.sock\nunixsocketperm: 0700\n"
                + "bind-source-addr: 127.0.0.2\n");
        LoadedConfig l = ConfigLoader.load(f, List.of(), dir);
        assertEquals(Map.of("tcp-backlog", "100", "unixsocket", "/run/s.sock", "unixsocketperm", "700",
                "bind-source-addr", "127.0.0.2"), l.serverSettings());
        Files.writeString(f, "unixsocketperm: 800\n");
        assertTrue(assertThrows(ConfigException.class, () -> ConfigLoader.load(f, List.of(), dir)).getMessage()
                .contains("sentinel.yaml:1: unixsocketperm: argument couldn't be parsed as an octal number"));
    }
}
