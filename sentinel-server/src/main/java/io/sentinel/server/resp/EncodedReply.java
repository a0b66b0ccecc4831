package io.sentinel.server.resp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.sentinel.server.reply.Resp;

/**
 * A reply encoded once in both protocols, for a reply many requests share (PONG; a master's address until the view
 * changes): sending it is one copy of bytes instead of walking the reply again.
 */
final class EncodedReply {
    final Resp source;
    private final byte[] resp2;
    private final byte[] resp3;

    private EncodedReply(Resp source, byte[] resp2, byte[] resp3) {
        this.source = source;
        this.resp2 = resp2;
        this.resp3 = resp3;
    }

    static EncodedReply of(Resp reply) {
        return new EncodedReply(reply, encode(reply, false), encode(reply, true));
    }

    private static byte[] encode(Resp reply, boolean resp3) {
        ByteBuf b = Unpooled.buffer(64);
        try {
            ReplyEncoder.encode(reply, resp3, b);
            return ByteBufUtil.getBytes(b);
        } finally {
            b.release();
        }
    }

    byte[] bytes(boolean resp3) {
        return resp3 ? this.resp3 : resp2;
    }
}
