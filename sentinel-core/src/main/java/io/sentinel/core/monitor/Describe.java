package io.sentinel.core.monitor;

import io.sentinel.core.event.Event;

/** Redis's {@code %@} instance description for event payloads. */
public final class Describe {
    private Describe() {
    }

    public static String of(MasterState m, InstanceState ri) {
        return switch (ri.role) {
            case MASTER -> Event.describeMaster(m.name, ri.address);
            case REPLICA -> Event.describeReplica(ri.address, m.name, m.master.address);
            case SENTINEL -> Event.describeSentinel(ri.runId, ri.address, m.name, m.master.address);
        };
    }
}
