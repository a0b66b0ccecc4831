package io.sentinel.core.event;

/**
 * Redis's log level of an event (sentinelEvent's first argument). It decides where the event goes: the log shows
 * it at its level; every level but {@link #DEBUG} is published on pub/sub; only {@link #WARNING} events run the
 * master's notification-script.
 */
public enum EventLevel {
    DEBUG, VERBOSE, NOTICE, WARNING
}
