package io.sentinel.core.view;

import io.sentinel.core.config.Timing;
import java.util.List;

/**
 * An immutable snapshot of the whole sentinel, published by the core loop after each step for read-only commands,
 * {@code INFO}, metrics and the demo. {@code takenAtMillis} is the core time of the snapshot. Masters are in name
 * order.
 */
public record SentinelView(
        long takenAtMillis,
        String myid,
        long currentEpoch,
        boolean tilt,
        long tiltSinceMillis,
        int simulateFailureFlags,
        Timing timing,
        List<MasterView> masters) {

    public SentinelView {
        masters = List.copyOf(masters);
    }

    public MasterView master(String name) {
        for (MasterView m : masters) {
            if (m.name().equals(name)) return m;
        }
        return null;
    }
}
