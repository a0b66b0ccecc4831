package io.sentinel.server.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IntrospectionCommandsTest {
    private final EmbeddedClient c = new EmbeddedClient(new RespServer(RespServerConfig.loopback(0),
            new StubSentinelHandler(), m -> { }, () -> { }));

    @Test
    void countIsRedisSentinels15() {
        assertEquals(":15\r\n", c.call("COMMAND COUNT\r\n"));
    }

    @Test
    void infoOfPingAsRedisSentinelDescribesIt() {
        String ping = "*10\r\n$4\r\nping\r\n:-1\r\n*1\r\n+fast\r\n:0\r\n:0\r\n:0\r\n*2\r\n+@fast\r\n+@connection\r\n"
                + "*2\r\n$25\r\nrequest_policy:all_shards\r\n$29\r\nresponse_policy:all_succeeded\r\n*0\r\n*0\r\n";
        assertEquals("*2\r\n$-1\r\n" + ping, c.call("COMMAND INFO nosuch PING\r\n"));
    }

    @Test
    void resp3UsesSetsAndAnEmptySetForNoSubcommands() {
        c.call("HELLO 3\r\n");
        assertEquals("*1\r\n*10\r\n$4\r\nrole\r\n:1\r\n~4\r\n+noscript\r\n+loading\r\n+stale\r\n+fast\r\n:0\r\n:0\r\n:0\r\n"
                + "~3\r\n+@admin\r\n+@fast\r\n+@dangerous\r\n~0\r\n~0\r\n~0\r\n", c.call("COMMAND INFO role\r\n"));
        assertTrue(c.call("COMMAND INFO client\r\n").contains("~0\r\n~0\r\n*16\r\n*10\r\n$14\r\nclient|"));
    }

    @Test
    void docsOfASubcommand() {
        assertEquals("*2\r\n$14\r\nclient|getname\r\n*8\r\n$7\r\nsummary\r\n$31\r\nGet the current connection name\r\n"
                + "$5\r\nsince\r\n$5\r\n2.6.9\r\n$5\r\ngroup\r\n$10\r\nconnection\r\n$10\r\ncomplexity\r\n$4\r\nO(1)\r\n",
                c.call("COMMAND DOCS client|getname nosuch\r\n"));
    }

    @Test
    void listWithFilters() {
        assertEquals("*5\r\n$12\r\npunsubscribe\r\n$7\r\npublish\r\n$11\r\nunsubscribe\r\n$10\r\npsubscribe\r\n"
                + "$9\r\nsubscribe\r\n", c.call("COMMAND LIST FILTERBY ACLCAT pubsub\r\n"));
        assertEquals("*1\r\n$4\r\nrole\r\n", c.call("COMMAND LIST FILTERBY PATTERN r*\r\n"));
        assertTrue(c.call("COMMAND LIST FILTERBY PATTERN *|r*\r\n").contains("$12\r\nclient|reply\r\n"));
        assertEquals("*0\r\n", c.call("COMMAND LIST FILTERBY MODULE x\r\n"));
        assertEquals("-ERR syntax error\r\n", c.call("COMMAND LIST foo\r\n"));
        assertTrue(c.call("COMMAND LIST\r\n").startsWith("*72\r\n"));
    }

    @Test
    void getKeys() {
        assertEquals("-ERR The command has no key arguments\r\n", c.call("COMMAND GETKEYS sentinel masters\r\n"));
        assertEquals("-ERR Invalid command specified\r\n", c.call("COMMAND GETKEYS foo bar\r\n"));
    }

    @Test
    void aclCategories() {
        assertTrue(c.call("ACL CAT\r\n").startsWith("*21\r\n$8\r\nkeyspace\r\n"));
        assertEquals("-ERR Unknown category 'foo'\r\n", c.call("ACL CAT foo\r\n"));
        assertTrue(c.call("ACL CAT connection\r\n").startsWith("*27\r\n$5\r\nhello\r\n$4\r\nauth\r\n"));
    }
}
