package io.sentinel.server.e2e;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.sentinel.core.model.Address;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What every application does right after +switch-master: {@code clients} fresh connections to one sentinel at the
 * same instant, each asking {@code SENTINEL get-master-addr-by-name} once. One event loop issues the connects back
 * to back; each client's latency runs from the start of its connect to its complete reply (as bench/storm.py).
 */
final class ReconnectBurst {
    private static final byte[] REQUEST = ("*3\r\n$8\r\nSENTINEL\r\n$23\r\nGET-MASTER-ADDR-BY-NAME\r\n$"
            + FaultyCluster.MASTER.length() + "\r\n" + FaultyCluster.MASTER + "\r\n").getBytes(StandardCharsets.UTF_8);

    /** Latencies of the answered clients, answers counted by address, and what went wrong for the others. */
    record Result(List<Long> latencyNanos, Map<String, Integer> answers, List<String> errors) {
        long percentileMillis(double p) {
            List<Long> sorted = new ArrayList<>(latencyNanos);
            sorted.sort(null);
            if (sorted.isEmpty()) return -1;
            int index = (int) Math.ceil(p / 100 * sorted.size()) - 1;
            return sorted.get(Math.max(0, index)) / 1_000_000;
        }

        String summary() {
            return String.format("%d answered, %d errors, p50 %d ms, p99 %d ms, max %d ms", latencyNanos.size(),
                    errors.size(), percentileMillis(50), percentileMillis(99), percentileMillis(100));
        }
    }

    private ReconnectBurst() {
    }

    static Result run(Address sentinel, int clients, Duration timeout) {
        EventLoopGroup group = new NioEventLoopGroup(1, new DefaultThreadFactory("burst", true));
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> answers = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        CountDownLatch done = new CountDownLatch(clients);
        try {
            Bootstrap b = new Bootstrap().group(group).channel(NioSocketChannel.class)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) timeout.toMillis());
            for (int i = 0; i < clients; i++) {
                long start = System.nanoTime();
                Client client = new Client(start, latencies, answers, errors, done);
                b.clone().handler(client).connect(sentinel.host(), sentinel.port()).addListener((ChannelFuture f) -> {
                    if (!f.isSuccess()) client.fail("connect: " + f.cause());
                });
            }
            if (!done.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                errors.add((done.getCount()) + " clients unanswered after " + timeout.toMillis() + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
        Map<String, Integer> byAddress = new TreeMap<>();
        answers.forEach(a -> byAddress.merge(a, 1, Integer::sum));
        return new Result(List.copyOf(latencies), byAddress, List.copyOf(errors));
    }

    /** One client: sends the request once connected, reads one reply, closes. */
    private static final class Client extends ChannelInboundHandlerAdapter {
        private final long startNanos;
        private final ConcurrentLinkedQueue<Long> latencies;
        private final ConcurrentLinkedQueue<String> answers;
        private final ConcurrentLinkedQueue<String> errors;
        private final CountDownLatch done;
        private final StringBuilder reply = new StringBuilder();
        private boolean finished;

        Client(long startNanos, ConcurrentLinkedQueue<Long> latencies, ConcurrentLinkedQueue<String> answers,
               ConcurrentLinkedQueue<String> errors, CountDownLatch done) {
            this.startNanos = startNanos;
            this.latencies = latencies;
            this.answers = answers;
            this.errors = errors;
            this.done = done;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(REQUEST));
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf bytes = (ByteBuf) msg;
            reply.append(bytes.toString(StandardCharsets.UTF_8));
            bytes.release();
            String[] lines = reply.toString().split("\r\n", -1);
            if (reply.charAt(0) == '-' && lines.length > 1) {
                fail("error reply: " + lines[0]);
            } else if (reply.toString().startsWith("*2\r\n") && lines.length >= 6) {
                latencies.add(System.nanoTime() - startNanos);
                answers.add(lines[2] + ":" + lines[4]);
                finish();
            }
            if (finished) ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            fail("closed before the reply: " + reply);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            fail(cause.toString());
            ctx.close();
        }

        void fail(String why) {
            if (finished) return;
            errors.add(why);
            finish();
        }

        private void finish() {
            finished = true;
            done.countDown();
        }
    }
}
