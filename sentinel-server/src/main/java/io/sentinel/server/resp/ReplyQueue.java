package io.sentinel.server.resp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.sentinel.server.reply.Resp;
import java.util.ArrayDeque;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * A connection's output, used only on its event loop. Replies are encoded into one buffer that is written and
 * flushed once per read batch; a reply that completes later (SENTINEL via the core loop) holds a slot, and every
 * reply or message behind it waits so that pipelined clients get their answers in order.
 */
final class ReplyQueue {
    private static final class Slot {
        final boolean resp3;
        Resp value;

        Slot(boolean resp3, Resp value) {
            this.resp3 = resp3;
            this.value = value;
        }
    }

    /** Room for a pipeline of 16 short replies without growing the buffer. */
    private static final int BATCH_BYTES = 1024;

    private final Channel channel;
    private final ArrayDeque<Slot> waiting = new ArrayDeque<>();
    private ByteBuf batch;
    private boolean flushScheduled;
    private boolean closeWhenDone;
    private boolean closeSent;

    ReplyQueue(Channel channel) {
        this.channel = channel;
    }

    void add(Resp reply, boolean resp3) {
        if (waiting.isEmpty()) encode(reply, resp3);
        else waiting.add(new Slot(resp3, reply));
    }

    /** A shared reply already encoded: copied as bytes unless it has to wait behind a later reply. */
    void add(EncodedReply reply, boolean resp3) {
        if (!waiting.isEmpty()) {
            waiting.add(new Slot(resp3, reply.source));
            return;
        }
        if (batch == null) batch = channel.alloc().ioBuffer(BATCH_BYTES);
        batch.writeBytes(reply.bytes(resp3));
    }

    /** Holds this reply's place; the rest of the pipeline queues behind it until it completes. */
    void addLater(CompletionStage<Resp> stage, boolean resp3) {
        Slot slot = new Slot(resp3, null);
        waiting.add(slot);
        stage.whenComplete((value, error) -> {
            Resp reply = error == null ? value : failure(error);
            if (channel.eventLoop().inEventLoop()) complete(slot, reply);
            else channel.eventLoop().execute(() -> complete(slot, reply));
        });
    }

    private static Resp failure(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
        return Resp.error(message.startsWith("ERR ") ? message : "ERR " + message);
    }

    private void complete(Slot slot, Resp reply) {
        slot.value = reply == null ? Resp.NULL : reply;
        while (!waiting.isEmpty() && waiting.peek().value != null) {
            Slot head = waiting.poll();
            encode(head.value, head.resp3);
        }
        flush();
    }

    private void encode(Resp reply, boolean resp3) {
        if (batch == null) batch = channel.alloc().ioBuffer(BATCH_BYTES);
        ReplyEncoder.encode(reply, resp3, batch);
    }

    /** Writes what is ready; closes once everything has been sent if {@link #closeAfterReplies} was asked. */
    void flush() {
        flushScheduled = false;
        if (batch != null) {
            ByteBuf ready = batch;
            batch = null;
            channel.writeAndFlush(ready, channel.voidPromise());
        }
        if (closeWhenDone && waiting.isEmpty() && !closeSent) {
            closeSent = true;
            channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** One flush for a burst of pub/sub messages delivered by separate tasks. */
    void scheduleFlush() {
        if (flushScheduled) return;
        flushScheduled = true;
        channel.eventLoop().execute(this::flush);
    }

    void closeAfterReplies() {
        closeWhenDone = true;
    }

    boolean closing() {
        return closeWhenDone;
    }

    /** Bytes encoded but not yet handed to the channel. */
    int buffered() {
        return batch == null ? 0 : batch.readableBytes();
    }

    void release() {
        waiting.clear();
        if (batch != null) {
            batch.release();
            batch = null;
        }
    }
}
