package io.sentinel.core.failover;

/** The failover states of redis-sentinel, with the names {@code SENTINEL MASTER} shows. */
public enum FailoverPhase {
    NONE("none"),
    WAIT_START("wait_start"),
    SELECT_SLAVE("select_slave"),
    SEND_SLAVEOF_NOONE("send_slaveof_noone"),
    WAIT_PROMOTION("wait_promotion"),
    RECONF_SLAVES("reconf_slaves"),
    UPDATE_CONFIG("update_config");

    private final String wireName;

    FailoverPhase(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The edges redis-sentinel's failover state machine takes; anything else is a bug. */
    public boolean canMoveTo(FailoverPhase next) {
        if (next == NONE) return this != NONE;
        return switch (this) {
            case NONE -> next == WAIT_START;
            case WAIT_START -> next == SELECT_SLAVE;
            case SELECT_SLAVE -> next == SEND_SLAVEOF_NOONE;
            case SEND_SLAVEOF_NOONE -> next == WAIT_PROMOTION;
            case WAIT_PROMOTION -> next == RECONF_SLAVES;
            case RECONF_SLAVES -> next == UPDATE_CONFIG;
            case UPDATE_CONFIG -> false;
        };
    }
}
