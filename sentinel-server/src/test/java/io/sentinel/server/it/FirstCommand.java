package io.sentinel.server.it;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The first request on a connection, read without consuming it, so a {@link FaultProxy} can tell whose link the
 * connection is (a sentinel's {@code CLIENT SETNAME sentinel-1111aaaa-cmd}) before it forwards a byte. A RESP array
 * of bulk strings, or an inline command line.
 */
final class FirstCommand {
    /** Past this many bytes without a complete request, the connection is nobody's in particular. */
    static final int MAX_BYTES = 16 * 1024;
    private static final List<String> UNREADABLE = List.of();

    private FirstCommand() {
    }

    /**
     * The arguments of the first request in {@code buf} (its reader index unchanged); null while incomplete; an
     * empty list when the bytes are no request (or too long) and never will be.
     */
    static List<String> parse(ByteBuf buf) {
        if (buf.readableBytes() > MAX_BYTES) return UNREADABLE;
        ByteBuf b = buf.duplicate();
        if (!b.isReadable()) return null;
        if (b.getByte(b.readerIndex()) != '*') return inline(b);
        Long count = number(b);
        if (count == null) return null;
        if (count < 1 || count > 64) return UNREADABLE;
        List<String> args = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            if (!b.isReadable()) return null;
            if (b.getByte(b.readerIndex()) != '$') return UNREADABLE;
            Long length = number(b);
            if (length == null) return null;
            if (length < 0 || length > MAX_BYTES) return UNREADABLE;
            if (b.readableBytes() < length + 2) return null;
            args.add(b.readCharSequence(length.intValue(), StandardCharsets.UTF_8).toString());
            b.skipBytes(2);
        }
        return args;
    }

    /** The name when {@code args} is {@code CLIENT SETNAME <name>}, else null. */
    static String clientName(List<String> args) {
        return args.size() == 3 && args.get(0).equalsIgnoreCase("CLIENT") && args.get(1).equalsIgnoreCase("SETNAME")
                ? args.get(2) : null;
    }

    private static List<String> inline(ByteBuf b) {
        int eol = b.indexOf(b.readerIndex(), b.writerIndex(), (byte) '\n');
        if (eol < 0) return null;
        String line = b.toString(b.readerIndex(), eol - b.readerIndex(), StandardCharsets.UTF_8).trim();
        return line.isEmpty() ? UNREADABLE : List.of(line.split("\\s+"));
    }

    /** {@code *<digits>\r\n} or {@code $<digits>\r\n} read from {@code b}; null while the line is incomplete. */
    private static Long number(ByteBuf b) {
        int eol = b.indexOf(b.readerIndex(), b.writerIndex(), (byte) '\n');
        if (eol < 0) return null;
        String line = b.toString(b.readerIndex() + 1, eol - b.readerIndex() - 1, StandardCharsets.US_ASCII).trim();
        b.readerIndex(eol + 1);
        try {
            return Long.parseLong(line);
        } catch (NumberFormatException e) {
            return -1L;
        }
    }
}
