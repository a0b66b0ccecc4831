package io.sentinel.server.resp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.ByteProcessor;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Reads client requests: multibulk arrays of bulk strings, or inline lines. Emits one {@link Request} per command
 * (empty requests are skipped like Redis does), or one {@link ProtocolError} after which it ignores all input: the
 * handler answers it and closes. The same {@link Request} instance is refilled for the next command, which is safe
 * because Netty passes each emitted message down the pipeline before this decoder is called again; arguments are
 * copied out of the input buffer once, and become Strings only if a command asks. Arguments are consumed as soon as they are complete and every header
 * or inline line is capped, so a client can never make us buffer more than the limits plus one read.
 *
 * <p>One command per {@code decode} call, so that an AUTH is handled before the next header is judged against the
 * unauthenticated limits.
 */
public final class RespDecoder extends ByteToMessageDecoder {

    /** The decoder gave up on this connection: reply {@code message} and close. */
    public record ProtocolError(String message) { }

    private final RespLimits limits;
    private final BooleanSupplier unauthenticated;
    private int argsLeft;
    private int bulkLength = -1;
    private final Request request = new Request();
    private boolean failed;

    public RespDecoder(RespLimits limits, BooleanSupplier unauthenticated) {
        this.limits = limits;
        this.unauthenticated = unauthenticated;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        while (in.isReadable()) {
            if (argsLeft == 0) {
                boolean progressed = in.getByte(in.readerIndex()) == '*'
                        ? readArrayHeader(in, out) : readInline(in, out);
                if (!progressed || !out.isEmpty()) return;
            } else if (!readBulk(in, out) || !out.isEmpty()) {
                return;
            }
        }
    }

    private boolean readArrayHeader(ByteBuf in, List<Object> out) {
        int cr = in.forEachByte(ByteProcessor.FIND_CR);
        if (cr < 0 || cr + 1 >= in.writerIndex()) {
            if (in.readableBytes() > limits.maxInlineBytes()) fail(in, out, Errors.PROTO_MBULK_COUNT_TOO_BIG);
            return false;
        }
        long n = parseLong(in, in.readerIndex() + 1, cr);
        if (n == Long.MIN_VALUE || n > limits.maxArgs()) return fail(in, out, Errors.PROTO_MBULK_LENGTH);
        if (n > limits.maxUnauthArgs() && unauthenticated.getAsBoolean()) {
            return fail(in, out, Errors.PROTO_UNAUTH_MBULK_LENGTH);
        }
        in.readerIndex(cr + 2);
        if (n > 0) {
            argsLeft = (int) n;
            request.reset(Math.min(argsLeft, 1024));
        }
        return true;
    }

    private boolean readBulk(ByteBuf in, List<Object> out) {
        if (bulkLength < 0 && !readBulkHeader(in, out)) return false;
        if (in.readableBytes() < bulkLength + 2) return false;
        request.append(in, in.readerIndex(), bulkLength);
        in.skipBytes(bulkLength + 2);
        bulkLength = -1;
        if (--argsLeft == 0) out.add(request);
        return true;
    }

    private boolean readBulkHeader(ByteBuf in, List<Object> out) {
        int cr = in.forEachByte(ByteProcessor.FIND_CR);
        if (cr < 0 || cr + 1 >= in.writerIndex()) {
            if (in.readableBytes() > limits.maxInlineBytes()) fail(in, out, Errors.PROTO_BULK_COUNT_TOO_BIG);
            return false;
        }
        byte first = in.getByte(in.readerIndex());
        if (first != '$') return fail(in, out, Errors.expectedDollar((char) (first & 0xff)));
        long n = parseLong(in, in.readerIndex() + 1, cr);
        if (n < 0 || n > limits.maxBulkBytes()) return fail(in, out, Errors.PROTO_BULK_LENGTH);
        if (n > limits.maxUnauthBulkBytes() && unauthenticated.getAsBoolean()) {
            return fail(in, out, Errors.PROTO_UNAUTH_BULK_LENGTH);
        }
        in.readerIndex(cr + 2);
        bulkLength = (int) n;
        return true;
    }

    private boolean readInline(ByteBuf in, List<Object> out) {
        int lf = in.forEachByte(ByteProcessor.FIND_LF);
        if (lf < 0) {
            if (in.readableBytes() > limits.maxInlineBytes()) fail(in, out, Errors.PROTO_INLINE_TOO_BIG);
            return false;
        }
        int end = lf > in.readerIndex() && in.getByte(lf - 1) == '\r' ? lf - 1 : lf;
        byte[] line = new byte[end - in.readerIndex()];
        in.getBytes(in.readerIndex(), line);
        in.readerIndex(lf + 1);
        List<String> words = InlineSplitter.split(line);
        if (words == null) return fail(in, out, Errors.PROTO_UNBALANCED_QUOTES);
        if (words.size() > limits.maxArgs()) return fail(in, out, Errors.PROTO_MBULK_LENGTH);
        if (words.isEmpty()) return true;
        request.reset(words.size());
        for (String w : words) request.append(w);
        out.add(request);
        return true;
    }

    /** Emits the error and drops the rest of the input (the decoder must consume what it reports on). */
    private boolean fail(ByteBuf in, List<Object> out, String message) {
        failed = true;
        in.skipBytes(in.readableBytes());
        out.add(new ProtocolError(message));
        return false;
    }

    /** Redis's string2ll: optional '-', digits only, no overflow; Long.MIN_VALUE when malformed. */
    static long parseLong(ByteBuf in, int from, int to) {
        if (from >= to || to - from > 19) return Long.MIN_VALUE;
        boolean negative = in.getByte(from) == '-';
        int i = negative ? from + 1 : from;
        if (i == to) return Long.MIN_VALUE;
        long v = 0;
        for (; i < to; i++) {
            int d = in.getByte(i) - '0';
            if (d < 0 || d > 9) return Long.MIN_VALUE;
            v = v * 10 + d;
        }
        return negative ? -v : v;
    }
}
