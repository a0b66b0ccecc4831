package io.sentinel.core.model;

/** The role an instance plays for a monitored master, with the word Redis uses on the wire. */
public enum Role {
    MASTER("master"), REPLICA("slave"), SENTINEL("sentinel");

    private final String wireName;

    Role(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
