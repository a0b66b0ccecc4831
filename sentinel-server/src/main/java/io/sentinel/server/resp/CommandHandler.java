package io.sentinel.server.resp;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.sentinel.server.command.Errors;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of a client's pipeline, and its decoder's sink: runs each decoded request on the event loop
 * (answers are local, or queue in order behind a late SENTINEL reply), flushes once per read batch, stops reading
 * while the client does not drain its output, and forgets the client when it goes.
 */
final class CommandHandler extends ChannelInboundHandlerAdapter implements RespDecoder.Sink, ClientPause.Waiter {
    private static final Logger LOG = LoggerFactory.getLogger(CommandHandler.class);

    private final ClientConnection client;
    private final CommandDispatcher dispatcher;
    private final ClientRegistry registry;
    private final PubSub pubSub;
    private final ClientPause pause;
    /** A read batch is under way: the client's interaction time is already stamped. */
    private boolean reading;
    /** The request a CLIENT PAUSE holds; what the client sends after it stays undecoded until it runs. */
    private Request held;

    CommandHandler(ClientConnection client, CommandDispatcher dispatcher, ClientRegistry registry, PubSub pubSub,
            ClientPause pause) {
        this.client = client;
        this.dispatcher = dispatcher;
        this.registry = registry;
        this.pubSub = pubSub;
        this.pause = pause;
    }

    /** The connection this handler serves (tests reach a client's state through its pipeline). */
    ClientConnection client() {
        return client;
    }

    @Override
    public void request(Request request) {
        if (client.output().closing()) return;
        stampInteraction();
        if (!dispatcher.dispatch(client, request, this)) hold(request.copy());
    }

    /** Redis stops processing a blocked client's input: so does the decoder, and we stop reading the socket. */
    private void hold(Request request) {
        held = request;
        client.blocked(true);
        client.channel().config().setAutoRead(false);
    }

    @Override
    public boolean holding() {
        return held != null;
    }

    @Override
    public void wake() {
        client.channel().eventLoop().execute(this::resume);
    }

    /** The pause ended: run the held request again (a pause may hold it again), then the input behind it. */
    private void resume() {
        Request request = held;
        if (request == null || !client.channel().isActive()) return;
        held = null;
        client.blocked(false);
        if (!dispatcher.dispatch(client, request, this)) {
            hold(request);
            return;
        }
        client.channel().config().setAutoRead(client.channel().isWritable());
        RespDecoder decoder = client.channel().pipeline().get(RespDecoder.class);
        if (decoder != null) decoder.resume();
        else client.output().flush();
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
        ctx.channel().config().setAutoRead(ctx.channel().isWritable() && held == null);
        ctx.fireChannelWritabilityChanged();
    }

    /**
     * timeout: Redis's clientsCronHandleTimeout closes an idle client silently, except a subscriber (one with a
     * channel or pattern) and a client a CLIENT PAUSE holds; the idle handler counts reads and writes, as Redis's
     * lastinteraction does.
     */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (!(evt instanceof IdleStateEvent)) {
            ctx.fireUserEventTriggered(evt);
            return;
        }
        if (held != null || client.subscriptionCount() > 0) return;
        LOG.debug("Closing idle client id={} addr={}", client.id(), client.addr());
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (held != null) pause.unpark(this);
        held = null;
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
