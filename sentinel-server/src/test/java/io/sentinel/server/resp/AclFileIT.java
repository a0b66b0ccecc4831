package io.sentinel.server.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentinel.server.it.Await;
import io.sentinel.server.it.ProcessScope;
import io.sentinel.server.it.RealSentinelProcess;
import io.sentinel.server.it.SentinelConf;
import io.sentinel.server.it.SentinelProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aclfile} on our sentinel and on Debian's redis-sentinel 7.0, side by side: users loaded at start, ACL LOAD
 * (all or nothing, the same error text for a bad file), ACL SAVE (the same file), ACL LIST; where ACL SETUSER is
 * persisted (nowhere: not sentinel.conf, not the file); and the start-ups both refuse.
 */
class AclFileIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** No default user: Redis then makes it {@code on nopass ~* &* +@all}, requirepass or not. */
    static final String FILE = "user app on >apppw resetchannels &+switch-master -@all"
            + " +sentinel|get-master-addr-by-name\n\nuser ops on >opspw +@all\n";
    static final String BAD = "user default on nopass ~* &* +@all\n# a comment\nuser bob on +nosuchcmd >p\n"
            + "user x on bogus bogus2\nuser default off\nuser\nuser  y on\n";

    @RegisterExtension
    final ProcessScope processes = new ProcessScope();
    @TempDir
    Path files;

    /** One sentinel with its own ACL file; replies name the file, so they are compared with it as {@code <aclfile>}. */
    record Side(SentinelProcess process, Path aclFile) {
        String call(RawRespClient c, String... args) throws IOException {
            return c.call(args).replace(aclFile.toString(), "<aclfile>");
        }
    }

    private Side start(String name, String fileText, Function<SentinelConf, SentinelProcess> launch)
            throws IOException {
        Path acl = files.resolve(name + ".acl");
        Files.writeString(acl, fileText);
        SentinelConf conf = new SentinelConf().line("aclfile " + acl).line("requirepass foo");
        return new Side(processes.add(launch.apply(conf)), acl);
    }

    private List<Side> both(String fileText) throws IOException {
        return List.of(start("ours", fileText, SentinelProcess::new),
                start("real", fileText, RealSentinelProcess::new));
    }

    /** Each request on one connection per side; replies must be the same (rules words sorted, see AclIT). */
    private static void assertSameReplies(List<Side> sides, String... requests) throws IOException {
        try (RawRespClient o = new RawRespClient(sides.get(0).process().port());
             RawRespClient r = new RawRespClient(sides.get(1).process().port())) {
            for (String req : requests) {
                String[] args = req.split(" ");
                assertEquals(AclIT.canonical(sides.get(1).call(r, args)), AclIT.canonical(sides.get(0).call(o, args)),
                        req);
            }
        }
    }

    /** The file as a set of lines with their words sorted (Redis's rule order is random per process). */
    private static List<String> canonicalFile(Path p) throws IOException {
        return Files.readAllLines(p).stream().map(l -> {
            String[] w = l.split(" ");
            Arrays.sort(w);
            return String.join(" ", w);
        }).sorted().collect(Collectors.toList());
    }

    @Test
    void loadSaveAndListAnswerAsRedisSentinel() throws Exception {
        List<Side> sides = both(FILE);
        // no default user in the file: it is "on nopass", requirepass is gone (as in Redis)
        assertSameReplies(sides, "PING", "ACL LIST", "ACL USERS", "ACL WHOAMI", "AUTH ops opspw", "ACL WHOAMI",
                "AUTH default foo", "AUTH ops opspw");
        assertSameReplies(sides, "ACL SETUSER tmp on >t +ping", "ACL DELUSER app", "ACL LIST", "ACL LOAD", "ACL LIST",
                "ACL WHOAMI", "ACL LOAD x", "ACL SAVE x");
        assertSameReplies(sides, "ACL SETUSER saved on >s -@all +ping &chan", "ACL SAVE", "ACL LIST");
        assertEquals(canonicalFile(sides.get(1).aclFile()), canonicalFile(sides.get(0).aclFile()));
        for (Side s : sides) Files.writeString(s.aclFile(), BAD);
        assertSameReplies(sides, "ACL LOAD", "ACL LIST");
        for (Side s : sides) Files.delete(s.aclFile());
        assertSameReplies(sides, "ACL LOAD", "ACL LIST", "ACL SAVE", "ACL LOAD", "ACL LIST");
        assertEquals(canonicalFile(sides.get(1).aclFile()), canonicalFile(sides.get(0).aclFile()));
    }

    @Test
    void aclLoadClosesTheConnectionsOfEveryUserButDefault() throws Exception {
        for (Side s : both(FILE)) {
            try (RawRespClient ops = new RawRespClient(s.process().port());
                 RawRespClient def = new RawRespClient(s.process().port());
                 RawRespClient admin = new RawRespClient(s.process().port())) {
                assertEquals("+OK", ops.call("AUTH", "ops", "opspw"));
                assertEquals("+PONG", def.call("PING"));
                assertEquals("+OK", admin.call("ACL", "LOAD"), s.process().toString());
                assertThrows(IOException.class, () -> ops.call("PING"), s.process() + ": ops's connection");
                assertEquals("+PONG", def.call("PING"), s.process().toString());
            }
        }
    }

    @Test
    void setUserIsPersistedNeitherInSentinelConfNorInTheFile() throws Exception {
        List<Side> sides = both(FILE);
        assertSameReplies(sides, "ACL SETUSER keeper on >kp +ping", "ACL DELUSER app",
                "SENTINEL CONFIG SET announce-port 1234");
        for (Side s : sides) {
            // the CONFIG SET makes both rewrite sentinel.conf, ours through the core loop: wait for it
            Await.until(WAIT, s.process() + " rewrote its sentinel.conf",
                    () -> Files.readString(s.process().confFile()).contains("announce-port 1234"),
                    s.process()::describe);
            String conf = Files.readString(s.process().confFile());
            assertFalse(conf.contains("\nuser "), s.process() + " wrote users into sentinel.conf:\n" + conf);
            assertTrue(conf.contains("aclfile"), conf);
            assertEquals(FILE, Files.readString(s.aclFile()), s.process() + " changed its ACL file");
        }
    }

    @Test
    void bothRefuseUserLinesWithAnAclFileAndABadFile() throws Exception {
        Path acl = files.resolve("start.acl");
        Files.writeString(acl, FILE);
        SentinelConf mixed = new SentinelConf().line("aclfile " + acl).line("user bob on nopass +@all");
        assertRefused(mixed, "Configuring Redis with users defined in redis.conf and at the same setting an ACL file"
                + " path is invalid. This setup is very likely to lead to configuration errors and security holes,"
                + " please define either an ACL file or declare users directly in your redis.conf, but not both.");
        Path bad = files.resolve("bad.acl");
        Files.writeString(bad, "user ok on\nuser  x on\n");
        assertRefused(new SentinelConf().line("aclfile " + bad), "Aborting Redis startup because of ACL errors: "
                + bad + ":2: Syntax error. WARNING: ACL errors detected, no change to the previously active ACL rules"
                + " was performed");
        assertRefused(new SentinelConf().line("aclfile " + files.resolve("none.acl")),
                "Aborting Redis startup because of ACL errors: Error loading ACLs, opening file '"
                        + files.resolve("none.acl") + "': No such file or directory");
    }

    /** Both exit (with 1) before answering, logging {@code text} as a warning. */
    private static void assertRefused(SentinelConf conf, String text) {
        for (Function<SentinelConf, SentinelProcess> launch : List.<Function<SentinelConf, SentinelProcess>>of(
                SentinelProcess::new, RealSentinelProcess::new)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> launch.apply(conf));
            assertTrue(e.getMessage().contains("exited with 1"), e.getMessage());
            assertTrue(e.getMessage().contains(" # " + text), e.getMessage());
        }
    }
}
