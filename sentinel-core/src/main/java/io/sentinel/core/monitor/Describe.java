package io.sentinel.core.monitor;

import io.sentinel.core.event.Event;

/** The instance an event describes (Redis's {@code %@}), with announced addresses. */
public final class Describe {
    private Describe() {
    }

    public static Event.Instance of(MasterState m, InstanceState ri) {
        return switch (ri.role) {
            case MASTER -> Event.Instance.master(m.name, m.announce.apply(ri.address));
            case REPLICA -> Event.Instance.replica(m.announce.apply(ri.address), m.announce.apply(m.master.address));
            case SENTINEL -> Event.Instance.sentinel(ri.runId, m.announce.apply(ri.address),
                    m.announce.apply(m.master.address));
        };
    }
}
