package io.sentinel.server.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CommandDispatcherTest {
    private final RespServer server = new RespServer(RespServerConfig.loopback(0), new StubSentinelHandler(),
            m -> { }, () -> { });
    private final EmbeddedClient client = new EmbeddedClient(server);

    @Test
    void unknownCommandQuotesItsArgumentsLikeRedis() {
        assertEquals("-ERR unknown command 'foo', with args beginning with: 'a' 'b' \r\n", client.call("foo a b\r\n"));
        assertEquals("-ERR unknown command 'ECHO', with args beginning with: 'hi' \r\n", client.call("ECHO hi\r\n"));
        assertEquals("-ERR unknown command 'QUIT', with args beginning with: \r\n", client.call("QUIT\r\n"));
    }

    @Test
    void unknownCommandPreviewStopsAt128Characters() {
        String a = "a".repeat(85);
        String reply = client.call("foo " + a + " " + "b".repeat(77) + " c\r\n");
        assertEquals("-ERR unknown command 'foo', with args beginning with: '" + a + "' '" + "b".repeat(40) + "' \r\n",
                reply);
    }

    @Test
    void newlinesInErrorsBecomeSpaces() {
        assertEquals("-ERR unknown command 'foo', with args beginning with: 'a b' \r\n",
                client.call("*2\r\n$3\r\nfoo\r\n$3\r\na\nb\r\n"));
    }

    @Test
    void valkeySpellingsRunAsTheSentinel70Subcommands() {
        String addr = "*2\r\n$9\r\n127.0.0.1\r\n$4\r\n6379\r\n";
        assertEquals(addr, client.call("SENTINEL GET-PRIMARY-ADDR-BY-NAME m\r\n"));
        assertEquals("*2\r\n$8\r\nSENTINEL\r\n$9\r\nPRIMARIES\r\n", client.call("SENTINEL PRIMARIES\r\n"),
                "reaches the handler with the words as sent");
        assertEquals("*3\r\n$8\r\nsentinel\r\n$7\r\nprimary\r\n$1\r\nm\r\n", client.call("sentinel primary m\r\n"));
        assertEquals("-ERR wrong number of arguments for 'sentinel|master' command\r\n",
                client.call("SENTINEL primary\r\n"), "checked as the 7.0 subcommand");
        assertEquals("*6\r\n$8\r\nSENTINEL\r\n$23\r\nis-primary-down-by-addr\r\n$9\r\n127.0.0.1\r\n$4\r\n6379\r\n"
                + "$1\r\n0\r\n$1\r\n*\r\n", client.call("SENTINEL is-primary-down-by-addr 127.0.0.1 6379 0 *\r\n"),
                "a Valkey peer's vote question, as is-master-down-by-addr");
        assertEquals("-ERR unknown subcommand 'primaries'. Try CLIENT HELP.\r\n", client.call("CLIENT primaries\r\n"));
    }

    @Test
    void arityOfCommandsAndSubcommands() {
        assertEquals("-ERR wrong number of arguments for 'ping' command\r\n", client.call("ping a b\r\n"));
        assertEquals("-ERR wrong number of arguments for 'client' command\r\n", client.call("client\r\n"));
        assertEquals("-ERR wrong number of arguments for 'client|setname' command\r\n",
                client.call("CLIENT SETNAME\r\n"));
        assertEquals("-ERR wrong number of arguments for 'sentinel|master' command\r\n",
                client.call("SENTINEL master\r\n"));
        assertEquals("-ERR wrong number of arguments for 'sentinel' command\r\n", client.call("SENTINEL\r\n"));
        assertEquals("-ERR wrong number of arguments for 'sentinel|masters' command\r\n",
                client.call("sentinel masters x\r\n"));
        assertEquals("-ERR wrong number of arguments for 'sentinel|info-cache' command\r\n",
                client.call("sentinel info-cache\r\n"));
        assertEquals("-ERR wrong number of arguments for 'sentinel|monitor' command\r\n",
                client.call("sentinel monitor m 127.0.0.1 6379\r\n"));
    }

    @Test
    void namesMatchInAnyAsciiCase() {
        assertEquals("+PONG\r\n", client.call("*1\r\n$4\r\npInG\r\n"));
        assertEquals("-ERR unknown subcommand 'c\u212Aquorum'. Try SENTINEL HELP.\r\n",
                client.call("sentinel c\u212Aquorum m\r\n"), "only ASCII letters fold, as strcasecmp does");
        assertEquals("-ERR unknown command 'p\u0130ng', with args beginning with: \r\n", client.call("p\u0130ng\r\n"));
    }

    @Test
    void unknownSubcommandNamesTheContainerAsTyped() {
        assertEquals("-ERR unknown subcommand 'foo'. Try CLIENT HELP.\r\n", client.call("CliEnt foo\r\n"));
        assertEquals("-ERR unknown subcommand 'foo'. Try SENTINEL HELP.\r\n", client.call("sentinel foo\r\n"));
        assertEquals("-ERR unknown subcommand 'a b c'. Try SENTINEL HELP.\r\n",
                client.call("*2\r\n$8\r\nsentinel\r\n$5\r\na b\nc\r\n"));
        assertEquals("-ERR unknown subcommand '" + "x".repeat(128) + "'. Try SENTINEL HELP.\r\n",
                client.call("sentinel " + "x".repeat(140) + "\r\n"));
    }

    @Test
    void subscribedResp2ClientMayOnlyRunPubSubCommands() {
        client.call("SUBSCRIBE a\r\n");
        assertEquals("-ERR Can't execute 'client|id': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET"
                + " are allowed in this context\r\n", client.call("CLIENT ID\r\n"));
        assertEquals("*2\r\n$4\r\npong\r\n$0\r\n\r\n", client.call("PING\r\n"));
        assertEquals("*2\r\n$4\r\npong\r\n$1\r\nx\r\n", client.call("PING x\r\n"));
        assertEquals("-ERR unknown command 'foo', with args beginning with: \r\n", client.call("foo\r\n"),
                "lookup comes before the subscribed-mode check");
        client.call("UNSUBSCRIBE\r\n");
        assertEquals("+PONG\r\n", client.call("PING\r\n"));
    }

    @Test
    void subscribedResp3ClientMayRunAnything() {
        client.call("HELLO 3\r\n");
        client.call("SUBSCRIBE a\r\n");
        assertEquals("+PONG\r\n", client.call("PING\r\n"));
        assertEquals(":1\r\n", client.call("CLIENT ID\r\n"));
    }

    @Test
    void authIsCheckedAfterLookupAndArity() {
        RespServer locked = new RespServer(RespServerConfig.loopback(0).withRequirePass("pw"),
                new StubSentinelHandler(), m -> { }, () -> { });
        EmbeddedClient c = new EmbeddedClient(locked);
        assertEquals("-ERR unknown command 'foo', with args beginning with: \r\n", c.call("foo\r\n"));
        assertEquals("-ERR wrong number of arguments for 'client' command\r\n", c.call("client\r\n"));
        assertEquals("-NOAUTH Authentication required.\r\n", c.call("ping a b\r\n"), "PING checks its own arity");
        assertEquals("-NOAUTH Authentication required.\r\n", c.call("ping\r\n"));
        assertEquals("-NOAUTH Authentication required.\r\n", c.call("sentinel masters\r\n"));
    }
}
