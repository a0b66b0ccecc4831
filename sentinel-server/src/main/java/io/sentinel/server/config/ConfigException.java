package io.sentinel.server.config;

/**
 * A configuration that cannot be used: the message names the source and line ({@code sentinel.conf:12: reason}) so
 * startup can print it and exit, as Redis's "FATAL CONFIG FILE ERROR" does.
 */
public class ConfigException extends Exception {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
