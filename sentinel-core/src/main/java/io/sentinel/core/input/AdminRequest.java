package io.sentinel.core.input;

import java.util.List;

/**
 * A client's {@code SENTINEL} subcommand that changes state, parsed and validated by the shell: the core decides and
 * answers with a {@code Reply} carrying {@code requestId} and a typed outcome. Malformed arguments never get here.
 */
public sealed interface AdminRequest extends Input {
    long requestId();

    /** {@code SENTINEL MONITOR <name> <host> <port> <quorum>}; the core checks the host and the name. */
    record Monitor(long requestId, String name, String host, int port, int quorum) implements AdminRequest { }

    /** {@code SENTINEL REMOVE <name>}. */
    record Remove(long requestId, String name) implements AdminRequest { }

    /**
     * {@code SENTINEL SET <name> <option> <value> ...}: {@code changes} in the order given. {@code rejected}, when
     * not null, is the first option the shell could not parse; as Redis does, the changes before it still apply.
     */
    record SetMaster(long requestId, String name, List<MasterChange> changes, Rejected rejected)
            implements AdminRequest {
        public SetMaster {
            changes = List.copyOf(changes);
        }

        /** An option Redis refuses: an unknown name or missing value ({@code value} null), or a bad value. */
        public record Rejected(String option, String value) { }
    }

    /** {@code SENTINEL RESET <pattern>}. */
    record Reset(long requestId, String pattern) implements AdminRequest { }

    /**
     * {@code SENTINEL FAILOVER <name> [COORDINATED]}: forced at once (no election), or, {@code coordinated}, elected
     * and handed over by the old master with {@code FAILOVER TO} (Valkey 9).
     */
    record Failover(long requestId, String name, boolean coordinated) implements AdminRequest {
        public Failover(long requestId, String name) {
            this(requestId, name, false);
        }
    }

    /** {@code SENTINEL FLUSHCONFIG}. */
    record FlushConfig(long requestId) implements AdminRequest { }

    /**
     * {@code SENTINEL CONFIG SET <option> <value> [<option> <value> ...]}, every value already checked: all apply, in
     * order, or (refused by the shell) none.
     */
    record ConfigSet(long requestId, List<GlobalChange> changes) implements AdminRequest {
        public ConfigSet {
            changes = List.copyOf(changes);
        }
    }

    /** {@code SENTINEL DEBUG <period> <millis> ...}: known period names, positive values, in the order given. */
    record SetTiming(long requestId, List<Period> periods) implements AdminRequest {
        public SetTiming {
            periods = List.copyOf(periods);
        }

        public record Period(String name, long millis) { }
    }

    /** {@code SENTINEL SIMULATE-FAILURE <flag> ...}. */
    record SimulateFailure(long requestId, boolean crashAfterElection, boolean crashAfterPromotion)
            implements AdminRequest { }
}
