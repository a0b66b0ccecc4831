package io.sentinel.server.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentinel.server.it.Await;
import io.sentinel.server.it.ProcessScope;
import io.sentinel.server.it.RealSentinelProcess;
import io.sentinel.server.it.RedisProcess;
import io.sentinel.server.it.SentinelConf;
import io.sentinel.server.it.SentinelProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * ACL users on our sentinel and on Debian's redis-sentinel 7.0, started from the same sentinel.conf and asked the
 * same things live: the application user's rights and refusals, the ACL subcommands' replies and errors, DELUSER
 * closing connections; and, ours only, a runtime user surviving a restart.
 */
class AclIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** The application client: read the master's address and the sentinels, follow +switch-master. */
    static final String APP = "app on >apppw -@all +sentinel|get-master-addr-by-name +sentinel|sentinels"
            + " +subscribe &+switch-master";
    /**
     * redis_exporter against a sentinel, as its source sends (scrapeRedisHost, extractSentinelMetrics): PING, CLIENT
     * SETNAME, CONFIG GET * (no such command here), INFO ALL, SENTINEL MASTERS, and per master CKQUORUM, SENTINELS
     * and SLAVES. Not SENTINEL CONFIG GET (--include-config-metrics): ACL cannot grant GET without SET.
     */
    static final String EXPORTER = "exporter on >exppw -@all +ping +client|setname +info +sentinel|masters"
            + " +sentinel|ckquorum +sentinel|sentinels +sentinel|slaves +sentinel|replicas";
    @RegisterExtension
    final ProcessScope processes = new ProcessScope();
    /** Peer sentinels (sentinel-user): CLIENT SETNAME and PING on connect, hellos, and votes when a master is down. */
    static final String PEER = "peer on >peerpw -@all +ping +client|setname +publish &__sentinel__:hello"
            + " +sentinel|is-master-down-by-addr";
    /** What redis-sentinel calls the master ours calls mymaster. */
    private static final String REAL_MASTER = "realmaster";
    private static RedisProcess master;
    private static SentinelProcess ours;
    private static SentinelProcess real;

    @BeforeAll
    static void start() {
        master = RedisProcess.master();
        ours = new SentinelProcess(conf("mymaster"));
        real = new RealSentinelProcess(conf(REAL_MASTER));
    }

    /** Each its own master name: hellos for another name are ignored, so the two never become peers. */
    private static SentinelConf conf(String masterName) {
        return new SentinelConf().line("user " + APP).line("user " + EXPORTER).line("user ops on >opspw +@all")
                .monitor(masterName, master.address(), 1);
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable p : new AutoCloseable[] {ours, real, master}) {
            try {
                if (p != null) p.close();
            } catch (Exception e) {
                e.printStackTrace();
            }
        }
    }

    /** Each request's reply from both, as canonical text, on one connection each, after {@code login}. */
    private static void assertSameReplies(List<String> login, List<String> requests) throws IOException {
        try (RawRespClient o = new RawRespClient(ours.port()); RawRespClient r = new RawRespClient(real.port())) {
            for (String req : concat(login, requests)) {
                String[] args = req.split(" ");
                assertEquals(canonical(r.call(req.replace("mymaster", REAL_MASTER).split(" "))),
                        canonical(o.call(args)), req);
            }
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** Rules words sorted: Redis lists single-command rules in hash-table order, seeded at random per process. */
    static String canonical(String reply) {
        Matcher m = Pattern.compile("\\$([^,\\]\\[]*)").matcher(reply);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String[] words = m.group(1).split(" ");
            Arrays.sort(words);
            m.appendReplacement(sb, Matcher.quoteReplacement("$" + String.join(" ", words)));
        }
        return m.appendTail(sb).toString();
    }

    @Test
    void applicationUserCanReadAndFollowButNotRedirect() throws IOException {
        assertSameReplies(List.of("AUTH app apppw"), List.of(
                "SENTINEL get-master-addr-by-name mymaster", "SENTINEL sentinels mymaster",
                "SENTINEL set mymaster quorum 2", "SENTINEL monitor evil 127.0.0.1 6666 1",
                "SENTINEL failover mymaster", "SENTINEL remove mymaster", "SENTINEL reset *",
                "SENTINEL config set announce-ip 10.0.0.1", "SENTINEL masters", "PUBLISH __sentinel__:hello x",
                "PSUBSCRIBE *", "PING", "INFO", "ACL WHOAMI", "ACL SETUSER app +@all", "CLIENT LIST",
                "SENTINEL flushconfig", "SHUTDOWN", "SUBSCRIBE +switch-master +sdown",
                "SUBSCRIBE +switch-master", "PING", "UNSUBSCRIBE"));
        assertEquals(master.port(), ours.masterAddress("mymaster").port(), "nothing was redirected");
    }

    @Test
    void exporterAndOperatorUsers() throws IOException {
        assertSameReplies(List.of("AUTH exporter exppw"), List.of("PING", "CLIENT SETNAME redis_exporter",
                "CONFIG GET *", "SENTINEL ckquorum mymaster", "SENTINEL sentinels mymaster",
                "SENTINEL slaves mymaster", "SENTINEL replicas mymaster", "SENTINEL config get *",
                "SENTINEL set mymaster quorum 2", "SENTINEL failover mymaster", "ACL LIST",
                "PUBLISH __sentinel__:hello x"));
        for (SentinelProcess s : List.of(ours, real)) {
            try (RawRespClient c = new RawRespClient(s.port())) {
                c.call("AUTH", "exporter", "exppw");
                for (String[] request : List.of(new String[] {"INFO", "ALL"}, new String[] {"SENTINEL", "MASTERS"})) {
                    assertTrue(!c.call(request).startsWith("-"), s + " " + String.join(" ", request));
                }
            }
        }
        assertSameReplies(List.of("AUTH ops opspw"), List.of("SENTINEL set mymaster quorum 1",
                "SENTINEL ckquorum mymaster", "ACL WHOAMI", "PUBLISH foo x", "SUBSCRIBE foo"));
    }

    @Test
    void aclSubcommandsAnswerAsRedisSentinel() throws IOException {
        assertSameReplies(List.of("HELLO 3"), List.of(
                "ACL SETUSER tmp on >t -@all +@pubsub -publish +sentinel|masters +acl -acl|setuser &chan*",
                "ACL SETUSER tmp +sentinel -sentinel|set ~k %R~r", "ACL GETUSER tmp", "ACL GETUSER app",
                "ACL GETUSER default", "ACL GETUSER nobody", "ACL USERS", "ACL LIST", "ACL WHOAMI",
                "ACL SETUSER tmp2 reset", "ACL SETUSER tmp3 +@all -@admin skip-sanitize-payload allchannels",
                "ACL LIST", "ACL SETUSER bad +get", "ACL SETUSER bad +sentinel|foo", "ACL SETUSER bad #zz",
                "ACL SETUSER bad !0000000000000000000000000000000000000000000000000000000000000000",
                "ACL SETUSER bad bogus", "ACL SETUSER bad +sentinel|masters|x", "ACL SETUSER bad allkeys ~x",
                "ACL SETUSER bad &* &x", "ACL SETUSER bad +ping|", "ACL SETUSER", "ACL USERS",
                "ACL CAT", "ACL CAT admin", "ACL CAT pubsub", "ACL CAT connection", "ACL CAT keyspace",
                "ACL CAT nope", "ACL CAT a b",
                "ACL DRYRUN app sentinel set mymaster quorum 1", "ACL DRYRUN app sentinel get-master-addr-by-name m",
                "ACL DRYRUN app subscribe +switch-master", "ACL DRYRUN app subscribe foo", "ACL DRYRUN tmp publish x y",
                "ACL DRYRUN tmp subscribe chanel", "ACL DRYRUN tmp psubscribe chan*", "ACL DRYRUN nobody ping",
                "ACL DRYRUN app nocmd", "ACL DRYRUN app sentinel", "ACL DRYRUN app sentinel nosub",
                "ACL GENPASS 0", "ACL GENPASS x", "ACL GENPASS 5000", "ACL GENPASS 1 2", "ACL LOG x", "ACL LOG -1",
                "ACL LOG 1 2", "ACL LOAD", "ACL SAVE", "ACL HELP", "ACL DELUSER default", "ACL DELUSER",
                "ACL DELUSER tmp tmp2 tmp3 nobody", "ACL USERS"));
    }

    @Test
    void applicationUserFollowsAFailoverTheOperatorStarts() throws Exception {
        RedisProcess oldMaster = processes.add(RedisProcess.master());
        RedisProcess replica = processes.add(RedisProcess.replicaOf(oldMaster));
        SentinelProcess s = processes.add(new SentinelProcess(new SentinelConf().line("user " + APP)
                .line("user ops on >opspw +@all").monitor("m2", oldMaster.address(), 1).failoverTimeoutMillis(6000)));
        try (RawRespClient app = new RawRespClient(s.port()); RawRespClient ops = new RawRespClient(s.port())) {
            app.call("AUTH", "app", "apppw");
            assertEquals("*[$+switch-master,$subscribe,:1]", app.call("SUBSCRIBE", "+switch-master"));
            ops.call("AUTH", "ops", "opspw");
            Await.until(WAIT, "SENTINEL FAILOVER accepted once the replica is known",
                    () -> ops.call("SENTINEL", "failover", "m2").equals("+OK"), s::describe);
            Await.until(WAIT, "+switch-master pushed to the application user",
                    () -> receivesSwitch(app, replica.port()), s::describe);
        }
        try (RawRespClient app = new RawRespClient(s.port())) {
            app.call("AUTH", "app", "apppw");
            String address = app.call("SENTINEL", "get-master-addr-by-name", "m2");
            assertTrue(address.contains("$" + replica.port()), address);
        }
    }

    @Test
    void peerSentinelsNeedOnlyHellosAndVotes() throws Exception {
        RedisProcess oldMaster = processes.add(RedisProcess.master());
        RedisProcess replica = processes.add(RedisProcess.replicaOf(oldMaster));
        SentinelConf conf = new SentinelConf().line("user " + PEER).line("sentinel sentinel-user peer")
                .line("sentinel sentinel-pass peerpw").monitor("m3", oldMaster.address(), 2)
                .downAfterMillis(1000).failoverTimeoutMillis(6000);
        List<SentinelProcess> both = List.of(processes.add(new SentinelProcess(conf)),
                processes.add(new RealSentinelProcess(conf)));
        for (SentinelProcess s : both) {
            Await.until(WAIT, s + " sees its peer", () -> s.jedis().sentinelSentinels("m3").size() == 1, s::describe);
        }
        oldMaster.sigkill();
        for (SentinelProcess s : both) {
            Await.until(WAIT, s + " follows the failover", () -> replica.address().equals(s.masterAddress("m3")),
                    s::describe);
        }
        for (SentinelProcess s : both) {
            try (RawRespClient c = new RawRespClient(s.port())) {
                assertEquals("*[]", c.call("ACL", "LOG"), s + " refused something a peer sent");
            }
        }
    }

    private static boolean receivesSwitch(RawRespClient c, int newPort) throws IOException {
        try {
            String message = c.receive();
            return message.contains("+switch-master") && message.contains(" " + newPort);
        } catch (java.net.SocketTimeoutException e) {
            return false;
        }
    }

    @Test
    void genpassAndLogHaveRedisShapes() throws IOException {
        for (SentinelProcess s : List.of(ours, real)) {
            try (RawRespClient c = new RawRespClient(s.port())) {
                assertTrue(c.call("ACL", "GENPASS").matches("\\$[0-9a-f]{64}"), s.toString());
                assertTrue(c.call("ACL", "GENPASS", "5").matches("\\$[0-9a-f]{2}"), s.toString());
                c.call("ACL", "LOG", "RESET");
            }
        }
        List<String> refused = List.of("AUTH app apppw", "PING", "PING", "SENTINEL set mymaster quorum 2",
                "SUBSCRIBE nope", "AUTH app wrong");
        assertSameReplies(List.of(), refused);
        List<String> expected = logEntries(real);
        assertEquals(4, expected.size(), "auth, channel, sentinel|set, ping twice: " + expected);
        assertEquals(expected, logEntries(ours));
    }

    /** Each ACL LOG entry's count, reason, context, object and user (not its age or client line). */
    private static List<String> logEntries(SentinelProcess s) throws IOException {
        try (RawRespClient c = new RawRespClient(s.port())) {
            c.call("HELLO", "3");
            Matcher m = Pattern.compile("%\\[\\$age-seconds=>[^$]*\\$client-info=>[^,]*,(\\$context=>[^,]*,"
                    + "\\$count=>[^,]*,\\$object=>[^,]*,\\$reason=>[^,]*,\\$username=>[^,\\]]*)]")
                    .matcher(c.call("ACL", "LOG"));
            List<String> out = new ArrayList<>();
            while (m.find()) out.add(m.group(1));
            Collections.sort(out); // the canonical reply sorted them by age already; AclCommandsTest checks the order
            return out;
        }
    }

    @Test
    void setUserChangesOpenConnectionsAndDelUserClosesThem() throws IOException {
        for (SentinelProcess s : List.of(ours, real)) {
            try (RawRespClient admin = new RawRespClient(s.port()); RawRespClient gone = new RawRespClient(s.port());
                 RawRespClient stays = new RawRespClient(s.port())) {
                assertEquals("+OK", admin.call("ACL", "SETUSER", "gone", "on", ">g", "+@all"));
                assertEquals("+OK", gone.call("AUTH", "gone", "g"));
                assertEquals("+OK", stays.call("AUTH", "ops", "opspw"));
                assertEquals("+OK", admin.call("ACL", "SETUSER", "gone", "-ping"));
                assertEquals("-NOPERM this user has no permissions to run the 'ping' command", gone.call("PING"),
                        s + ": a change applies to open connections, which stay open");
                assertEquals(":1", admin.call("ACL", "DELUSER", "gone"));
                assertThrows(IOException.class, () -> gone.call("PING"), s + ": connection of a deleted user");
                assertEquals("+PONG", stays.call("PING"), s.toString());
                assertTrue(admin.call("AUTH", "gone", "g").startsWith("-WRONGPASS"), s.toString());
            }
        }
    }

    @Test
    void runtimeUserSurvivesRestart() throws IOException {
        try (RawRespClient admin = new RawRespClient(ours.port())) {
            assertEquals("+OK", admin.call("ACL", "SETUSER", "keeper", "on", ">kp", "-@all", "+ping", "&x"));
        }
        Await.until(WAIT, "user keeper in sentinel.conf",
                () -> Files.readString(ours.confFile()).contains("\nuser keeper on #"), ours::describe);
        ours.restart();
        // redis-sentinel too, so both describe the default user as re-read from a rewritten file (sanitize-payload);
        // it keeps runtime users only if some other change made it rewrite its file meanwhile
        real.restart();
        try (RawRespClient c = new RawRespClient(ours.port())) {
            assertEquals("+OK", c.call("AUTH", "keeper", "kp"));
            assertEquals("+PONG", c.call("PING"));
            assertEquals("-NOPERM this user has no permissions to run the 'sentinel|masters' command",
                    c.call("SENTINEL", "masters"));
        }
        try (RawRespClient admin = new RawRespClient(ours.port())) {
            assertEquals(":1", admin.call("ACL", "DELUSER", "keeper"));
        }
        Await.until(WAIT, "user keeper gone from sentinel.conf",
                () -> !Files.readString(ours.confFile()).contains("user keeper"), ours::describe);
    }
}
