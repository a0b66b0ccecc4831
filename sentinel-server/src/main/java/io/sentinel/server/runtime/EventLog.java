package io.sentinel.server.runtime;

import io.sentinel.core.event.Event;
import io.sentinel.core.event.EventLevel;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where an event goes, as sentinelEvent sends it: the {@code sentinel.events} logger at the event's Redis level
 * (warning, notice, verbose, debug = SLF4J warn, info, debug, trace), then pub/sub unless it is a debug event.
 * Safe from any thread: the core's events and the script runner's both come here.
 */
public final class EventLog {
    private static final Logger events = LoggerFactory.getLogger("sentinel.events");

    private final BiConsumer<String, String> publisher;

    /** @param publisher publishes (channel, message) to our pub/sub subscribers */
    public EventLog(BiConsumer<String, String> publisher) {
        this.publisher = publisher;
    }

    public void emit(Event e) {
        log(e);
        if (e.type().level() != EventLevel.DEBUG) publisher.accept(e.type().channel(), e.payload());
    }

    private static void log(Event e) {
        switch (e.type().level()) {
            case WARNING -> events.warn(e.logLine());
            case NOTICE -> events.info(e.logLine());
            case VERBOSE -> events.debug(e.logLine());
            default -> events.trace(e.logLine());
        }
    }
}
