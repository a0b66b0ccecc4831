package io.sentinel.server.resp;

/**
 * The ACL set-up refused at start, with redis-server's words (ACLLoadUsersAtStartup); redis-sentinel logs them as a
 * warning and exits 1.
 */
public final class AclStartupException extends IllegalArgumentException {
    static final String BOTH = "Configuring Redis with users defined in redis.conf and at the same setting an ACL file"
            + " path is invalid. This setup is very likely to lead to configuration errors and security holes, please"
            + " define either an ACL file or declare users directly in your redis.conf, but not both.";

    AclStartupException(String message) {
        super(message);
    }
}
