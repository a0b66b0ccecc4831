package io.sentinel.core.event;

/** Every event a sentinel publishes, with its pub/sub channel name as Redis spells it and Redis's level. */
public enum EventType {
    MONITOR("+monitor", EventLevel.WARNING),
    UNMONITOR("-monitor", EventLevel.WARNING),
    RESET_MASTER("+reset-master", EventLevel.WARNING),
    SLAVE("+slave", EventLevel.NOTICE),
    SENTINEL("+sentinel", EventLevel.NOTICE),
    SENTINEL_ADDRESS_SWITCH("+sentinel-address-switch", EventLevel.NOTICE),
    SENTINEL_INVALID_ADDR("+sentinel-invalid-addr", EventLevel.NOTICE),
    DUP_SENTINEL("-dup-sentinel", EventLevel.NOTICE),
    SDOWN("+sdown", EventLevel.WARNING),
    SDOWN_CLEARED("-sdown", EventLevel.WARNING),
    ODOWN("+odown", EventLevel.WARNING),
    ODOWN_CLEARED("-odown", EventLevel.WARNING),
    REBOOT("+reboot", EventLevel.NOTICE),
    /** The reported role agrees with the configured one. */
    ROLE_CHANGE("+role-change", EventLevel.VERBOSE),
    /** The reported role differs from the configured one (a promoted replica, a returning old master). */
    ROLE_CHANGE_MISMATCH("-role-change", EventLevel.VERBOSE),
    CONVERT_TO_SLAVE("+convert-to-slave", EventLevel.NOTICE),
    FIX_SLAVE_CONFIG("+fix-slave-config", EventLevel.NOTICE),
    NEW_EPOCH("+new-epoch", EventLevel.WARNING),
    TRY_FAILOVER("+try-failover", EventLevel.WARNING),
    VOTE_FOR_LEADER("+vote-for-leader", EventLevel.WARNING),
    ELECTED_LEADER("+elected-leader", EventLevel.WARNING),
    FAILOVER_ABORT_NOT_ELECTED("-failover-abort-not-elected", EventLevel.WARNING),
    FAILOVER_STATE_SELECT_SLAVE("+failover-state-select-slave", EventLevel.WARNING),
    SELECTED_SLAVE("+selected-slave", EventLevel.WARNING),
    FAILOVER_ABORT_NO_GOOD_SLAVE("-failover-abort-no-good-slave", EventLevel.WARNING),
    FAILOVER_STATE_SEND_SLAVEOF_NOONE("+failover-state-send-slaveof-noone", EventLevel.NOTICE),
    FAILOVER_STATE_WAIT_PROMOTION("+failover-state-wait-promotion", EventLevel.NOTICE),
    FAILOVER_ABORT_SLAVE_TIMEOUT("-failover-abort-slave-timeout", EventLevel.WARNING),
    /** Valkey 9: a coordinated failover could not send its hand-over to the master in time (master unreachable). */
    FAILOVER_ABORT_MASTER_TIMEOUT("-failover-abort-master-timeout", EventLevel.WARNING),
    /**
     * Ours: the master refused a coordinated failover's hand-over (a missing ACL permission, the replica not online);
     * the details are the server's error, naming the command it refused.
     */
    FAILOVER_ABORT_MASTER_ERROR("-failover-abort-master-error", EventLevel.WARNING),
    /** Ours: {@code SENTINEL FAILOVER <name> COORDINATED} accepted; the election follows ({@code +try-failover}). */
    COORDINATED_FAILOVER("+coordinated-failover", EventLevel.WARNING),
    /** Ours: the hand-over went to the master: its writes are paused ({@code CLIENT PAUSE WRITE}, {@code FAILOVER}). */
    WRITES_PAUSED("+writes-paused", EventLevel.NOTICE),
    /** Ours: the old master was released ({@code CLIENT UNPAUSE}), after the promotion or when the failover gave up. */
    WRITES_RESUMED("-writes-paused", EventLevel.NOTICE),
    PROMOTED_SLAVE("+promoted-slave", EventLevel.WARNING),
    FAILOVER_STATE_RECONF_SLAVES("+failover-state-reconf-slaves", EventLevel.WARNING),
    SLAVE_RECONF_SENT("+slave-reconf-sent", EventLevel.NOTICE),
    SLAVE_RECONF_SENT_TIMEOUT("-slave-reconf-sent-timeout", EventLevel.NOTICE),
    SLAVE_RECONF_INPROG("+slave-reconf-inprog", EventLevel.NOTICE),
    SLAVE_RECONF_DONE("+slave-reconf-done", EventLevel.NOTICE),
    FAILOVER_END_FOR_TIMEOUT("+failover-end-for-timeout", EventLevel.WARNING),
    FAILOVER_END("+failover-end", EventLevel.WARNING),
    FAILOVER_DETECTED("+failover-detected", EventLevel.WARNING),
    SWITCH_MASTER("+switch-master", EventLevel.WARNING),
    CONFIG_UPDATE_FROM("+config-update-from", EventLevel.WARNING),
    TILT("+tilt", EventLevel.WARNING),
    TILT_CLEARED("-tilt", EventLevel.WARNING),
    SET("+set", EventLevel.WARNING),
    SCRIPT_CHILD("+script-child", EventLevel.DEBUG),
    SCRIPT_CHILD_ENDED("-script-child", EventLevel.DEBUG),
    SCRIPT_ERROR("-script-error", EventLevel.WARNING),
    SCRIPT_TIMEOUT("-script-timeout", EventLevel.WARNING),
    /** Ours: an instance's host name connected at a new IP; the entry stays. Payload: instance, old IP, new IP. */
    ADDRESS_CHANGE("+address-change", EventLevel.NOTICE),
    /** Ours: a replica known by a name that stopped resolving and answering was forgotten (forget-unresolved-after). */
    SLAVE_FORGOTTEN("-slave", EventLevel.NOTICE),
    /** Ours: the same for a peer sentinel. */
    SENTINEL_FORGOTTEN("-sentinel", EventLevel.NOTICE);

    private final String channel;
    private final EventLevel level;

    EventType(String channel, EventLevel level) {
        this.channel = channel;
        this.level = level;
    }

    /** The pub/sub channel, e.g. {@code +sdown}. */
    public String channel() {
        return channel;
    }

    /** The level redis-sentinel 7.0 raises it at. */
    public EventLevel level() {
        return level;
    }
}
