package io.sentinel.core.event;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sentinel.core.model.Address;
import org.junit.jupiter.api.Test;

/** The payload is rendered from the fields in redis-sentinel's shapes (sentinelEvent's %@ and its details). */
class EventTest {
    static final Address M = new Address("127.0.0.1", 6379);

    @Test
    void anInstanceIsDescribedAsRedisDoes() {
        assertEquals("master mymaster 127.0.0.1 6379", new Event(EventType.SDOWN, "mymaster",
                Event.Instance.master("mymaster", M), "").payload());
        assertEquals("master mymaster 127.0.0.1 6379 #quorum 2/2", new Event(EventType.ODOWN, "mymaster",
                Event.Instance.master("mymaster", M), "#quorum 2/2").payload());
        assertEquals("slave 127.0.0.1:6380 127.0.0.1 6380 @ mymaster 127.0.0.1 6379", new Event(EventType.SDOWN,
                "mymaster", Event.Instance.replica(new Address("127.0.0.1", 6380), M), null).payload());
        assertEquals("sentinel abc 127.0.0.1 26380 @ mymaster 127.0.0.1 6379", new Event(EventType.SENTINEL,
                "mymaster", Event.Instance.sentinel("abc", new Address("127.0.0.1", 26380), M), "").payload());
    }

    @Test
    void withoutAnInstanceThePayloadIsTheDetails() {
        Event e = new Event(EventType.SWITCH_MASTER, "mymaster", null, "mymaster 127.0.0.1 6379 127.0.0.1 6380");
        assertEquals("mymaster 127.0.0.1 6379 127.0.0.1 6380", e.payload());
        assertEquals("+switch-master mymaster 127.0.0.1 6379 127.0.0.1 6380", e.logLine());
        assertEquals("#tilt mode entered", Event.of(EventType.TILT, "#tilt mode entered").payload());
    }
}
