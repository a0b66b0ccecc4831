package io.sentinel.server.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EventShapeTest {
    final Map<Integer, String> ports = Map.of(7000, "M", 7001, "P", 7002, "R", 26379, "S");

    @Test
    void addressesBecomeRolesAndIdsAndNumbersPlaceholders() {
        assertEquals("+slave slave <ip>:R <ip> R @ mymaster <ip> P",
                EventShape.of("+slave slave 127.0.0.1:7002 127.0.0.1 7002 @ mymaster 127.0.0.1 7001", ports));
        assertEquals("+vote-for-leader <runid> <n>",
                EventShape.of("+vote-for-leader " + "ab12".repeat(10) + " 7", ports));
        assertEquals("+sentinel sentinel <runid> <ip> S @ mymaster <ip> M",
                EventShape.of("+sentinel sentinel " + "f".repeat(40) + " 127.0.0.1 26379 @ mymaster 127.0.0.1 7000",
                        ports));
    }

    @Test
    void quorumKeepsTheConfiguredPartOnly() {
        assertEquals("+odown master mymaster <ip> M #quorum <n>/2",
                EventShape.of("+odown master mymaster 127.0.0.1 7000 #quorum 3/2", ports));
    }
}
