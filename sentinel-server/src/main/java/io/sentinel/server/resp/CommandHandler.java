package io.sentinel.server.resp;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.sentinel.server.command.Errors;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of a client's pipeline, and its decoder's sink: runs each decoded request on the event loop
 * (answers are local, or queue in order behind a late SENTINEL reply), flushes once per read batch, stops reading
 * while the client does not drain its output, and forgets the client when it goes.
 */
final class CommandHandler extends ChannelInboundHandlerAdapter implements RespDecoder.Sink {
    private static final Logger LOG = LoggerFactory.getLogger(CommandHandler.class);

    private final ClientConnection client;
    private final CommandDispatcher dispatcher;
    private final ClientRegistry registry;
    private final PubSub pubSub;
    /** A read batch is under way: the client's interaction time is already stamped. */
    private boolean reading;

    CommandHandler(ClientConnection client, CommandDispatcher dispatcher, ClientRegistry registry, PubSub pubSub) {
        this.client = client;
        this.dispatcher = dispatcher;
        this.registry = registry;
        this.pubSub = pubSub;
    }

    @Override
    public void request(Request request) {
        if (client.output().closing()) return;
        stampInteraction();
        dispatcher.dispatch(client, request);
    }

    @Override
    public void protocolError(String message) {
        if (client.output().closing()) return;
        stampInteraction();
        client.output().add(Errors.reply(message), client.protocol() == 3);
        client.output().closeAfterReplies();
        LOG.debug("Protocol error from client id={} addr={}: {}", client.id(), client.addr(), message);
    }

    private void stampInteraction() {
        if (!reading) {
            reading = true;
            client.touched();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        reading = false;
        client.output().flush();
    }

    /** Backpressure: a client that does not read its replies stops being read until it catches up. */
    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        ctx.channel().config().setAutoRead(ctx.channel().isWritable());
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        pubSub.unsubscribeAll(client);
        registry.unregister(client);
        client.output().release();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            LOG.debug("Client id={} addr={} I/O error: {}", client.id(), client.addr(), cause.toString());
        } else {
            LOG.warn("Client id={} addr={} closed after an error", client.id(), client.addr(), cause);
        }
        ctx.close();
    }
}
