package io.sentinel.server.resp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.ByteProcessor;
import io.sentinel.server.command.Errors;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Reads client requests: multibulk arrays of bulk strings, or inline lines. Hands each command to its {@link Sink}
 * as soon as it is complete (empty requests are skipped like Redis does), or one protocol error after which it
 * ignores all input: the sink answers it and closes. Arguments are consumed as soon as they are complete and every
 * header or inline line is capped, and so is a request's whole size, so a client can never make us buffer more than
 * the limits plus one read.
 *
 * <p>Commands are handed over one at a time, synchronously, in the middle of decoding, so that an AUTH has run
 * before the next header is judged against the unauthenticated limits; and the one {@link Request} is refilled for
 * the next command. Whole multibulk commands at the start of the input are parsed from one heap copy of it (plain
 * array reads, no per-byte buffer calls); anything else (inline, partial, malformed, over a limit) goes through the
 * byte-by-byte path below, which also gives every error.
 */
public final class RespDecoder extends ByteToMessageDecoder {

    /** Where decoded commands go; called on the event loop, during decoding. */
    interface Sink {
        /** {@code request} is valid only during the call. */
        void request(Request request);

        /** The decoder gave up on this connection: reply {@code message} and close. */
        void protocolError(String message);

        /** True while the sink cannot take another request (a CLIENT PAUSE holds one): input waits, undecoded. */
        default boolean holding() {
            return false;
        }
    }

    /** Input copied at once for the fast path, at most (per connection, so kept small). */
    private static final int FAST_COPY_BYTES = 4096;
    /** A count line the fast path reads: {@code *}, 1 to 9 digits, CR, and the byte after it. */
    private static final int COUNT_LINE_BYTES = 12;

    /**
     * Most argument slots made ready from a header's count: the count is a claim the bytes have not backed yet, so
     * beyond this the request grows as arguments arrive.
     */
    private static final int PRESIZE_ARGS = 1024;

    private final RespLimits limits;
    private final BooleanSupplier unauthenticated;
    private final Sink sink;
    private final InputBudget budget;
    /** What this client's unfinished input counts against the budget now. */
    private long charged;
    private final Request request = new Request();
    private byte[] scratch;
    private int argsLeft;
    private int bulkLength = -1;
    private boolean failed;
    private ChannelHandlerContext ctx;

    RespDecoder(RespLimits limits, BooleanSupplier unauthenticated, Sink sink) {
        this(limits, unauthenticated, sink, InputBudget.unlimited());
    }

    RespDecoder(RespLimits limits, BooleanSupplier unauthenticated, Sink sink, InputBudget budget) {
        this.limits = limits;
        this.unauthenticated = unauthenticated;
        this.sink = sink;
        this.budget = budget;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        ctx = context;
    }

