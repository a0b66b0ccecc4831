package io.sentinel.core.action;

import io.sentinel.core.event.Event;

/** Publish an event to our pub/sub subscribers (channel = event type) and to the event log. */
public record Publish(Event event) implements Action { }
