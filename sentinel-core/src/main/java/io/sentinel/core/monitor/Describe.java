package io.sentinel.core.monitor;

import io.sentinel.core.event.Event;

/** Redis's {@code %@} instance description for event payloads. */
public final class Describe {
    private Describe() {
    }

    public static String of(MasterState m, InstanceState ri) {
        return switch (ri.role) {
            case MASTER -> Event.describeMaster(m.name, m.announce.apply(ri.address));
            case REPLICA -> Event.describeReplica(m.announce.apply(ri.address), m.name,
                    m.announce.apply(m.master.address));
            case SENTINEL -> Event.describeSentinel(ri.runId, m.announce.apply(ri.address), m.name,
                    m.announce.apply(m.master.address));
        };
    }
}
