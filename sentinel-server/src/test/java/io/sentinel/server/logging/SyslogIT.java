package io.sentinel.server.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentinel.server.it.Ports;
import io.sentinel.server.it.ProcessScope;
import io.sentinel.server.it.SentinelConf;
import io.sentinel.server.it.SentinelProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * {@code syslog-enabled yes} on a real sentinel process: its lines arrive on a syslog socket of the test's own (the
 * {@code sentinel.syslog.socket} property; never /dev/log) as glibc sends them for redis-sentinel, and the log file
 * keeps them too.
 */
class SyslogIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** {@code <PRI>Mmm dd HH:mm:ss ident[pid]: message}. */
    private static final Pattern LINE = Pattern.compile("<(\\d+)>[A-Z][a-z]{2} [ 123]\\d \\d\\d:\\d\\d:\\d\\d"
            + " ([^\\[ ]+)\\[(\\d+)\\]: (.*)", Pattern.DOTALL);

    @RegisterExtension
    final ProcessScope processes = new ProcessScope();
    @TempDir
    Path dir;

    @Test
    void linesGoToSyslogWithIdentFacilityLevelAndPid() throws Exception {
        try (SyslogReceiver r = new SyslogReceiver(dir.resolve("log"))) {
            SentinelProcess s = processes.add(new SentinelProcess(new SentinelConf().line("syslog-enabled yes")
                    .line("syslog-ident sntl").line("syslog-facility local3").line("logfile sentinel-own.log")
                    .jvmFlag("-D" + Syslog.SOCKET_PROPERTY + "=" + r.path)));
            String id;
            try (Jedis j = s.jedis()) {
                id = j.sentinelMyId();
                assertEquals("OK", j.sentinelMonitor("m2", "127.0.0.1", 1, 1));
            }
            Matcher started = parse(r.await(d -> d.endsWith("Sentinel ID is " + id), WAIT));
            assertEquals(19, Integer.parseInt(started.group(1)) >> 3, "local3");
            assertEquals("sntl", started.group(2));
            assertEquals(s.pid(), Long.parseLong(started.group(3)));
            Matcher monitor = parse(r.await(d -> d.contains("+monitor master m2 "), WAIT));
            assertEquals(152 | 4, Integer.parseInt(monitor.group(1)), "local3, warning, as redis-sentinel logs +monitor");
            assertEquals("+monitor master m2 127.0.0.1 1 quorum 1", monitor.group(4));
            String logfile = Files.readString(s.dir().resolve("sentinel-own.log"));
            assertTrue(logfile.contains(" # +monitor master m2 127.0.0.1 1 quorum 1\n"), logfile);
        }
    }

    private static Matcher parse(String datagram) {
        Matcher m = LINE.matcher(datagram);
        assertTrue(m.matches(), datagram);
        return m;
    }

    /**
     * redis-sentinel's own datagrams, side by side: it sends to /dev/log through glibc, so it runs in a private mount
     * namespace ({@code unshare -m}, root only) whose /dev is a tmpfs with null, zero, urandom and random bound from
     * the real one and our socket bound on log; the real /dev/log is never touched. Skipped where unshare cannot.
     */
    @Test
    void theSameEventReadsTheSameAsRedisSentinels() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/redis-sentinel")), "no redis-sentinel");
        Assumptions.assumeTrue(new ProcessBuilder("unshare", "-m", "true").start().waitFor() == 0,
                "unshare -m not permitted here");
        Files.createDirectory(dir.resolve("realdev"));
        int port = Ports.free();
        Path conf = dir.resolve("real.conf");
        Files.writeString(conf, "port " + port + "\nbind 127.0.0.1\ndir " + dir + "\nlogfile real.log\n"
                + "syslog-enabled yes\nsyslog-ident sntl\nsyslog-facility local3\n");
        String script = "mount --bind /dev " + dir.resolve("realdev") + " && mount -t tmpfs tmpfs /dev"
                + " && for f in null zero urandom random; do touch /dev/$f; mount --bind " + dir.resolve("realdev")
                + "/$f /dev/$f; done && touch /dev/log && mount --bind " + dir.resolve("log")
                + " /dev/log && exec redis-sentinel " + conf;
        try (SyslogReceiver r = new SyslogReceiver(dir.resolve("log"))) {
            Process real = new ProcessBuilder("unshare", "-m", "sh", "-c", script).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("unshare.out").toFile()).start();
            try {
                String started = r.await(d -> d.contains("sntl[") && d.contains("Sentinel ID is"), WAIT);
                try (Jedis j = new Jedis("127.0.0.1", port)) {
                    assertEquals("OK", j.sentinelMonitor("m2", "127.0.0.1", 1, 1));
                }
                Matcher monitor = parse(r.await(d -> d.contains("+monitor master m2 "), WAIT));
                assertEquals(152 | 4, Integer.parseInt(monitor.group(1)), started);
                assertEquals("sntl", monitor.group(2));
                assertEquals(real.pid(), Long.parseLong(monitor.group(3)), "exec'd: its pid is the process's");
                assertEquals("+monitor master m2 127.0.0.1 1 quorum 1", monitor.group(4));
            } finally {
                real.destroy();
                real.waitFor();
            }
        }
    }
}
