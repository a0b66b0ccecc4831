package io.sentinel.server.link;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.redis.ArrayHeaderRedisMessage;
import io.netty.handler.codec.redis.BulkStringHeaderRedisMessage;
import io.netty.handler.codec.redis.BulkStringRedisContent;
import io.netty.handler.codec.redis.ErrorRedisMessage;
import io.netty.handler.codec.redis.LastBulkStringRedisContent;
import io.netty.handler.codec.redis.SimpleStringRedisMessage;
import io.netty.util.ReferenceCountUtil;

import java.util.ArrayDeque;

/**
 * Bounds what one reply from a Redis instance or a peer may make us buffer, between Netty's {@code RedisDecoder}
 * (which reads bulks in chunks, lines up to 64 KiB) and the aggregators (which would otherwise buffer a 512 MB bulk
 * or pre-size a list for any array header). Counts, per top-level reply, the bytes of its bulks and lines and the
 * elements of its arrays, and its nesting depth. Past a cap it raises {@link TooLongFrameException}, which closes
 * the connection (the link then reconnects), and drops whatever the decoder still hands on.
 */
final class RespReplyLimits extends ChannelInboundHandlerAdapter {
    /** INFO replies are a few KB; like our server, refuse anything near Redis's 512 MB bulk. */
    static final long MAX_REPLY_BYTES = 64L * 1024 * 1024;
    /** Elements over all arrays of one reply (Redis caps a request at 1M arguments). */
    static final long MAX_REPLY_ELEMENTS = 1024 * 1024;
    /** Sentinel and Redis replies nest two or three levels. */
    static final int MAX_DEPTH = 8;

    private final long maxBytes;
    private final long maxElements;
    /** Elements still to come in each open array, innermost last. */
    private final ArrayDeque<long[]> open = new ArrayDeque<>();
    private long bytes;
    private long elements;
    private boolean refused;

    RespReplyLimits() {
        this(MAX_REPLY_BYTES, MAX_REPLY_ELEMENTS);
    }

    RespReplyLimits(long maxBytes, long maxElements) {
        this.maxBytes = maxBytes;
        this.maxElements = maxElements;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (refused) {
            ReferenceCountUtil.release(msg);
            return;
        }
        try {
            account(msg);
        } catch (TooLongFrameException e) {
            refused = true;
            ReferenceCountUtil.release(msg);
            throw e;
        }
        ctx.fireChannelRead(msg);
    }

    private void account(Object msg) throws TooLongFrameException {
        if (msg instanceof ArrayHeaderRedisMessage a) {
            if (a.isNull() || a.length() == 0) {
                elementDone();
                return;
            }
            elements += a.length();
            check(elements <= maxElements, "array of " + a.length() + " elements");
            check(open.size() < MAX_DEPTH, "arrays nested deeper than " + MAX_DEPTH);
            open.addLast(new long[] {a.length()});
        } else if (msg instanceof BulkStringHeaderRedisMessage b) {
            bytes += Math.max(0, b.bulkStringLength());
            check(bytes <= maxBytes, "bulk of " + b.bulkStringLength() + " bytes");
        } else if (msg instanceof BulkStringRedisContent c) {
            if (c instanceof LastBulkStringRedisContent) elementDone();
        } else {
            if (msg instanceof SimpleStringRedisMessage s) bytes += s.content().length();
            if (msg instanceof ErrorRedisMessage e) bytes += e.content().length();
            check(bytes <= maxBytes, "reply line");
            elementDone(); // a line, an integer, or a null or empty bulk
        }
    }

    /** One element is complete: count it in its array, closing every array it completes. */
    private void elementDone() {
        while (!open.isEmpty()) {
            long[] left = open.peekLast();
            if (--left[0] > 0) return;
            open.removeLast(); // that array is complete: an element of its parent
        }
        bytes = 0; // a whole reply is complete
        elements = 0;
    }

    private void check(boolean ok, String what) throws TooLongFrameException {
        if (!ok) {
            throw new TooLongFrameException("reply too large: " + what + " (limits: " + maxBytes + " bytes, "
                    + maxElements + " elements per reply)");
        }
    }
}