    /** Decodes what arrived, then charges the budget with what is left unfinished. */
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        super.channelRead(ctx, msg);
        recharge();
    }

    /**
     * What this client holds unfinished: the decoder's buffer (a partial line or argument; none once everything read
     * was decoded) and the arguments of a request not yet complete. Over the budget: a protocol error, then closed.
     */
    private void recharge() {
        // the memory held, not just the bytes: a cumulation grows by doubling, and so do the request's arrays
        long held = failed ? 0 : internalBuffer().capacity() + (argsLeft > 0 ? request.capacityBytes() : 0);
        long delta = held - charged;
        if (delta == 0) return;
        charged = held;
        if (!budget.charge(delta) && !failed) fail(Errors.PROTO_CLIENTS_INPUT_OVER_BUDGET);
    }

    /** Closed or removed: this client's charge goes back to the budget. */
    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        budget.charge(-charged);
        charged = 0;
    }

    /** The sink takes requests again: decode what arrived meanwhile, then flush as after any read. */
    void resume() {
        if (ctx == null || ctx.isRemoved()) return;
        try {
            if (internalBuffer().isReadable()) channelRead(ctx, Unpooled.EMPTY_BUFFER);
        } catch (Exception e) {
            ctx.fireExceptionCaught(e);
        }
        channelReadComplete(ctx);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable() && !failed && !sink.holding()) {
            if (argsLeft == 0 && fastCommands(in)) continue;
            boolean progressed;
            if (argsLeft > 0) progressed = readBulk(in);
            else progressed = in.getByte(in.readerIndex()) == '*' ? readArrayHeader(in) : readInline(in);
            if (!progressed) break;
        }
        if (failed) in.skipBytes(in.readableBytes());
    }

    /**
     * Not the inherited one: it asks for another read when autoRead is off and nothing went down the pipeline, which
     * is always the case here (commands go to the sink), and would undo the handler's backpressure.
     */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        discardSomeReadBytes();
        ctx.fireChannelReadComplete();
    }

    /** Runs the whole, well-formed multibulk commands at the start of {@code in}; true if it ran any. */
    private boolean fastCommands(ByteBuf in) {
        int n = Math.min(in.readableBytes(), FAST_COPY_BYTES);
        if (n < 4 || in.getByte(in.readerIndex()) != '*') return false;
        if (scratch == null || scratch.length < n) {
            // doubled, not fitted: a request arriving a byte at a time must not cost a new array per read
            scratch = new byte[Math.min(FAST_COPY_BYTES, Math.max(n, scratch == null ? 256 : scratch.length * 2))];
        }
        int base = in.readerIndex();
        // the count line first: until it is complete, only the slow path can judge the input, and copying the rest
        // on every read cost 4 KB a read for a header that never ends (a fuzzing finding)
        int head = Math.min(n, COUNT_LINE_BYTES);
        in.getBytes(base, scratch, 0, head);
        if (digitsEnd(scratch, 1, head) < 0) return false;
        in.getBytes(base + head, scratch, head, n - head);
        int pos = 0;
        for (int end; !sink.holding() && (end = fastCommand(scratch, pos, n)) > 0; pos = end) {
            in.readerIndex(base + end);
            sink.request(request);
        }
        return pos > 0;
    }

    /**
     * Parses one command at {@code b[pos]} into {@link #request}: the end offset, or -1 if it is not complete or not
     * plainly within the limits (the slow path then reads it again and gives the same result or error as always).
     */
    private int fastCommand(byte[] b, int pos, int n) {
        if (pos >= n || b[pos] != '*') return -1;
        int cr = digitsEnd(b, pos + 1, n);
        if (cr < 0) return -1;
        long count = digits(b, pos + 1, cr);
        if (count < 1 || count > limits.maxArgs()
                || count > limits.maxUnauthArgs() && unauthenticated.getAsBoolean()) {
            return -1;
        }
        request.reset((int) Math.min(count, PRESIZE_ARGS));
        int p = cr + 2;
        for (long i = 0; i < count; i++) {
            if (p >= n || b[p] != '$') return -1;
            cr = digitsEnd(b, p + 1, n);
            if (cr < 0) return -1;
            long len = digits(b, p + 1, cr);
            if (len > limits.maxBulkBytes() || len > limits.maxRequestBytes() - request.bytes()
                    || len > limits.maxUnauthBulkBytes() && unauthenticated.getAsBoolean()) {
                return -1;
            }
            p = cr + 2;
            if (n - p < len + 2) return -1;
            request.append(b, p, (int) len);
            p += (int) len + 2;
        }
        return p;
    }

    /** Index of the CR ending 1 to 9 digits at {@code from}, with a byte after it; -1 otherwise. */
    private static int digitsEnd(byte[] b, int from, int n) {
        int i = from;
        while (i < n && i - from < 10 && b[i] >= '0' && b[i] <= '9') i++;
        return i == from || i - from > 9 || i + 1 >= n || b[i] != '\r' ? -1 : i;
    }

    private static long digits(byte[] b, int from, int to) {
        long v = 0;
        for (int i = from; i < to; i++) v = v * 10 + (b[i] - '0');
        return v;
    }

    private boolean readArrayHeader(ByteBuf in) {
        int cr = in.forEachByte(ByteProcessor.FIND_CR);
        if (cr < 0 || cr + 1 >= in.writerIndex()) {
            if (in.readableBytes() > limits.maxInlineBytes()) fail(Errors.PROTO_MBULK_COUNT_TOO_BIG);
            return false;
        }
        long n = parseLong(in, in.readerIndex() + 1, cr);
        if (n == Long.MIN_VALUE || n > limits.maxArgs()) return fail(Errors.PROTO_MBULK_LENGTH);
        if (n > limits.maxUnauthArgs() && unauthenticated.getAsBoolean()) {
            return fail(Errors.PROTO_UNAUTH_MBULK_LENGTH);
        }
        in.readerIndex(cr + 2);
        if (n > 0) {
            argsLeft = (int) n;
            request.reset(Math.min(argsLeft, PRESIZE_ARGS));
        }
        return true;
    }

    private boolean readBulk(ByteBuf in) {
        if (bulkLength < 0 && !readBulkHeader(in)) return false;
        if (in.readableBytes() < bulkLength + 2) return false;
        request.append(in, in.readerIndex(), bulkLength);
        in.skipBytes(bulkLength + 2);
        bulkLength = -1;
        if (--argsLeft == 0) sink.request(request);
        return true;
    }

    private boolean readBulkHeader(ByteBuf in) {
        int cr = in.forEachByte(ByteProcessor.FIND_CR);
        if (cr < 0 || cr + 1 >= in.writerIndex()) {
            if (in.readableBytes() > limits.maxInlineBytes()) fail(Errors.PROTO_BULK_COUNT_TOO_BIG);
            return false;
        }
        byte first = in.getByte(in.readerIndex());
        if (first != '$') return fail(Errors.expectedDollar((char) (first & 0xff)));
        long n = parseLong(in, in.readerIndex() + 1, cr);
        if (n < 0 || n > limits.maxBulkBytes()) return fail(Errors.PROTO_BULK_LENGTH);
        if (n > limits.maxUnauthBulkBytes() && unauthenticated.getAsBoolean()) {
            return fail(Errors.PROTO_UNAUTH_BULK_LENGTH);
        }
        // judged on the header, before the argument's bytes are buffered: the request's whole size is capped
        if (n > limits.maxRequestBytes() - request.bytes()) return fail(Errors.PROTO_REQUEST_TOO_BIG);
        in.readerIndex(cr + 2);
        bulkLength = (int) n;
        return true;
    }

    private boolean readInline(ByteBuf in) {
        int lf = in.forEachByte(ByteProcessor.FIND_LF);
        if (lf < 0) {
            if (in.readableBytes() > limits.maxInlineBytes()) fail(Errors.PROTO_INLINE_TOO_BIG);
            return false;
        }
        int end = lf > in.readerIndex() && in.getByte(lf - 1) == '\r' ? lf - 1 : lf;
        byte[] line = new byte[end - in.readerIndex()];
        in.getBytes(in.readerIndex(), line);
        in.readerIndex(lf + 1);
        List<String> words = InlineSplitter.split(line);
        if (words == null) return fail(Errors.PROTO_UNBALANCED_QUOTES);
        if (words.size() > limits.maxArgs()) return fail(Errors.PROTO_MBULK_LENGTH);
        if (words.isEmpty()) return true;
        request.reset(words.size());
        for (String w : words) request.append(w);
        sink.request(request);
        return true;
    }

    /** Reports the error; the rest of the input is dropped, now and later. */
    private boolean fail(String message) {
        failed = true;
        sink.protocolError(message);
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
