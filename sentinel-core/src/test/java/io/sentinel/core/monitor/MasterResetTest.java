package io.sentinel.core.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentinel.core.Effects;
import io.sentinel.core.Fixtures;
import io.sentinel.core.SentinelState;
import io.sentinel.core.action.Publish;
import io.sentinel.core.model.Address;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MasterResetTest {
    final SentinelState s = Fixtures.state(Fixtures.master(2, 1000));
    final MasterState m = s.masters.get("mymaster");

    List<String> events(Effects out) {
        return out.actions().stream().filter(a -> a instanceof Publish).map(a -> ((Publish) a).event().logLine())
                .collect(Collectors.toList());
    }

    @Test
    void changeAddressAnnouncesEachReAddedReplicaUnderTheNewMasterOldMasterLast() {
        Fixtures.goodReplica(m, 7001, 10);
        Fixtures.goodReplica(m, 7002, 10);
        Address promoted = new Address("127.0.0.1", 7001);
        Effects out = new Effects();

        MasterReset.changeAddress(s, m, promoted, 20, out);

        assertEquals(List.of(
                "+slave slave 127.0.0.1:7002 127.0.0.1 7002 @ mymaster 127.0.0.1 7001",
                "+slave slave 127.0.0.1:6379 127.0.0.1 6379 @ mymaster 127.0.0.1 7001"), events(out));
        assertEquals(promoted, m.master.address);
        assertTrue(out.persistRequested());
    }

    @Test
    void resetPublishesNoReplicaEvents() {
        Fixtures.goodReplica(m, 7001, 10);
        Effects out = new Effects();

        MasterReset.reset(s, m, 20, out);

        assertEquals(List.of(), events(out));
        assertTrue(m.replicas.isEmpty());
    }
}
