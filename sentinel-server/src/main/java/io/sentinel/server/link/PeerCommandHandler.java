package io.sentinel.server.link;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.redis.ArrayRedisMessage;
import io.netty.handler.codec.redis.ErrorRedisMessage;
import io.netty.handler.codec.redis.FullBulkStringRedisMessage;
import io.netty.handler.codec.redis.IntegerRedisMessage;
import io.netty.handler.codec.redis.RedisMessage;
import io.netty.handler.codec.redis.SimpleStringRedisMessage;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The command side of a connection to a peer sentinel: writes RESP commands, matches replies to them in order
 * (a bounded FIFO), and fails each command that gets no reply within the timeout. A command that timed out keeps
 * its place in the FIFO so that its late reply is matched, and dropped, rather than taken for the next one's.
 * Runs on the channel's event loop only.
 */
final class PeerCommandHandler extends SimpleChannelInboundHandler<RedisMessage> {
    private static final Logger log = LoggerFactory.getLogger(PeerCommandHandler.class);

    /** An error reply ({@code -ERR ...}), as a value: what to do with it is the caller's business. */
    record ReplyError(String text) { }

    private final long timeoutMillis;
    private final int maxPending;
    private final ArrayDeque<CompletableFuture<Object>> pending = new ArrayDeque<>();
    private ChannelHandlerContext ctx;

    PeerCommandHandler(long timeoutMillis, int maxPending) {
        this.timeoutMillis = timeoutMillis;
        this.maxPending = maxPending;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    /**
     * Sends a command; the future completes on the event loop with the reply (String, Long, null, ReplyError or a
     * List of these) or fails with the reason. Call on the event loop.
     */
    CompletableFuture<Object> call(String... args) {
        CompletableFuture<Object> reply = new CompletableFuture<>();
        if (!ctx.channel().isActive()) {
            reply.completeExceptionally(new IllegalStateException("link down"));
        } else if (pending.size() >= maxPending) {
            // a peer that stopped answering: start over on a fresh connection
            reply.completeExceptionally(new IllegalStateException("too many pending commands"));
            ctx.close();
        } else {
            pending.add(reply);
            ctx.writeAndFlush(encode(args));
            ScheduledFuture<?> timer = ctx.executor().schedule(
                    () -> reply.completeExceptionally(new IllegalStateException("timeout")),
                    timeoutMillis, TimeUnit.MILLISECONDS);
            reply.whenComplete((r, e) -> timer.cancel(false));
        }
        return reply;
    }

    private ByteBuf encode(String... args) {
        ByteBuf out = ctx.alloc().buffer();
        out.writeCharSequence("*" + args.length + "\r\n", StandardCharsets.US_ASCII);
        for (String arg : args) {
            byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
            out.writeCharSequence("$" + bytes.length + "\r\n", StandardCharsets.US_ASCII);
            out.writeBytes(bytes);
            out.writeCharSequence("\r\n", StandardCharsets.US_ASCII);
        }
        return out;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, RedisMessage msg) {
        CompletableFuture<Object> reply = pending.poll();
        if (reply == null) {
            log.debug("{}: reply without a command, closing", ctx.channel().remoteAddress());
            ctx.close();
            return;
        }
        reply.complete(toValue(msg)); // no-op when it already timed out: a late reply is dropped
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        failAll("connection lost");
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("{}: {}", ctx.channel().remoteAddress(), cause.toString());
        failAll(LinkErrors.reason(cause));
        ctx.close();
    }

    private void failAll(String reason) {
        CompletableFuture<Object> reply;
        while ((reply = pending.poll()) != null) reply.completeExceptionally(new IllegalStateException(reason));
    }

    static Object toValue(RedisMessage msg) {
        if (msg instanceof SimpleStringRedisMessage s) return s.content();
        if (msg instanceof ErrorRedisMessage e) return new ReplyError(e.content());
        if (msg instanceof IntegerRedisMessage i) return i.value();
        if (msg instanceof FullBulkStringRedisMessage b) {
            return b.isNull() ? null : b.content().toString(StandardCharsets.UTF_8);
        }
        if (msg instanceof ArrayRedisMessage a) {
            if (a.isNull()) return null;
            List<Object> items = new ArrayList<>(a.children().size());
            for (RedisMessage child : a.children()) items.add(toValue(child));
            return items;
        }
        throw new IllegalArgumentException("unexpected RESP message " + msg.getClass().getSimpleName());
    }
}
