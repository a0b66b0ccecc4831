package io.sentinel.core.detect;

import io.sentinel.core.Effects;
import io.sentinel.core.SentinelState;
import io.sentinel.core.event.EventType;

/**
 * TILT: when two ticks are further apart than tilt-trigger (or time goes back), the sentinel cannot trust its
 * timeouts; it keeps monitoring but takes no action for tilt-period.
 */
public final class Tilt {
    private Tilt() {
    }

    /** Called on every tick; returns true while actions are suspended. */
    public static boolean onTick(SentinelState s, long now, Effects out) {
        if (s.lastTickAt != 0) {
            long delta = now - s.lastTickAt;
            if (delta < 0 || delta > s.timing.tiltTrigger()) {
                if (!s.tilt) out.event(EventType.TILT, "#tilt mode entered");
                s.tilt = true;
                s.tiltSince = now;
            }
        }
        s.lastTickAt = now;
        if (s.tilt && now - s.tiltSince >= s.timing.tiltPeriod()) {
            s.tilt = false;
            out.event(EventType.TILT_CLEARED, "#tilt mode exited");
        }
        return s.tilt;
    }
}
