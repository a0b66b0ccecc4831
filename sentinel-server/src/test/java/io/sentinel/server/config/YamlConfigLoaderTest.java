package io.sentinel.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentinel.core.config.SentinelConfig;
import io.sentinel.core.model.Address;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class YamlConfigLoaderTest {
    private static final String ID = "659c310de8f5e59816308a0835ed9841b55a7dbe";
    private static final String PEER = "0123456789abcdef0123456789abcdef01234567";
    @TempDir
    Path dir;

    private LoadedConfig yaml(String text, String... overrides) throws Exception {
        Path f = dir.resolve("sentinel.yaml");
        Files.writeString(f, text);
        return new YamlConfigLoader(dir).load(f, List.of(overrides));
    }

    private SentinelConfig conf(String text) throws Exception {
        Path f = dir.resolve("same.conf");
        Files.writeString(f, text);
        return new ConfFileParser(dir).parse(f, List.of()).config();
    }

    @Test
    void everyKeyMeansItsDirective() throws Exception {
        Files.createDirectory(dir.resolve("data"));
        Path script = Files.createFile(dir.resolve("data/n.sh"));
        script.toFile().setExecutable(true);
        LoadedConfig y = yaml(String.join("\n", "port: 26380", "bind: [127.0.0.1, '::1']", "dir: data",
                "logfile: s.log", "daemonize: no", "protected-mode: yes", "requirepass: 12345",
                "users: ['alice on >pw ~* +@all']", "myid: " + ID, "current-epoch: 3", "announce-ip: 10.0.0.1",
                "announce-port: 26999", "resolve-hostnames: true", "announce-hostnames: false",
                "deny-scripts-reconfig: false", "sentinel-user: su", "sentinel-pass: sp", "loglevel: warning",
                "masters:", "  mymaster:", "    address: 127.0.0.1:6379", "    quorum: 2",
                "    down-after-milliseconds: 5_000", "    failover-timeout: 60000", "    parallel-syncs: 2",
                "    auth-user: bob", "    auth-pass: 'p w'", "    notification-script: n.sh",
                "    client-reconfig-script: n.sh", "    master-reboot-down-after-period: 100",
                "    rename-commands: {config: GUESSME}", "    known-replicas: ['127.0.0.1:6380']",
                "    known-sentinels:", "      - {address: '127.0.0.1:26380', runid: " + PEER + "}",
                "    config-epoch: 5", "    leader-epoch: 4", "  v6:", "    host: '::1'", "    port: 6390",
                "    quorum: 1", ""));
        SentinelConfig expected = conf(String.join("\n", "port 26380", "bind 127.0.0.1 ::1", "dir data",
                "logfile s.log", "protected-mode yes", "requirepass 12345", "user alice on >pw ~* +@all",
                "sentinel myid " + ID, "sentinel current-epoch 3", "sentinel announce-ip 10.0.0.1",
                "sentinel announce-port 26999", "sentinel resolve-hostnames yes", "sentinel deny-scripts-reconfig no",
                "sentinel sentinel-user su", "sentinel sentinel-pass sp", "sentinel monitor mymaster 127.0.0.1 6379 2",
                "sentinel down-after-milliseconds mymaster 5000", "sentinel failover-timeout mymaster 60000",
                "sentinel parallel-syncs mymaster 2", "sentinel auth-user mymaster bob",
                "sentinel auth-pass mymaster \"p w\"", "sentinel notification-script mymaster n.sh",
                "sentinel client-reconfig-script mymaster n.sh",
                "sentinel master-reboot-down-after-period mymaster 100",
                "sentinel rename-command mymaster config GUESSME", "sentinel known-replica mymaster 127.0.0.1 6380",
                "sentinel known-sentinel mymaster 127.0.0.1 26380 " + PEER, "sentinel config-epoch mymaster 5",
                "sentinel leader-epoch mymaster 4", "sentinel monitor v6 ::1 6390 1", ""));
        assertEquals(expected, y.config());
        assertTrue(y.yaml());
        assertEquals("warning", y.serverSettings().get("loglevel"));
    }

    @Test
    void emptyDocumentGivesDefaults() throws Exception {
        assertEquals(SentinelConfig.defaults(dir.toString()), yaml("# nothing\n").config());
    }

    @Test
    void overridesApplyOnTop() throws Exception {
        SentinelConfig c = yaml("masters:\n  m: {address: '[::1]:6379', quorum: 1}\n", "--port", "26390",
                "--sentinel", "down-after-milliseconds", "m", "700").config();
        assertEquals(26390, c.port());
        assertEquals(new Address("::1", 6379), c.master("m").address());
        assertEquals(700, c.master("m").downAfterMillis());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            port: 1;colour: blue                          | 2 | colour: unknown key
            port: abc                                     | 1 | port: expected an integer
            port: 1.5                                     | 1 | port: expected an integer
            port: 99999                                   | 1 | port: argument must be between 0 and 65535 inclusive
            protected-mode: 1                             | 1 | protected-mode: expected a boolean (true/false)
            dir: [a, b]                                   | 1 | dir: expected a string
            requirepass: !!java.net.URL http://x          | 1 | invalid YAML: Global tag is not allowed: tag:yaml.org,2002:java.net.URL
            requirepass: !local x                         | 1 | requirepass: unsupported tag !local
            bind: {a: 1}                                  | 1 | bind: expected a list
            masters: [m]                                  | 1 | masters: expected a mapping
            port: 1;port: 2                               | 2 | port: duplicate key
            masters:;  m:;    quorum: 2                   | 2 | masters.m: needs address (host:port) or host and port
            masters:;  m:;    address: h:1                | 2 | masters.m: needs quorum
            masters:;  m:;    address: h:1;    quorum: 0  | 2 | masters.m: Quorum must be 1 or greater.
            masters:;  m:;    address: h;    quorum: 1    | 3 | masters.m.address: expected host:port
            masters:;  m:;    address: h:1;    speed: 9   | 4 | masters.m.speed: unknown key
            masters:;  m:;    address: 10.0.0.1:1;    quorum: 1;    failover-timeout: 0 | 5 | masters.m.failover-timeout: negative or zero time parameter.
            masters:;  m:;    address: h:1;    quorum: 1;    known-sentinels: [{address: 'h:2'}] | 5 | masters.m.known-sentinels: needs address and runid
            myid: abc                                     | 1 | myid: Malformed Sentinel id in myid option.
            daemonize: yes                                | 1 | daemonize: daemonize yes is not supported: this sentinel always stays in the foreground (let the service manager run it in the background)
            port: [1                                      | 2 | invalid YAML: expected ',' or ']', but got <stream end>
            """)
    void errorsNameFileLineAndKey(String lines, int line, String reason) throws Exception {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, lines.replace(";", "\n") + "\n");
        ConfigException e = assertThrows(ConfigException.class, () -> new YamlConfigLoader(dir).load(f, List.of()));
        assertEquals(f + ":" + line + ": " + reason, e.getMessage());
    }
}
