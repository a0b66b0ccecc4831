package io.sentinel.server.resp;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.RandomAccess;

/**
 * One decoded request: its arguments' bytes side by side in one array, each turned into a String only when a command
 * asks for it (most requests never need their name as a String: the dispatcher matches it as bytes). A connection's
 * decoder fills the same instance again for the next request, so it is valid only while the command runs: a command
 * that keeps arguments keeps the Strings (or a copy of the list), never the list itself.
 */
final class Request extends AbstractList<String> implements RandomAccess {
    /** Above this the arrays grown for one large request are dropped rather than kept for the connection's life. */
    private static final int KEEP_BYTES = 16 * 1024;
    private static final int KEEP_ARGS = 64;

    private byte[] data = new byte[256];
    /** Argument i spans data[bounds[i], bounds[i + 1]). */
    private int[] bounds = new int[9];
    private String[] strings = new String[8];
    private int size;
    /**
     * The previous request's arrays: an argument with the same bytes at the same position gets the same String
     * again. Clients repeat their requests (a pool asking {@code SENTINEL get-master-addr-by-name mymaster}), and
     * building those Strings anew was most of what such a request allocated: at 600,000 requests a second a young
     * collection every 25 ms, which was the p99.
     */
    private byte[] prevData = new byte[256];
    private int[] prevBounds = new int[9];
    private String[] prevStrings = new String[8];
    private int prevSize;

    /** Starts a new request of {@code expected} arguments (a hint). */
    void reset(int expected) {
        byte[] d = prevData;
        prevData = data;
        data = d.length > KEEP_BYTES ? new byte[256] : d;
        int[] b = prevBounds;
        prevBounds = bounds;
        String[] st = prevStrings;
        prevStrings = strings;
        prevSize = size;
        if (st.length > KEEP_ARGS) {
            bounds = new int[9];
            strings = new String[8];
        } else {
            bounds = b;
            strings = st;
            Arrays.fill(strings, null);
        }
        size = 0;
        if (expected > strings.length) grow(expected);
    }

    /** Appends the {@code length} bytes at {@code index} of {@code in} (reader index untouched). */
    void append(ByteBuf in, int index, int length) {
        int start = reserve(length);
        in.getBytes(index, data, start, length);
        bounds[++size] = start + length;
    }

    /** Appends {@code length} bytes of {@code src} from {@code offset}. */
    void append(byte[] src, int offset, int length) {
        int start = reserve(length);
        System.arraycopy(src, offset, data, start, length);
        bounds[++size] = start + length;
    }

    /** Appends an argument that is already a String (inline requests). */
    void append(String arg) {
        byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
        int start = reserve(bytes.length);
        System.arraycopy(bytes, 0, data, start, bytes.length);
        strings[size] = arg;
        bounds[++size] = start + bytes.length;
    }

    /** A copy that outlives the decoder's next request (a request a CLIENT PAUSE holds). */
    Request copy() {
        Request c = new Request();
        c.reset(size);
        for (int i = 0; i < size; i++) c.append(data, bounds[i], bounds[i + 1] - bounds[i]);
        return c;
    }

    private int reserve(int length) {
        if (size == strings.length) grow(size * 2);
        int start = bounds[size];
        if (start + length > data.length) data = Arrays.copyOf(data, Math.max(data.length * 2, start + length));
        return start;
    }

    private void grow(int args) {
        bounds = Arrays.copyOf(bounds, args + 1);
        strings = Arrays.copyOf(strings, args);
    }

    /** What the arrays holding the arguments take, used or not (the previous request's included). */
    int capacityBytes() {
        return data.length + 4 * bounds.length + 8 * strings.length
                + prevData.length + 4 * prevBounds.length + 8 * prevStrings.length;
    }

    /** The bytes of all arguments so far. */
    int bytes() {
        return bounds[size];
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public String get(int i) {
        if (i < 0 || i >= size) throw new IndexOutOfBoundsException(i);
        String s = strings[i];
        if (s == null) {
            int from = bounds[i];
            int to = bounds[i + 1];
            if (i < prevSize && prevStrings[i] != null
                    && Arrays.equals(data, from, to, prevData, prevBounds[i], prevBounds[i + 1])) {
                s = prevStrings[i];
            } else {
                s = new String(data, from, to - from, StandardCharsets.UTF_8);
            }
            strings[i] = s;
        }
        return s;
    }

    /** A hash of argument {@code i} that ignores ASCII case: see {@link #lowerHash(byte[], int, int)}. */
    int lowerHash(int i) {
        return lowerHash(data, bounds[i], bounds[i + 1]);
    }

    /**
     * Length, first, middle and last byte, each with bit 0x20 set (which folds ASCII case, and a few other bytes
     * together, which the exact match then tells apart): constant time, enough to spread a few dozen command names.
     */
    static int lowerHash(byte[] bytes, int from, int to) {
        int n = to - from;
        if (n == 0) return 0;
        return ((n * 31 + (bytes[from] | 0x20)) * 31 + (bytes[from + n / 2] | 0x20)) * 31 + (bytes[to - 1] | 0x20);
    }

    /**
     * True if argument {@code i} is {@code lowerName} in any ASCII case (strcasecmp, as Redis looks commands up);
     * {@code foldMask} has 0x20 where {@code lowerName} has a letter, 0 elsewhere.
     */
    boolean equalsIgnoreCase(int i, byte[] lowerName, byte[] foldMask) {
        int from = bounds[i];
        if (bounds[i + 1] - from != lowerName.length) return false;
        for (int j = 0; j < lowerName.length; j++) {
            if ((data[from + j] | foldMask[j]) != lowerName[j]) return false;
        }
        return true;
    }
}
