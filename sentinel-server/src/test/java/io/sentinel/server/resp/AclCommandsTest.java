package io.sentinel.server.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Permission checks on the request path and the ACL subcommands, on embedded pipelines (texts from redis-sentinel). */
class AclCommandsTest {
    private static final String APP = "app on >apppw -@all +sentinel|get-master-addr-by-name +sentinel|sentinels"
            + " +subscribe &+switch-master";
    private final StubSentinelHandler handler = new StubSentinelHandler();
    private final RespServer server = new RespServer(new RespServerConfig(List.of("127.0.0.1"), 0, null,
            List.of(APP, "ch on nopass +@all &foo*"), RespLimits.defaults()), handler, m -> { }, () -> { });
    private final List<List<String>> persisted = new ArrayList<>();

    AclCommandsTest() {
        server.onUsersChanged(persisted::add);
    }

    private EmbeddedClient as(String user, String pass) {
        EmbeddedClient c = new EmbeddedClient(server);
        assertEquals("+OK\r\n", c.call("AUTH " + user + " " + pass + "\r\n"));
        return c;
    }

    @Test
    void applicationUserReadsTheAddressAndCannotRedirectClients() {
        EmbeddedClient app = as("app", "apppw");
        assertEquals("*2\r\n$9\r\n127.0.0.1\r\n$4\r\n6379\r\n", app.call("SENTINEL get-master-addr-by-name m\r\n"));
        for (String request : List.of("set m quorum 1", "monitor m 127.0.0.1 6379 2", "failover m", "remove m",
                "reset *", "config set announce-ip 1.2.3.4")) {
            String sub = request.substring(0, request.indexOf(' '));
            assertEquals("-NOPERM this user has no permissions to run the 'sentinel|" + sub + "' command\r\n",
                    app.call("SENTINEL " + request + "\r\n"));
        }
        assertEquals("-NOPERM this user has no permissions to run the 'publish' command\r\n",
                app.call("PUBLISH __sentinel__:hello x\r\n"));
        assertTrue(handler.seen.isEmpty(), "nothing reached the core: " + handler.seen);
        assertEquals("-NOPERM this user has no permissions to access one of the channels used as arguments\r\n",
                app.call("SUBSCRIBE +switch-master foo\r\n"));
        assertEquals("*3\r\n$9\r\nsubscribe\r\n$14\r\n+switch-master\r\n:1\r\n", app.call("SUBSCRIBE +switch-master\r\n"));
        assertEquals("-NOPERM this user has no permissions to run the 'ping' command\r\n", app.call("PING\r\n"),
                "the ACL is checked before the subscribed-mode restriction");
    }

    @Test
    void redisOrderOfChecksUnknownThenArityThenAclThenSubscribedMode() {
        EmbeddedClient app = as("app", "apppw");
        assertEquals("-ERR unknown subcommand 'nosuch'. Try SENTINEL HELP.\r\n", app.call("SENTINEL nosuch\r\n"));
        assertEquals("-ERR wrong number of arguments for 'sentinel|set' command\r\n", app.call("SENTINEL set m\r\n"));
        assertEquals("-NOPERM this user has no permissions to run the 'sentinel|set' command\r\n",
                app.call("SENTINEL set m quorum 1\r\n"));
        assertEquals("-ERR AUTH <password> called without any password configured for the default user. Are you sure"
                + " your configuration is correct?\r\n", app.call("AUTH x\r\n"), "AUTH is not subject to rights");
    }

    @Test
    void channelsOfPublishAndPatternsOfPsubscribe() {
        EmbeddedClient ch = as("ch", "x");
        assertEquals("-NOPERM this user has no permissions to access one of the channels used as arguments\r\n",
                ch.call("PUBLISH __sentinel__:hello x\r\n"));
        assertTrue(ch.call("PSUBSCRIBE foo*\r\n").startsWith("*3\r\n$10\r\npsubscribe\r\n"));
        assertEquals("-NOPERM this user has no permissions to access one of the channels used as arguments\r\n",
                ch.call("PSUBSCRIBE fo*\r\n"));
    }

