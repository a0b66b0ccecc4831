package io.sentinel.core.input;

import java.util.List;

/**
 * A client changed the ACL users (ACL SETUSER or DELUSER): {@code users} are every {@code user} line now, without the
 * word {@code user}, as Redis describes them. The core keeps them in its configuration and persists it, so users made
 * at runtime survive a restart.
 */
public record UsersChanged(List<String> users) implements Input {
    public UsersChanged {
        users = List.copyOf(users);
    }
}
