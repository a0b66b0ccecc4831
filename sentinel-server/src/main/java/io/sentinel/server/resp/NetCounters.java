package io.sentinel.server.resp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import java.util.concurrent.atomic.LongAdder;

/**
 * First in every client pipeline: counts bytes and buffers read and written, and replies that are errors (a
 * written buffer that starts with {@code -}, or {@code !} in RESP3), for INFO's {@code total_net_*_bytes},
 * {@code total_reads/writes_processed} and {@code total_error_replies}. Shared by all clients: adders, no locks.
 */
@ChannelHandler.Sharable
final class NetCounters extends ChannelDuplexHandler {
    final LongAdder inputBytes = new LongAdder();
    final LongAdder outputBytes = new LongAdder();
    final LongAdder reads = new LongAdder();
    final LongAdder writes = new LongAdder();
    final LongAdder errorReplies = new LongAdder();
    private Runnable onTraffic = () -> { };

    /** Runs on every read and write (on the client's event loop); set before the first client connects. */
    void onTraffic(Runnable listener) {
        this.onTraffic = listener;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf buf) {
            reads.increment();
            inputBytes.add(buf.readableBytes());
            onTraffic.run();
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf buf && buf.isReadable()) {
            writes.increment();
            outputBytes.add(buf.readableBytes());
            byte first = buf.getByte(buf.readerIndex());
            if (first == '-' || first == '!') errorReplies.increment();
            onTraffic.run();
        }
        ctx.write(msg, promise);
    }
}
