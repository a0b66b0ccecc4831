package io.sentinel.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentinel.core.config.KnownSentinel;
import io.sentinel.core.config.MasterConfig;
import io.sentinel.core.config.SentinelConfig;
import io.sentinel.core.model.Address;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfRewriterTest {
    private static final String ID = "659c310de8f5e59816308a0835ed9841b55a7dbe";
    private static final String PEER = "0123456789abcdef0123456789abcdef01234567";
    @TempDir
    Path dir;

    private SentinelConfig parse(String text) throws Exception {
        Path f = dir.resolve("sentinel.conf");
        Files.writeString(f, text);
        return new ConfFileParser(dir).parse(f, List.of()).config();
    }

    @Test
    void keepsUserLinesUpdatesOwnedOnesInPlaceAndAppendsTheRest() throws Exception {
        String old = String.join("\n", "# my comment", "port 26379", "# monitor below",
                "sentinel down-after-milliseconds mymaster 5000", "sentinel monitor mymaster 127.0.0.1 6399 2",
                "sentinel failover-timeout mymaster 180000", "maxmemory 100mb", "loglevel notice",
                "sentinel known-slave mymaster 127.0.0.1 6400", "") ;
        SentinelConfig c = parse(old);
        MasterConfig m = c.master("mymaster");
        MasterConfig moved = new MasterConfig(m.name(), new Address("127.0.0.1", 6400), m.quorum(),
                m.downAfterMillis(), m.failoverTimeoutMillis(), m.parallelSyncs(), null, null, null, null, 0, Map.of(),
                List.of(new Address("127.0.0.1", 6399)), List.of(new KnownSentinel(new Address("127.0.0.1", 26380),
                PEER)), 1, 1, PEER);
        SentinelConfig next = c.withRuntime(ID, 1, List.of(moved));
        String expected = String.join("\n", "# my comment", "port 26379", "# monitor below",
                "sentinel down-after-milliseconds mymaster 5000", "sentinel monitor mymaster 127.0.0.1 6400 2",
                "", "maxmemory 100mb", "loglevel notice", "sentinel known-replica mymaster 127.0.0.1 6399",
                "", ConfRewriter.SIGNATURE, "dir \"" + dir + "\"", "protected-mode no", "sentinel myid " + ID,
                "sentinel config-epoch mymaster 1", "sentinel leader-epoch mymaster 1",
                "sentinel known-sentinel mymaster 127.0.0.1 26380 " + PEER, "sentinel current-epoch 1", "");
        assertEquals(expected, ConfRewriter.rewrite(old, next));
    }

    @Test
    void deletesLinesOfRemovedMastersAndCollapsesBlankLines() throws Exception {
        String old = "sentinel monitor a 127.0.0.1 6379 2\n\nsentinel down-after-milliseconds b 100\n\n"
                + "sentinel monitor b 127.0.0.1 6380 2\n\nport 26379\n";
        SentinelConfig c = parse(old);
        String out = ConfRewriter.rewrite(old, c.withMasters(List.of(c.master("a"))));
        assertFalse(out.contains(" b "), out);
        assertFalse(out.contains("\n\n\n"), out);
        assertTrue(out.startsWith("sentinel monitor a 127.0.0.1 6379 2\n\nport 26379\n"), out);
    }

    @Test
    void signatureIsWrittenOnce() throws Exception {
        String once = ConfRewriter.rewrite("port 1\n", SentinelConfig.defaults(dir.toString()).withRuntime(ID, 0,
                List.of()));
        SentinelConfig withMaster = parse(once).withMasters(List.of(MasterConfig.withDefaults("m",
                new Address("::1", 6379), 1)));
        String twice = ConfRewriter.rewrite(once, withMaster);
        assertEquals(1, twice.split(ConfRewriter.SIGNATURE, -1).length - 1, twice);
        assertTrue(twice.contains("sentinel monitor m ::1 6379 1\n"), twice);
    }

    @Test
    void roundTripsEverySetting() throws Exception {
        Path script = Files.createFile(dir.resolve("n.sh"));
        script.toFile().setExecutable(true);
        String text = String.join("\n", "port 26380", "bind 127.0.0.1 ::1", "logfile \"s.log\"",
                "protected-mode yes", "requirepass \"a b\"", "user alice on \">p w\" ~* +@all",
                "sentinel myid " + ID, "sentinel current-epoch 12", "sentinel announce-ip 10.0.0.9",
                "sentinel announce-port 26000", "sentinel resolve-hostnames yes", "sentinel announce-hostnames yes",
                "sentinel deny-scripts-reconfig no", "sentinel sentinel-user su", "sentinel sentinel-pass \"s p\"",
                "sentinel monitor \"my master\" 127.0.0.1 6379 2", "sentinel down-after-milliseconds \"my master\" 5",
                "sentinel failover-timeout \"my master\" 6", "sentinel parallel-syncs \"my master\" 0",
                "sentinel auth-pass \"my master\" \"x'y\\\"z\"", "sentinel auth-user \"my master\" bob",
                "sentinel notification-script \"my master\" n.sh", "sentinel client-reconfig-script \"my master\" n.sh",
                "sentinel master-reboot-down-after-period \"my master\" 7", "sentinel config-epoch \"my master\" 11",
                "sentinel leader-epoch \"my master\" 10", "sentinel known-replica \"my master\" 127.0.0.1 6380",
                "sentinel known-sentinel \"my master\" 127.0.0.1 26381 " + PEER,
                "sentinel rename-command \"my master\" CONFIG \"\"", "sentinel rename-command \"my master\" PING p",
                "sentinel monitor other ::1 6390 1", "");
        SentinelConfig c = parse(text);
        String rewritten = ConfRewriter.rewrite(text, c);
        assertEquals(c, parse(rewritten));
        assertEquals(c, parse(ConfRewriter.rewrite("", c)));
        assertEquals(rewritten, ConfRewriter.rewrite(rewritten, c));
    }

    @Test
    void keyGroupsSentinelLinesBySubcommand() {
        assertEquals("sentinel monitor", ConfRewriter.key("SENTINEL Monitor m h 1 2"));
        assertEquals("sentinel known-replica", ConfRewriter.key("sentinel known-slave m h 1"));
        assertEquals("sentinel master-reboot-down-after-period",
                ConfRewriter.key("sentinel primary-reboot-down-after-period m 5"));
        assertEquals("maxmemory", ConfRewriter.key("MAXMEMORY 1"));
        assertEquals(null, ConfRewriter.key("# sentinel monitor"));
    }

    @Test
    void valkeysRebootPeriodLineIsRewrittenIn70sNameInPlace() throws Exception {
        String text = String.join("\n", "sentinel monitor m 127.0.0.1 6379 2",
                "sentinel primary-reboot-down-after-period m 7", "# kept", "");
        SentinelConfig c = parse(text);
        assertEquals(7, c.master("m").masterRebootDownAfterPeriodMillis());
        String rewritten = ConfRewriter.rewrite(text, c);
        assertTrue(rewritten.contains("sentinel master-reboot-down-after-period m 7\n# kept"), rewritten);
        assertFalse(rewritten.contains("primary-reboot"), rewritten);
        assertEquals(c, parse(rewritten));
    }
}
