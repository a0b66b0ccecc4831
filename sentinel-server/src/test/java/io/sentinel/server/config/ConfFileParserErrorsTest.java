package io.sentinel.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every error names file and line, with Redis's reason and the offending line. */
class ConfFileParserErrorsTest {
    private static final String M = "sentinel monitor m 127.0.0.1 6379 2";
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            port 1;sentinel down-after-milliseconds nomaster 5000   | 2 | No such master with specified name.
            sentinel monitor m 127.0.0.1 6379 0                     | 1 | Quorum must be 1 or greater.
            sentinel monitor m 127.0.0.1 6379 x                     | 1 | Quorum must be 1 or greater.
            sentinel monitor m 127.0.0.1 "6379                      | 1 | Unbalanced quotes in configuration line
            foobar 1                                                | 1 | Bad directive or wrong number of arguments
            sentinel myid abc                                       | 1 | Malformed Sentinel id in myid option.
            sentinel monitor m 127.0.0.1 70000 2                    | 1 | Invalid port number.
            M;M                                                     | 2 | Duplicate master name.
            M;sentinel down-after-milliseconds m abc                | 2 | negative or zero time parameter.
            M;sentinel failover-timeout m 0                         | 2 | negative or zero time parameter.
            M;sentinel failover-timeout m 9223372036854775808       | 2 | negative or zero time parameter.
            M;sentinel master-reboot-down-after-period m -1         | 2 | negative time parameter.
            M;sentinel parallel-syncs m -1                          | 2 | Invalid parallel-syncs value.
            M;sentinel config-epoch m -1                            | 2 | Invalid epoch.
            sentinel current-epoch x                                | 1 | Invalid epoch.
            sentinel foo bar                                        | 1 | Unrecognized sentinel configuration statement.
            sentinel monitor m 127.0.0.1 6379                       | 1 | Unrecognized sentinel configuration statement.
            M;sentinel parallel-syncs m                             | 2 | Unrecognized sentinel configuration statement.
            port 99999                                              | 1 | argument must be between 0 and 65535 inclusive
            port abc                                                | 1 | argument couldn't be parsed into an integer
            port                                                    | 1 | wrong number of arguments
            protected-mode maybe                                    | 1 | argument must be 'yes' or 'no'
            dir /nonexistent/x                                      | 1 | No such file or directory
            M;sentinel known-replica m 1.2.3.4 1;sentinel known-replica m 1.2.3.4 1 | 3 | Duplicate hostname and port for replica.
            M;sentinel rename-command m config a;sentinel rename-command m CONFIG b | 3 | Same command renamed multiple times with rename-command.
            sentinel deny-scripts-reconfig maybe                    | 1 | Please specify yes or no for the deny-scripts-reconfig options.
            sentinel resolve-hostnames maybe                        | 1 | Please specify yes or no for the resolve-hostnames option.
            sentinel monitor m redis-1.test 6379 2                  | 1 | Can't resolve instance hostname.
            sentinel announce-ip 0.0.0.0                            | 1 | announce-ip 0.0.0.0 is a wildcard address: peers and clients cannot connect to it. Announce this sentinel's own IP or host name.
            bind 10.0.0.5 -10.0.0.6;sentinel announce-ip 127.0.0.1  | 2 | announce-ip 127.0.0.1 is a loopback address, but the sentinel binds only 10.0.0.5 -10.0.0.6: peers on other hosts cannot reach it.
            M;sentinel known-replica m redis-2.test 6379            | 2 | Can't resolve instance hostname.
            sentinel announce-hostnames maybe                       | 1 | Please specify yes or no for the announce-hostnames option.
            sentinel announce-port 77777                            | 1 | Invalid port number.
            loglevel loud                                           | 1 | argument(s) must be one of the following: debug, verbose, notice, warning
            log-format xml                                          | 1 | unknown log format 'xml' (expected redis or json)
            user app on;user app off                                | 2 | Error in user declaration 'app': Duplicate user found. A user can only be defined once in config files
            metrics-port 70000                                      | 1 | metrics-port must be a port number, 0 (any free port) or -1 (no HTTP listener)
            """)
    void reportsFileLineAndReason(String lines, int lineNumber, String reason) throws Exception {
        String text = lines.replace("M", M).replace(";", "\n");
        Path f = dir.resolve("s.conf");
        Files.writeString(f, "\n" + text + "\n");
        String bad = text.split("\n")[lineNumber - 1].strip();
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfFileParser(dir).parse(f, List.of()));
        assertEquals(f + ":" + (lineNumber + 1) + ": " + reason + " >>> '" + bad + "'", e.getMessage());
    }

    /**
     * Fuzzing: a NUL byte inside quotes stays in the argument, and a path with one escaped as an
     * InvalidPathException, which stopped the daemon instead of naming the line.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            logfile "a\\x00b"
            dir "a\\x00b"
            include "a\\x00b"
            M;sentinel notification-script m "a\\x00b"
            tls-cert-file "a\\x00b"
            aclfile "a\\x00b"
            pidfile "a\\x00b"
            unixsocket "a\\x00b"
            """)
    void aPathWithANulByteIsTheLinesError(String lines) throws Exception {
        String text = lines.replace("M", M).replace(";", "\n");
        Path f = dir.resolve("s.conf");
        Files.writeString(f, text + "\n");
        int line = (int) text.lines().count();
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfFileParser(dir).parse(f, List.of()));
        assertTrue(e.getMessage().startsWith(f + ":" + line + ": Invalid path: Nul character not allowed >>> '"),
                e.getMessage());
    }

    /** A source address that does not resolve is its line's error (the resolver's reason varies by machine). */
    @Test
    void anUnresolvableSourceAddressIsTheLinesError() throws Exception {
        Path f = dir.resolve("s.conf");
        Files.writeString(f, "bind-source-addr nosuch.invalid\n");
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfFileParser(dir).parse(f, List.of()));
        assertTrue(e.getMessage().startsWith(f + ":1: Can't resolve bind-source-addr: "), e.getMessage());
    }
}
