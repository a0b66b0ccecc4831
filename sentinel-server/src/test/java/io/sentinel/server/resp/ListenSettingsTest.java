package io.sentinel.server.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ListenSettingsTest {
    @Test
    void ourBacklogUnlessTcpBacklogIsSet() {
        assertEquals(4096, ListenSettings.from(Map.of(), Path.of("/d")).backlog());
        assertEquals(511, ListenSettings.from(Map.of("tcp-backlog", "511"), Path.of("/d")).backlog());
        assertNull(ListenSettings.from(Map.of(), Path.of("/d")).unixSocket());
    }

    @Test
    void aRelativeSocketResolvesAgainstDirAndKeepsItsNameForClientList() {
        ListenSettings s = ListenSettings.from(Map.of("unixsocket", "run/s.sock", "unixsocketperm", "770"),
                Path.of("/var/lib/sentinel"));
        assertEquals(Path.of("/var/lib/sentinel/run/s.sock"), s.unixSocket());
        assertEquals("run/s.sock", s.unixSocketName());
        assertEquals(0770, s.unixSocketPerm());
    }

    @Test
    void somaxconnBelowTheBacklogIsRedisWarning() {
        assertEquals("WARNING: The TCP backlog setting of 4096 cannot be enforced because"
                + " /proc/sys/net/core/somaxconn is set to the lower value of 128.", Somaxconn.warning(4096, 128));
        assertNull(Somaxconn.warning(511, 4096));
        assertNull(Somaxconn.warning(511, 0), "unknown");
    }
}
