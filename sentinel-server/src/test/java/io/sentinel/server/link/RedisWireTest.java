package io.sentinel.server.link;

import io.sentinel.core.model.LinkSettings;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RedisWireTest {
    private static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void errorsInsideExecDoNotFailIt() {
        RedisWire.ExecOutput out = new RedisWire.ExecOutput();
        out.multi(4);
        out.set(bytes("OK"));
        out.setError(bytes("ERR The server is running without a config file"));
        out.set(2L);
        out.set(0L);
        assertFalse(out.hasError());
        assertEquals(4, out.get());
        assertEquals(1, out.nestedErrors());
    }

    @Test
    void execAbortAndNullArrayFailIt() {
        RedisWire.ExecOutput aborted = new RedisWire.ExecOutput();
        aborted.setError(bytes("EXECABORT Transaction discarded because of previous errors."));
        assertTrue(aborted.hasError());

        RedisWire.ExecOutput nullArray = new RedisWire.ExecOutput();
        nullArray.multi(-1);
        assertTrue(nullArray.hasError());
    }

    @Test
    void keywordsSendTheRenamedNameUnderAnOpaqueLettuceName() {
        LinkSettings settings = new LinkSettings(null, null, Map.of("CONFIG", "cfg-x", "INFO", ""));
        RedisWire.Keyword config = RedisWire.keyword(settings, "CONFIG").orElseThrow();
        assertEquals("cfg-x", new String(config.getBytes(), StandardCharsets.UTF_8));
        assertFalse(config.name().equals("CONFIG"));
        assertEquals("PING", new String(RedisWire.keyword(settings, "PING").orElseThrow().getBytes(),
                StandardCharsets.UTF_8));
        assertTrue(RedisWire.keyword(settings, "INFO").isEmpty());
    }
}
