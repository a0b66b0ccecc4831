package io.sentinel.server.reply;

import java.util.ArrayList;
import java.util.List;

/**
 * A reply value, independent of the protocol version. The shell's encoder writes it as RESP2 or RESP3: a
 * {@link MapReply} is a flat array under RESP2, a {@link SetReply} an array, {@link NullReply} {@code $-1} (or
 * {@code *-1} when {@code array}), a {@link Push} an array, a {@link Verbatim} a bulk string.
 */
public sealed interface Resp {

    Resp OK = new Simple("OK");
    Resp NULL = new NullReply(false);
    Resp NULL_ARRAY = new NullReply(true);

    record Simple(String value) implements Resp { }

    /** An error reply; {@code message} includes the code, e.g. {@code "ERR No such master with that name"}. */
    record ErrorReply(String message) implements Resp { }

    record Int(long value) implements Resp { }

    record Bulk(String value) implements Resp { }

    record Arr(List<Resp> items) implements Resp {
        public Arr {
            items = List.copyOf(items);
        }
    }

    /** Keys and values alternate in {@code entries}: k0, v0, k1, v1, ... */
    record MapReply(List<Resp> entries) implements Resp {
        public MapReply {
            if (entries.size() % 2 != 0) throw new IllegalArgumentException("odd map entries");
            entries = List.copyOf(entries);
        }
    }

    record SetReply(List<Resp> items) implements Resp {
        public SetReply {
            items = List.copyOf(items);
        }
    }

    record NullReply(boolean array) implements Resp { }

    record Dbl(double value) implements Resp { }

    /** RESP3 {@code =} verbatim text with a 3-letter format, e.g. {@code txt} for INFO. */
    record Verbatim(String format, String text) implements Resp { }

    /** An out-of-band message (pub/sub), {@code >} under RESP3. */
    record Push(List<Resp> items) implements Resp {
        public Push {
            items = List.copyOf(items);
        }
    }

    static Resp error(String message) {
        return new ErrorReply(message);
    }

    static Resp bulk(String value) {
        return value == null ? NULL : new Bulk(value);
    }

    static Resp integer(long value) {
        return new Int(value);
    }

    static Resp array(List<Resp> items) {
        return new Arr(items);
    }

    static Resp bulks(List<String> values) {
        List<Resp> items = new ArrayList<>(values.size());
        for (String v : values) items.add(bulk(v));
        return new Arr(items);
    }

    /** A map from alternating key/value strings, all bulk. */
    static Resp bulkMap(List<String> keysAndValues) {
        List<Resp> items = new ArrayList<>(keysAndValues.size());
        for (String v : keysAndValues) items.add(bulk(v));
        return new MapReply(items);
    }
}