    @Test
    void refusalsAreLoggedNewestFirstAndGrouped() {
        EmbeddedClient app = as("app", "apppw");
        app.call("PING\r\nPING\r\nSENTINEL set m quorum 1\r\n");
        String log = new EmbeddedClient(server).call("ACL LOG\r\n");
        assertTrue(log.startsWith("*2\r\n*14\r\n$5\r\ncount\r\n:1\r\n$6\r\nreason\r\n$7\r\ncommand\r\n$7\r\ncontext\r\n"
                + "$8\r\ntoplevel\r\n$6\r\nobject\r\n$12\r\nsentinel|set\r\n$8\r\nusername\r\n$3\r\napp\r\n"), log);
        assertTrue(log.contains(":2\r\n$6\r\nreason\r\n$7\r\ncommand\r\n$7\r\ncontext\r\n$8\r\ntoplevel\r\n$6\r\nobject"
                + "\r\n$4\r\nping\r\n"), log);
        assertTrue(log.contains("cmd=sentinel|set user=app"), log);
        assertEquals("+OK\r\n*0\r\n", new EmbeddedClient(server).call("ACL LOG RESET\r\nACL LOG\r\n"));
    }

    @Test
    void setUserChangesPermissionsOfOpenConnectionsAndIsPersisted() {
        EmbeddedClient app = as("app", "apppw");
        EmbeddedClient admin = new EmbeddedClient(server);
        assertEquals("+OK\r\n", admin.call("ACL SETUSER app +sentinel|masters\r\n"));
        assertFalse(app.call("SENTINEL masters\r\n").startsWith("-NOPERM"));
        assertTrue(app.open(), "redis-sentinel 7.0 keeps a changed user's connections");
        assertTrue(persisted.get(0).get(0).startsWith("app on #"), persisted.toString());
        assertEquals("-ERR Error in ACL SETUSER modifier '+get': Unknown command or category name in ACL\r\n",
                admin.call("ACL SETUSER app +get\r\n"));
        assertEquals(1, persisted.size());
    }

    @Test
    void delUserClosesItsConnections() {
        EmbeddedClient app = as("app", "apppw");
        EmbeddedClient other = as("ch", "x");
        EmbeddedClient admin = new EmbeddedClient(server);
        assertEquals("-ERR The 'default' user cannot be removed\r\n", admin.call("ACL DELUSER app default\r\n"));
        assertEquals(":1\r\n", admin.call("ACL DELUSER app nobody\r\n"));
        assertFalse(app.open());
        assertTrue(other.open());
        assertTrue(admin.open());
        assertEquals("*2\r\n$2\r\nch\r\n$7\r\ndefault\r\n", admin.call("ACL USERS\r\n"));
    }

    @Test
    void dryRunAnswersInRedisVerboseWords() {
        EmbeddedClient c = new EmbeddedClient(server);
        assertEquals("$62\r\nThis user has no permissions to run the 'sentinel|set' command\r\n",
                c.call("ACL DRYRUN app sentinel set mymaster quorum 1\r\n"));
        assertEquals("+OK\r\n", c.call("ACL DRYRUN app sentinel get-master-addr-by-name m\r\n"));
        assertEquals("$56\r\nThis user has no permissions to access the 'bar' channel\r\n",
                c.call("ACL DRYRUN ch publish bar x\r\n"));
        assertEquals("-ERR User 'nobody' not found\r\n", c.call("ACL DRYRUN nobody ping\r\n"));
        assertEquals("-ERR Command 'sentinel' not found\r\n", c.call("ACL DRYRUN app sentinel nosub\r\n"));
        assertEquals("-ERR wrong number of arguments for 'sentinel' command\r\n", c.call("ACL DRYRUN app sentinel\r\n"));
    }

    @Test
    void genpassAndGetuser() {
        EmbeddedClient c = new EmbeddedClient(server);
        assertTrue(c.call("ACL GENPASS\r\n").matches("\\$64\r\n[0-9a-f]{64}\r\n"));
        assertTrue(c.call("ACL GENPASS 5\r\n").matches("\\$2\r\n[0-9a-f]{2}\r\n"));
        assertTrue(c.call("ACL GENPASS 0\r\n").startsWith("-ERR ACL GENPASS argument must be"));
        assertEquals("-ERR value is not an integer or out of range\r\n", c.call("ACL GENPASS x\r\n"));
        assertEquals("*12\r\n$5\r\nflags\r\n*1\r\n$2\r\non\r\n$9\r\npasswords\r\n*1\r\n$64\r\n"
                + "71d3d4e36cf4bc4309fd7390ba79fc6a1d03d8d7b45ef26f04bcdff3ff116868\r\n$8\r\ncommands\r\n$70\r\n"
                + "-@all +sentinel|get-master-addr-by-name +sentinel|sentinels +subscribe\r\n$4\r\nkeys\r\n$0\r\n\r\n"
                + "$8\r\nchannels\r\n$15\r\n&+switch-master\r\n$9\r\nselectors\r\n*0\r\n", c.call("ACL GETUSER app\r\n"));
    }
}
