package io.sentinel.core.event;

/** Every event a sentinel publishes, with its pub/sub channel name as Redis spells it. */
public enum EventType {
    MONITOR("+monitor"),
    UNMONITOR("-monitor"),
    RESET_MASTER("+reset-master"),
    SLAVE("+slave"),
    SENTINEL("+sentinel"),
    SENTINEL_ADDRESS_SWITCH("+sentinel-address-switch"),
    SENTINEL_INVALID_ADDR("+sentinel-invalid-addr"),
    DUP_SENTINEL("-dup-sentinel"),
    SDOWN("+sdown"),
    SDOWN_CLEARED("-sdown"),
    ODOWN("+odown"),
    ODOWN_CLEARED("-odown"),
    REBOOT("+reboot"),
    ROLE_CHANGE("+role-change"),
    ROLE_CHANGE_CLEARED("-role-change"),
    CONVERT_TO_SLAVE("+convert-to-slave"),
    FIX_SLAVE_CONFIG("+fix-slave-config"),
    NEW_EPOCH("+new-epoch"),
    TRY_FAILOVER("+try-failover"),
    VOTE_FOR_LEADER("+vote-for-leader"),
    ELECTED_LEADER("+elected-leader"),
    FAILOVER_ABORT_NOT_ELECTED("-failover-abort-not-elected"),
    FAILOVER_STATE_SELECT_SLAVE("+failover-state-select-slave"),
    SELECTED_SLAVE("+selected-slave"),
    FAILOVER_ABORT_NO_GOOD_SLAVE("-failover-abort-no-good-slave"),
    FAILOVER_STATE_SEND_SLAVEOF_NOONE("+failover-state-send-slaveof-noone"),
    FAILOVER_STATE_WAIT_PROMOTION("+failover-state-wait-promotion"),
    FAILOVER_ABORT_SLAVE_TIMEOUT("-failover-abort-slave-timeout"),
    PROMOTED_SLAVE("+promoted-slave"),
    FAILOVER_STATE_RECONF_SLAVES("+failover-state-reconf-slaves"),
    SLAVE_RECONF_SENT("+slave-reconf-sent"),
    SLAVE_RECONF_SENT_TIMEOUT("-slave-reconf-sent-timeout"),
    SLAVE_RECONF_INPROG("+slave-reconf-inprog"),
    SLAVE_RECONF_DONE("+slave-reconf-done"),
    FAILOVER_END_FOR_TIMEOUT("+failover-end-for-timeout"),
    FAILOVER_END("+failover-end"),
    FAILOVER_DETECTED("+failover-detected"),
    SWITCH_MASTER("+switch-master"),
    CONFIG_UPDATE_FROM("+config-update-from"),
    TILT("+tilt"),
    TILT_CLEARED("-tilt"),
    SET("+set"),
    SCRIPT_CHILD("+script-child"),
    SCRIPT_CHILD_ENDED("-script-child"),
    SCRIPT_ERROR("-script-error");

    private final String channel;

    EventType(String channel) {
        this.channel = channel;
    }

    /** The pub/sub channel, e.g. {@code +sdown}. */
    public String channel() {
        return channel;
    }
}
