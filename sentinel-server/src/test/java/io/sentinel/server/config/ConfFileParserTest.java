package io.sentinel.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentinel.core.config.KnownSentinel;
import io.sentinel.core.config.MasterConfig;
import io.sentinel.core.config.SentinelConfig;
import io.sentinel.core.model.Address;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfFileParserTest {
    private static final String RUNID = "0123456789abcdef0123456789abcdef01234567";
    @TempDir
    Path dir;

    private LoadedConfig parse(String text, String... overrides) throws Exception {
        Path f = dir.resolve("sentinel.conf");
        Files.writeString(f, text);
        return new ConfFileParser(dir).parse(f, List.of(overrides));
    }

    private String failure(String text, String... overrides) throws Exception {
        Path f = dir.resolve("sentinel.conf");
        Files.writeString(f, text);
        return assertThrows(ConfigException.class, () -> new ConfFileParser(dir).parse(f, List.of(overrides)))
                .getMessage();
    }

    @Test
    void emptyFileGivesRedisDefaults() throws Exception {
        SentinelConfig c = parse("# nothing\n\n").config();
        assertEquals(SentinelConfig.defaults(dir.toString()), c);
    }

    @Test
    void globalDirectives() throws Exception {
        Files.createDirectory(dir.resolve("data"));
        SentinelConfig c = parse(String.join("\n", "port 26380", "bind 127.0.0.1 -::1", "dir data",
                "logfile sentinel.log", "daemonize no", "protected-mode yes", "requirepass \"top secret\"",
                "user alice on \">pass word\" ~* +@all", "user bob off",
                "sentinel myid " + RUNID.toUpperCase(), "sentinel current-epoch 7", "sentinel announce-ip 10.0.0.1",
                "sentinel announce-port 26999", "SENTINEL resolve-hostnames yes", "sentinel announce-hostnames yes",
                "sentinel deny-scripts-reconfig no", "sentinel sentinel-user su", "sentinel sentinel-pass sp", ""))
                .config();
        assertEquals(26380, c.port());
        assertEquals(List.of("127.0.0.1", "-::1"), c.bind());
        assertEquals(dir.resolve("data").toString(), c.dir());
        assertEquals(dir.resolve("data/sentinel.log").toString(), c.logfile());
        assertTrue(c.protectedMode());
        assertEquals("top secret", c.requirePass());
        assertEquals(List.of("alice on \">pass word\" ~* +@all", "bob off"), c.users());
        assertEquals(RUNID, c.myid());
        assertEquals(7, c.currentEpoch());
        assertEquals("10.0.0.1", c.announceIp());
        assertEquals(26999, c.announcePort());
        assertTrue(c.resolveHostnames());
        assertTrue(c.announceHostnames());
        assertFalse(c.denyScriptsReconfig());
        assertEquals("su", c.sentinelUser());
        assertEquals("sp", c.sentinelPass());
    }

    @Test
    void perMasterDirectives() throws Exception {
        Path script = Files.createFile(dir.resolve("notify.sh"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        SentinelConfig c = parse(String.join("\n",
                "sentinel monitor mymaster 127.0.0.1 6379 2",
                "sentinel down-after-milliseconds mymaster 5000",
                "sentinel failover-timeout mymaster 60000",
                "sentinel parallel-syncs mymaster 3",
                "sentinel auth-pass mymaster \"p w\"",
                "sentinel auth-user mymaster bob",
                "sentinel notification-script mymaster notify.sh",
                "sentinel client-reconfig-script mymaster " + script,
                "sentinel master-reboot-down-after-period mymaster 1000",
                "sentinel rename-command mymaster config GUESSME",
                "sentinel rename-command mymaster FLUSHALL \"\"",
                "sentinel known-replica mymaster 127.0.0.1 6380",
                "sentinel known-slave mymaster 127.0.0.1 6381",
                "sentinel known-sentinel mymaster 127.0.0.1 26380 " + RUNID,
                "sentinel known-sentinel mymaster 127.0.0.1 26381",
                "sentinel config-epoch mymaster 9",
                "sentinel leader-epoch mymaster 8",
                "sentinel current-epoch 3")).config();
        MasterConfig m = c.master("mymaster");
        assertEquals(new MasterConfig("mymaster", new Address("127.0.0.1", 6379), 2, 5000, 60000, 3, "bob", "p w",
                script.toString(), script.toString(), 1000, Map.of("CONFIG", "GUESSME", "FLUSHALL", ""),
                List.of(new Address("127.0.0.1", 6380), new Address("127.0.0.1", 6381)),
                List.of(new KnownSentinel(new Address("127.0.0.1", 26380), RUNID)), 9, 8, null), m);
        // Redis raises current-epoch to the highest config-epoch it reads
        assertEquals(9, c.currentEpoch());
    }

    /** SENTINEL SET takes any positive long, and what it writes must load (CommandDispatchFuzzTest found this). */
    @Test
    void largestLongTimesLoad() throws Exception {
        MasterConfig m = parse(String.join("\n", "sentinel monitor m 127.0.0.1 6379 2",
                "sentinel down-after-milliseconds m 9223372036854775807",
                "sentinel failover-timeout m 1000000000000000000")).config().master("m");
        assertEquals(Long.MAX_VALUE, m.downAfterMillis());
        assertEquals(1_000_000_000_000_000_000L, m.failoverTimeoutMillis());
    }

    @Test
    void masterSettingMayPrecedeItsMonitorLine() throws Exception {
        SentinelConfig c = parse("sentinel down-after-milliseconds b 100\nsentinel monitor a 127.0.0.1 6379 1\n"
                + "sentinel monitor b 127.0.0.1 6380 2\n").config();
        assertEquals(List.of("a", "b"), c.masters().stream().map(MasterConfig::name).toList());
        assertEquals(100, c.master("b").downAfterMillis());
        assertEquals(MasterConfig.DEFAULT_DOWN_AFTER_MILLIS, c.master("a").downAfterMillis());
    }

    @Test
    void namesNeedResolveHostnamesAnywhereInTheFileAndMayNotResolveYet() throws Exception {
        SentinelConfig c = parse("sentinel monitor m redis-0.redis.invalid 6379 2\n"
                + "sentinel known-replica m redis-1.redis.invalid 6379\nsentinel resolve-hostnames yes\n").config();
        assertEquals(new Address("redis-0.redis.invalid", 6379), c.masters().get(0).address());
        assertEquals(List.of(new Address("redis-1.redis.invalid", 6379)), c.masters().get(0).knownReplicas());
    }

    @Test
    void serverDirectivesWarnOnceEach() throws Exception {
        LoadedConfig l = parse("maxmemory 100mb\nsave \"\"\nappendonly no\nacllog-max-len 128\nloglevel verbose\n"
                + "pidfile /run/s.pid\ntls-cluster no\nslaveof 127.0.0.1 6379\nhz 10\n");
        assertEquals(6, l.warnings().size(), "acllog-max-len is obeyed: no warning");
        assertTrue(l.warnings().get(0).startsWith(dir.resolve("sentinel.conf") + ":1: 'maxmemory'"), l.warnings().get(0));
        assertEquals(Map.of("loglevel", "verbose", "pidfile", "/run/s.pid", "acllog-max-len", "128"),
                l.serverSettings());
        assertTrue(ServerDirectives.size() > 180);
    }

    @Test
    void valkeysPrimaryRebootDownAfterPeriodIsTheSameSetting() throws Exception {
        SentinelConfig c = parse("sentinel PRIMARY-reboot-down-after-period m 1500\n"
                + "sentinel monitor m 127.0.0.1 6379 2\n").config();
        assertEquals(1500, c.master("m").masterRebootDownAfterPeriodMillis());
        // Valkey's texts, which are 7.0's
        assertTrue(failure("sentinel monitor m 127.0.0.1 6379 2\nsentinel primary-reboot-down-after-period m -1\n")
                .contains(":2: negative time parameter."));
        assertTrue(failure("sentinel primary-reboot-down-after-period x 1\n")
                .contains(":1: No such master with specified name."));
    }

    @Test
    void aclfileAndSyslogAreObeyedWithRedisChecks() throws Exception {
        LoadedConfig l = parse("aclfile users.acl\nsyslog-enabled YES\nsyslog-ident redis-s\nsyslog-facility LOCAL3\n");
        assertEquals(List.of(), l.warnings());
        assertEquals(Map.of("aclfile", "users.acl", "syslog-enabled", "yes", "syslog-ident", "redis-s",
                "syslog-facility", "local3"), l.serverSettings());
        // redis-sentinel 7.0.15's texts
        assertTrue(failure("syslog-facility local9\n").contains(":1: argument(s) must be one of the following: user,"
                + " local0, local1, local2, local3, local4, local5, local6, local7"));
        assertTrue(failure("syslog-enabled maybe\n").contains(":1: argument must be 'yes' or 'no'"));
        assertTrue(failure("syslog-ident\n").contains(":1: wrong number of arguments"));
    }

    @Test
    void includeReadsAnotherFile() throws Exception {
        Files.writeString(dir.resolve("masters.conf"), "sentinel monitor m 127.0.0.1 6379 2\n");
        LoadedConfig l = parse("port 1234\ninclude masters.conf\n");
        assertEquals(List.of(dir.resolve("masters.conf")), l.includes());
        assertEquals(2, l.config().master("m").quorum());
        assertTrue(failure("include nope.conf\n").contains("sentinel.conf:1: Fatal error, can't open config file"));
    }

    @Test
    void overridesComeAfterTheFile() throws Exception {
        SentinelConfig c = parse("port 1\nsentinel monitor m 127.0.0.1 6379 2\n", "--port", "26380", "--sentinel",
                "--sentinel", "down-after-milliseconds", "m", "5000", "--sentinel", "monitor", "n", "::1", "6390",
                "1", "--requirepass", "a b").config();
        assertEquals(26380, c.port());
        assertEquals(5000, c.master("m").downAfterMillis());
        assertEquals(new Address("::1", 6390), c.master("n").address());
        assertEquals("a b", c.requirePass());
    }

    @Test
    void overrideParsingFollowsRedis() throws Exception {
        assertEquals(List.of(List.of("port", "6380")), args(ConfFileParser.parseOverrides(List.of("--port 6380"))));
        // a value right after a bare option may start with "--"
        assertEquals(List.of(List.of("requirepass", "--x"), List.of("port", "1")),
                args(ConfFileParser.parseOverrides(List.of("--requirepass", "--x", "--port", "1"))));
        assertEquals(List.of(List.of("save", ""), List.of("port", "1"), List.of("save", "")),
                args(ConfFileParser.parseOverrides(List.of("--save", "--port", "1", "--save"))));
        assertEquals(List.of(List.of("sentinel")), args(ConfFileParser.parseOverrides(List.of("--sentinel"))));
    }

    private static List<List<String>> args(List<ConfLine> lines) {
        return lines.stream().map(ConfLine::args).toList();
    }

    @Test
    void overrideErrorsNameTheCommandLine() throws Exception {
        assertEquals("(command line):2: Quorum must be 1 or greater. >>> 'sentinel \"monitor\" \"m\" \"h\" \"1\" \"0\"'",
                failure("", "--port", "1", "--sentinel", "monitor", "m", "h", "1", "0"));
        assertTrue(failure("", "--nope", "1").startsWith("(command line):1: Bad directive"));
    }

    @Test
    void daemonizeYesIsRefused() throws Exception {
        assertTrue(failure("\ndaemonize yes\n").contains("sentinel.conf:2: daemonize yes is not supported"));
        assertTrue(failure("daemonize maybe\n").contains(":1: argument must be 'yes' or 'no'"));
    }

    @Test
    void scriptsMustBeExecutable() throws Exception {
        Files.writeString(dir.resolve("plain.sh"), "#!/bin/sh\n");
        String m = failure("sentinel monitor m 127.0.0.1 6379 2\nsentinel notification-script m plain.sh\n");
        assertTrue(m.contains(":2: Notification script seems non existing or non executable."), m);
        m = failure("sentinel monitor m 127.0.0.1 6379 2\nsentinel client-reconfig-script m nope.sh\n");
        assertTrue(m.contains(":2: Client reconfiguration script seems non existing or non executable."), m);
    }

    @Test
    void leaderVoteOnlyInStateFiles() throws Exception {
        String m = failure("sentinel monitor m 127.0.0.1 6379 2\nsentinel leader-vote m 3 " + RUNID + "\n");
        assertTrue(m.contains(":2: Unrecognized sentinel configuration statement."), m);
    }

    @Test
    void myidAndCurrentEpochMayBeAbsent() throws Exception {
        SentinelConfig c = parse("sentinel monitor m 127.0.0.1 6379 2\n").config();
        assertNull(c.myid());
        assertEquals(0, c.currentEpoch());
    }
}
