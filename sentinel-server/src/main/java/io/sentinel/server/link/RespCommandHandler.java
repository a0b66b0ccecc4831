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
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Our RESP2 client, for Redis instances and peer sentinels alike: writes commands as RESP arrays, matches replies
 * to them in order (a bounded FIFO), and fails each command that gets no reply within the timeout. A command that
 * timed out keeps its place in the FIFO, and the connection stays open (as Lettuce, our former client, did): its
 * late reply is matched, and dropped, rather than taken for the next one's. A connection that stops answering
 * altogether fills the FIFO and is closed; the core closes one silent past down-after as well. On a subscribed
 * connection, pub/sub messages go to {@code pushes} instead. Runs on the channel's event loop only.
 */
final class RespCommandHandler extends SimpleChannelInboundHandler<RedisMessage> {
    private static final Logger log = LoggerFactory.getLogger(RespCommandHandler.class);

    /** An error reply ({@code -ERR ...}), as a value: what to do with it is the caller's business. */
    record ReplyError(String text) { }

    private final long timeoutMillis;
    private final int maxPending;
    private final Consumer<List<Object>> pushes;
    private final ArrayDeque<CompletableFuture<Object>> pending = new ArrayDeque<>();
    private ChannelHandlerContext ctx;

    /** A command connection: every reply answers a command. */
    RespCommandHandler(long timeoutMillis, int maxPending) {
        this(timeoutMillis, maxPending, null);
    }

    /** @param pushes receives {@code [message, channel, payload]} arrays; null on a command connection */
    RespCommandHandler(long timeoutMillis, int maxPending, Consumer<List<Object>> pushes) {
        this.timeoutMillis = timeoutMillis;
        this.maxPending = maxPending;
        this.pushes = pushes;
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
        return callAll(Collections.singletonList(args)).get(0);
    }

    /** Sends the commands in one write (MULTI .. EXEC); one future per command, in order. */
    List<CompletableFuture<Object>> callAll(List<String[]> commands) {
        List<CompletableFuture<Object>> replies = new ArrayList<>(commands.size());
        for (int i = 0; i < commands.size(); i++) replies.add(new CompletableFuture<>());
        if (!ctx.channel().isActive()) {
            replies.forEach(r -> r.completeExceptionally(new IllegalStateException("link down")));
        } else if (pending.size() + commands.size() > maxPending) {
            // an instance that stopped answering: start over on a fresh connection
            replies.forEach(r -> r.completeExceptionally(new IllegalStateException("too many pending commands")));
            ctx.close();
        } else {
            ByteBuf out = ctx.alloc().buffer();
            for (String[] args : commands) encode(out, args);
            pending.addAll(replies);
            ctx.writeAndFlush(out);
            replies.forEach(this::expireLater);
        }
        return replies;
    }

    private void expireLater(CompletableFuture<Object> reply) {
        ScheduledFuture<?> timer = ctx.executor().schedule(
                () -> reply.completeExceptionally(new IllegalStateException("timeout")),
                timeoutMillis, TimeUnit.MILLISECONDS);
        reply.whenComplete((r, e) -> timer.cancel(false));
    }

    private static void encode(ByteBuf out, String... args) {
        out.writeByte('*').writeCharSequence(Integer.toString(args.length), StandardCharsets.US_ASCII);
        out.writeShort(CRLF);
        for (String arg : args) {
            byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
            out.writeByte('$').writeCharSequence(Integer.toString(bytes.length), StandardCharsets.US_ASCII);
            out.writeShort(CRLF);
            out.writeBytes(bytes).writeShort(CRLF);
        }
    }

    private static final int CRLF = ('\r' << 8) | '\n';

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, RedisMessage msg) {
        Object value = toValue(msg);
        if (pushes != null && isMessage(value)) {
            @SuppressWarnings("unchecked") List<Object> push = (List<Object>) value;
            pushes.accept(push);
            return;
        }
        CompletableFuture<Object> reply = pending.poll();
        if (reply == null) {
            log.debug("{}: reply without a command, closing", ctx.channel().remoteAddress());
            ctx.close();
            return;
        }
        reply.complete(value); // no-op when it already timed out: a late reply is dropped
    }

    /** A pub/sub message: {@code [message, channel, payload]} or {@code [pmessage, pattern, channel, payload]}. */
    private static boolean isMessage(Object value) {
        return value instanceof List<?> l && !l.isEmpty()
                && ("message".equals(l.get(0)) || "pmessage".equals(l.get(0)));
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
