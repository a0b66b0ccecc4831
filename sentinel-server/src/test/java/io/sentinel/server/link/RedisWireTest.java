package io.sentinel.server.link;

import io.sentinel.core.model.LinkSettings;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RedisWireTest {
    @Test
    void errorsInsideExecDoNotFailIt() {
        List<Object> reply = Arrays.asList("OK",
                new RespCommandHandler.ReplyError("ERR The server is running without a config file"), 2L, 0L);
        assertNull(RedisWire.execFailure(reply));
    }

    @Test
    void execAbortAndNullArrayFailIt() {
        assertEquals("EXECABORT Transaction discarded because of previous errors.", RedisWire.execFailure(
                new RespCommandHandler.ReplyError("EXECABORT Transaction discarded because of previous errors.")));
        assertEquals("EXEC aborted (null reply)", RedisWire.execFailure(null));
        assertTrue(RedisWire.execFailure("OK").startsWith("unexpected"));
    }

    /** As redis-server 7.0.15 answered MULTI, CLIENT PAUSE, FAILOVER TO, EXEC (checked by hand). */
    @Test
    void theHandOverFailsWithTheFirstErrorTheServerGave() {
        RespCommandHandler.ReplyError noperm = new RespCommandHandler.ReplyError(
                "NOPERM this user has no permissions to run the 'client|pause' command");
        RespCommandHandler.ReplyError execAbort = new RespCommandHandler.ReplyError(
                "EXECABORT Transaction discarded because of previous errors.");
        assertEquals(noperm.text(), RedisWire.firstError(Arrays.asList("OK", noperm, "QUEUED", execAbort)));
        RespCommandHandler.ReplyError offline = new RespCommandHandler.ReplyError(
                "ERR FAILOVER target replica is not online.");
        assertEquals(offline.text(), RedisWire.firstError(Arrays.asList("OK", "QUEUED", "QUEUED",
                Arrays.asList("OK", offline))));
        assertNull(RedisWire.firstError(Arrays.asList("OK", "QUEUED", "QUEUED", Arrays.asList("OK", "OK"))));
        assertEquals(execAbort.text(), RedisWire.lastExecFailure(Arrays.asList("OK", noperm, execAbort)));
    }

    @Test
    void commandsGoOutUnderTheirRenamedNames() {
        LinkSettings settings = new LinkSettings(null, null, Map.of("CONFIG", "cfg-x", "INFO", ""));
        assertEquals(List.of("cfg-x", "REWRITE"),
                Arrays.asList(RedisWire.command(settings, "CONFIG", "REWRITE").orElseThrow()));
        assertEquals(List.of("PING"), Arrays.asList(RedisWire.command(settings, "PING").orElseThrow()));
        assertTrue(RedisWire.command(settings, "INFO").isEmpty());
    }
}
