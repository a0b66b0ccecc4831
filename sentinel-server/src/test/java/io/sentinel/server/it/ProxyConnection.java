package io.sentinel.server.it;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One accepted connection of a {@link FaultProxy} and its connection to the target. Every method runs on the
 * accepted channel's event loop (the target channel shares it), so there is no locking. The connection is first
 * named (by its source address, or by its first request), then forwarded as its link's {@link Fault} says.
 */
final class ProxyConnection {
    /** Above this many scheduled bytes in one direction, stop reading its source (a full TCP window). */
    private static final int HIGH_WATER = 256 * 1024;

    private final FaultProxy proxy;
    final Channel client;
    private Channel server;
    private boolean connecting;
    private boolean closed;
    /** Written by {@link FaultProxy#register} under its lock, on this connection's event loop. */
    private String source;
    private Fault fault = Fault.PASS;
    private ByteBuf sniffed = Unpooled.EMPTY_BUFFER;
    private final Direction up = new Direction(true);
    private final Direction down = new Direction(false);

    ProxyConnection(FaultProxy proxy, Channel client) {
        this.proxy = proxy;
        this.client = client;
    }

    /** The link's source, or null while the connection is not yet named. */
    String source() {
        return source;
    }

    void source(String name) {
        source = name;
    }

    ChannelInboundHandlerAdapter clientHandler() {
        return new Side(true);
    }

    private void accepted() {
        proxy.accepted(this);
        String byAddress = proxy.naming().byAddress(((InetSocketAddress) client.remoteAddress()).getAddress());
        if (byAddress != null) named(byAddress);
    }

    private void clientRead(ByteBuf bytes) {
        if (source != null) {
            up.receive(bytes);
            return;
        }
        sniffed = Unpooled.wrappedBuffer(sniffed, bytes);
        List<String> first = FirstCommand.parse(sniffed);
        if (first != null) {
            ByteBuf chunk = sniffed;
            sniffed = Unpooled.EMPTY_BUFFER;
            up.held.add(chunk);
            named(proxy.naming().byCommand(first));
        }
    }

    private void named(String name) {
        apply(proxy.register(this, name));
    }

    /** Puts {@code f} into effect for this connection at once: a cut closes it, a black hole stops it reading. */
    void apply(Fault f) {
        if (closed) return;
        fault = f;
        if (f.kind() == Fault.Kind.CUT) {
            close(false);
            return;
        }
        if (f.forwards() && server == null && !connecting) connect();
        up.drain();
        down.drain();
        updateReads();
    }

    /** Closes both sides with RST (SO_LINGER 0), as a crashed host or a middlebox dropping the state would. */
    void reset() {
        close(true);
    }

    private void connect() {
        connecting = true;
        ChannelFuture f = new Bootstrap().group(client.eventLoop()).channel(NioSocketChannel.class)
                .option(ChannelOption.AUTO_READ, false).option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 2000)
                .handler(new Side(false)).connect(proxy.target());
        f.addListener((ChannelFuture done) -> {
            connecting = false;
            if (!done.isSuccess() || closed) {
                done.channel().close();
                close(false);
                return;
            }
            server = done.channel();
            apply(fault);
        });
    }

    private void updateReads() {
        if (closed) return;
        boolean flowing = fault.forwards() && server != null;
        client.config().setAutoRead(source == null
                || flowing && up.pendingBytes < HIGH_WATER && server.isWritable());
        if (server != null) {
            server.config().setAutoRead(flowing && down.pendingBytes < HIGH_WATER && client.isWritable());
        }
    }

    private void close(boolean rst) {
        if (closed) return;
        closed = true;
        for (Channel c : new Channel[] {client, server}) {
            if (c == null) continue;
            if (rst && c.isActive()) c.config().setOption(ChannelOption.SO_LINGER, 0);
            c.close();
        }
        up.discard();
        down.discard();
        sniffed.release();
        proxy.unregister(this);
    }

    /** One direction of the connection: bytes held while the link is black-holed, bytes scheduled while slow. */
    private final class Direction {
        final boolean upstream;
        final Deque<ByteBuf> held = new ArrayDeque<>();
        long lastSendNanos;
        long pendingBytes;
        boolean sourceClosed;

        Direction(boolean upstream) {
            this.upstream = upstream;
        }

        Channel destination() {
            return upstream ? server : client;
        }

        boolean flowing() {
            return fault.forwards() && destination() != null && !closed;
        }

        void receive(ByteBuf bytes) {
            held.add(bytes);
            drain();
        }

        void drain() {
            while (flowing() && !held.isEmpty()) send(held.poll());
            if (sourceClosed && flowing() && held.isEmpty()) closeAfterPending();
        }

        /** Delay from arrival, then the rate: in order, since each send starts after the last one ends. */
        private void send(ByteBuf bytes) {
            long now = System.nanoTime();
            long start = Math.max(now + TimeUnit.MILLISECONDS.toNanos(fault.delayMillis()), lastSendNanos);
            long transmit = fault.bytesPerSecond() == 0 ? 0
                    : bytes.readableBytes() * 1_000_000_000L / fault.bytesPerSecond();
            lastSendNanos = start + transmit;
            Channel to = destination();
            if (lastSendNanos <= now && pendingBytes == 0) {
                to.writeAndFlush(bytes);
                return;
            }
            int size = bytes.readableBytes();
            pendingBytes += size;
            client.eventLoop().schedule(() -> {
                pendingBytes -= size;
                to.writeAndFlush(bytes);
                updateReads();
            }, lastSendNanos - now, TimeUnit.NANOSECONDS);
            updateReads();
        }

        void sourceInactive() {
            sourceClosed = true;
            if (destination() == null) close(false);
            else drain();
        }

        private void closeAfterPending() {
            Channel to = destination();
            long wait = Math.max(0, lastSendNanos - System.nanoTime());
            client.eventLoop().schedule(() -> {
                to.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(x -> close(false));
            }, wait, TimeUnit.NANOSECONDS);
        }

        void discard() {
            held.forEach(ByteBuf::release);
            held.clear();
        }
    }

    /** The handler of either channel: the accepted one ({@code client}) or the one to the target. */
    private final class Side extends ChannelInboundHandlerAdapter {
        private final boolean clientSide;

        Side(boolean clientSide) {
            this.clientSide = clientSide;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            if (clientSide) accepted();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf bytes = (ByteBuf) msg;
            if (closed) bytes.release();
            else if (clientSide) clientRead(bytes);
            else down.receive(bytes);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (closed) return;
            if (clientSide && source == null) close(false);
            else (clientSide ? up : down).sourceInactive();
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            updateReads();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
