package io.sentinel.server.resp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;

/** One client of a {@link RespServer} pipeline on an EmbeddedChannel: send raw bytes, read raw replies. */
final class EmbeddedClient {
    final EmbeddedChannel channel = new EmbeddedChannel();

    EmbeddedClient(RespServer server) {
        server.initClient(channel);
        channel.pipeline().fireChannelActive();
    }

    EmbeddedClient send(String raw) {
        channel.writeInbound(Unpooled.copiedBuffer(raw, StandardCharsets.UTF_8));
        return this;
    }

    /** Sends one byte per read, the worst split a client can produce. */
    EmbeddedClient sendByteByByte(String raw) {
        for (byte b : raw.getBytes(StandardCharsets.UTF_8)) channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        return this;
    }

    /** Everything written to the client so far (after running tasks queued on its event loop). */
    String output() {
        channel.runPendingTasks();
        StringBuilder sb = new StringBuilder();
        ByteBuf b;
        while ((b = channel.readOutbound()) != null) {
            sb.append(b.toString(StandardCharsets.UTF_8));
            b.release();
        }
        return sb.toString();
    }

    /** Sends and returns what came back. */
    String call(String raw) {
        return send(raw).output();
    }

    boolean open() {
        channel.runPendingTasks();
        return channel.isOpen();
    }

    void close() {
        channel.close();
        channel.runPendingTasks();
    }
}
