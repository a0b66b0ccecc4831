package io.sentinel.core.info;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentinel.core.Fixtures;
import io.sentinel.core.model.Address;
import io.sentinel.core.model.Role;
import java.util.List;
import org.junit.jupiter.api.Test;

/** INFO replies captured from real redis-server 7.0 (see resources/info/capture.sh), CRLF line ends and all. */
class InfoParserTest {

    static String resource(String name) {
        return Fixtures.resource("info/" + name);
    }

    /** The raw value of {@code key:} in the captured text, so the test does not hard-code captured ports or ids. */
    static String field(String text, String key) {
        for (String line : text.split("\r\n")) {
            if (line.startsWith(key + ":")) return line.substring(key.length() + 1);
        }
        throw new AssertionError("no " + key);
    }

    @Test
    void masterReportsRoleRunIdOffsetAndReplicaLines() {
        String master = resource("master.txt");
        String replica = resource("replica.txt");
        InfoSnapshot info = InfoParser.parse(master);
        assertEquals(Role.MASTER, info.role());
        assertEquals(field(master, "run_id"), info.runId());
        assertEquals(Long.parseLong(field(master, "master_repl_offset")), info.masterReplOffset());
        int replicaPort = Integer.parseInt(field(replica, "tcp_port"));
        assertEquals(List.of(new Address("127.0.0.1", replicaPort)), info.replicas());
        assertNull(info.masterHost());
    }

    @Test
    void replicaWithLinkUp() {
        String master = resource("master.txt");
        String replica = resource("replica.txt");
        InfoSnapshot info = InfoParser.parse(replica);
        assertEquals(Role.REPLICA, info.role());
        assertEquals(field(replica, "run_id"), info.runId());
        assertEquals("127.0.0.1", info.masterHost());
        assertEquals(Integer.parseInt(field(master, "tcp_port")), info.masterPort());
        assertTrue(info.masterLinkUp());
        assertEquals(-1, info.masterLinkDownSinceSeconds());
        assertEquals(Long.parseLong(field(replica, "slave_repl_offset")), info.slaveReplOffset());
        assertEquals(7, info.slavePriority());
        assertTrue(info.replicaAnnounced());
        assertTrue(info.replicas().isEmpty());
    }

    @Test
    void replicaWhoseMasterDied() {
        String text = resource("replica-link-down.txt");
        InfoSnapshot info = InfoParser.parse(text);
        assertFalse(info.masterLinkUp());
        assertEquals(Long.parseLong(field(text, "master_link_down_since_seconds")), info.masterLinkDownSinceSeconds());
        assertTrue(info.masterLinkDownSinceSeconds() >= 2, "captured 2 s after the master was killed");
    }

    @Test
    void oldStyleAndBrokenReplicaLines() {
        assertEquals(new Address("10.0.0.1", 6380), InfoParser.replicaLine("slave0", "10.0.0.1,6380,online"));
        assertEquals(new Address("::1", 6381), InfoParser.replicaLine("slave12", "ip=::1,port=6381,state=online"));
        assertNull(InfoParser.replicaLine("slave0", "ip=,port=6380"));
        assertNull(InfoParser.replicaLine("slave0", "ip=10.0.0.1,port=0"));
        assertNull(InfoParser.replicaLine("slave_priority", "100"));
        assertNull(InfoParser.replicaLine("slave", "ip=10.0.0.1,port=1"));
    }

    @Test
    void absentAndMalformedFieldsFallBack() {
        InfoSnapshot info = InfoParser.parse("# Replication\nrole:sentinel\nrun_id:short\nslave_priority:x\n"
                + "replica_announced:0\n");
        assertNull(info.role());
        assertNull(info.runId());
        assertEquals(100, info.slavePriority());
        assertFalse(info.replicaAnnounced());
        assertEquals(-1, info.slaveReplOffset());
        assertEquals(-1, info.masterReplOffset());
    }
}
