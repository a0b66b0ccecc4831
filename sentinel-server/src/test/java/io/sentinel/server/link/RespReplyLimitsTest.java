package io.sentinel.server.link;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.redis.RedisArrayAggregator;
import io.netty.handler.codec.redis.RedisBulkStringAggregator;
import io.netty.handler.codec.redis.RedisDecoder;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The client's whole inbound pipeline, as RespSession builds it, with small caps: what gets through, what not. */
class RespReplyLimitsTest {
    private static final long MAX_BYTES = 100;
    private static final long MAX_ELEMENTS = 10;

    private final RespCommandHandler handler = new RespCommandHandler(1000, 100);
    private final EmbeddedChannel channel = new EmbeddedChannel(new RedisDecoder(),
            new RespReplyLimits(MAX_BYTES, MAX_ELEMENTS), new RedisBulkStringAggregator(), new RedisArrayAggregator(),
            handler);

    private void receive(String resp) {
        channel.writeInbound(Unpooled.copiedBuffer(resp, StandardCharsets.UTF_8));
    }

    private CompletableFuture<Object> call() {
        CompletableFuture<Object> reply = handler.call("X");
        ((io.netty.buffer.ByteBuf) channel.readOutbound()).release();
        return reply;
    }

    private static String failure(CompletableFuture<Object> reply) {
        return assertThrows(ExecutionException.class, reply::get).getCause().getMessage();
    }

    @Test
    void repliesUpToTheCapsGetThroughOneAfterAnother() throws Exception {
        String bulk = "x".repeat((int) MAX_BYTES);
        CompletableFuture<Object> first = call();
        CompletableFuture<Object> second = call();
        receive("$" + MAX_BYTES + "\r\n" + bulk + "\r\n*10\r\n:1\r\n:2\r\n:3\r\n:4\r\n:5\r\n:6\r\n:7\r\n:8\r\n:9\r\n");
        assertEquals(bulk, first.get());
        assertFalse(second.isDone());
        receive(":10\r\n");
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L), second.get());
        assertTrue(channel.isOpen(), "the count starts over with each reply");
    }

    @Test
    void nestedArraysNullsAndErrorsDecodeEvenOneByteAtATime() throws Exception {
        CompletableFuture<Object> reply = call();
        String resp = "*4\r\n*2\r\n$1\r\na\r\n*0\r\n$-1\r\n*-1\r\n*2\r\n-ERR inner\r\n$0\r\n\r\n";
        for (char c : resp.toCharArray()) receive(String.valueOf(c));
        assertEquals(Arrays.asList(Arrays.asList("a", List.of()), null, null,
                Arrays.asList(new RespCommandHandler.ReplyError("ERR inner"), "")), reply.get());
        assertTrue(channel.isOpen());
    }

    @Test
    void anOversizedBulkIsRefusedBeforeItIsBuffered() {
        CompletableFuture<Object> reply = call();
        CompletableFuture<Object> next = call();
        receive("$" + (MAX_BYTES + 1) + "\r\nxx"); // only the header: the refusal does not wait for the content
        assertTrue(failure(reply).startsWith("reply too large: bulk of 101 bytes"), failure(reply));
        assertTrue(next.isCompletedExceptionally(), "every pending command fails with the connection");
        assertFalse(channel.isOpen());
    }

    @Test
    void manySmallBulksInOneReplyAddUp() {
        CompletableFuture<Object> reply = call();
        String sixty = "$60\r\n" + "y".repeat(60) + "\r\n";
        receive("*2\r\n" + sixty + sixty);
        assertTrue(failure(reply).startsWith("reply too large"), failure(reply));
        assertFalse(channel.isOpen());
    }

    @Test
    void tooManyElementsOrTooDeepAnArrayIsRefusedAtItsHeader() {
        CompletableFuture<Object> wide = call();
        receive("*" + (MAX_ELEMENTS + 1) + "\r\n");
        assertTrue(failure(wide).contains("array of 11 elements"), failure(wide));
        assertFalse(channel.isOpen());

        RespCommandHandler deepHandler = new RespCommandHandler(1000, 100);
        EmbeddedChannel deep = new EmbeddedChannel(new RedisDecoder(), new RespReplyLimits(),
                new RedisBulkStringAggregator(), new RedisArrayAggregator(), deepHandler);
        CompletableFuture<Object> nested = deepHandler.call("X");
        deep.writeInbound(Unpooled.copiedBuffer("*1\r\n".repeat(RespReplyLimits.MAX_DEPTH + 1),
                StandardCharsets.UTF_8));
        assertTrue(failure(nested).contains("nested deeper"), failure(nested));
        assertFalse(deep.isOpen());
    }

    @Test
    void aLongErrorLineCountsToo() {
        CompletableFuture<Object> reply = call();
        receive("-ERR " + "e".repeat((int) MAX_BYTES) + "\r\n");
        assertTrue(failure(reply).startsWith("reply too large"), failure(reply));
    }
}
