package io.sentinel.server.link;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.redis.RedisArrayAggregator;
import io.netty.handler.codec.redis.RedisBulkStringAggregator;
import io.netty.handler.codec.redis.RedisDecoder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RespCommandHandlerTest {
    private EmbeddedChannel channel;
    private RespCommandHandler handler;

    @BeforeEach
    void setUp() {
        handler = new RespCommandHandler(1000, 3);
        channel = new EmbeddedChannel(new RedisDecoder(), new RespReplyLimits(), new RedisBulkStringAggregator(),
                new RedisArrayAggregator(), handler);
        channel.freezeTime();
    }

    private void receive(String resp) {
        channel.writeInbound(Unpooled.copiedBuffer(resp, StandardCharsets.UTF_8));
    }

    private String written() {
        ByteBuf out = channel.readOutbound();
        try {
            return out.toString(StandardCharsets.UTF_8);
        } finally {
            out.release();
        }
    }

    @Test
    void encodesCommandsAsRespArrays() {
        handler.call("SENTINEL", "is-master-down-by-addr", "127.0.0.1", "6379", "0", "*");
        assertEquals("*6\r\n$8\r\nSENTINEL\r\n$22\r\nis-master-down-by-addr\r\n$9\r\n127.0.0.1\r\n$4\r\n6379\r\n"
                + "$1\r\n0\r\n$1\r\n*\r\n", written());
    }

    @Test
    void matchesRepliesInOrderEvenWhenSplitAcrossReads() throws Exception {
        CompletableFuture<Object> ping = handler.call("PING");
        CompletableFuture<Object> ask = handler.call("SENTINEL", "is-master-down-by-addr", "h", "1", "0", "*");
        CompletableFuture<Object> bad = handler.call("NOPE");
        receive("+PONG\r\n*3\r\n:0\r\n$1");
        assertEquals("PONG", ping.get());
        assertFalse(ask.isDone());
        receive("\r\n*\r\n:7\r\n-ERR unknown command\r\n");
        assertEquals(List.of(0L, "*", 7L), ask.get());
        assertEquals(new RespCommandHandler.ReplyError("ERR unknown command"), bad.get());
    }

    @Test
    void aTimedOutCommandFailsAndItsLateReplyIsNotTakenForTheNextOne() throws Exception {
        CompletableFuture<Object> first = handler.call("PING");
        channel.advanceTimeBy(1001, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        ExecutionException e = assertThrows(ExecutionException.class, first::get);
        assertEquals("timeout", e.getCause().getMessage());

        CompletableFuture<Object> second = handler.call("INFO");
        receive("+PONG\r\n"); // the late answer to the first
        assertFalse(second.isDone());
        receive("$5\r\nhello\r\n");
        assertEquals("hello", second.get());
    }

    @Test
    void aFullQueueRejectsAndStartsOver() {
        for (int i = 0; i < 3; i++) handler.call("PING");
        CompletableFuture<Object> fourth = handler.call("PING");
        assertTrue(fourth.isCompletedExceptionally());
        assertFalse(channel.isOpen());
    }

    @Test
    void pendingCommandsFailWhenTheConnectionCloses() {
        List<CompletableFuture<Object>> calls = Arrays.asList(handler.call("PING"), handler.call("INFO"));
        channel.close();
        calls.forEach(c -> assertTrue(c.isCompletedExceptionally()));
        assertTrue(handler.call("PING").isCompletedExceptionally());
    }

    @Test
    void aBatchGoesOutInOneWriteAndEachCommandGetsItsReply() throws Exception {
        List<CompletableFuture<Object>> replies = handler.callAll(List.of(new String[] {"MULTI"},
                new String[] {"EXEC"}));
        assertEquals("*1\r\n$5\r\nMULTI\r\n*1\r\n$4\r\nEXEC\r\n", written());
        assertNull(channel.readOutbound());
        receive("+OK\r\n*1\r\n-ERR inside\r\n");
        assertEquals("OK", replies.get(0).get());
        assertEquals(List.of(new RespCommandHandler.ReplyError("ERR inside")), replies.get(1).get());
    }

    @Test
    void aBatchLargerThanTheQueueIsRefusedWhole() {
        handler.call("PING");
        List<CompletableFuture<Object>> replies = handler.callAll(List.of(new String[] {"A"}, new String[] {"B"},
                new String[] {"C"}));
        replies.forEach(r -> assertTrue(r.isCompletedExceptionally()));
        assertFalse(channel.isOpen());
    }

    @Test
    void pubSubMessagesGoToTheListenerAndRepliesToTheirCommands() throws Exception {
        List<List<Object>> pushes = new ArrayList<>();
        RespCommandHandler subscriber = new RespCommandHandler(1000, 3, pushes::add);
        EmbeddedChannel ch = new EmbeddedChannel(new RedisDecoder(), new RespReplyLimits(),
                new RedisBulkStringAggregator(), new RedisArrayAggregator(), subscriber);
        CompletableFuture<Object> subscribe = subscriber.call("SUBSCRIBE", "__sentinel__:hello");
        ch.writeInbound(Unpooled.copiedBuffer("*3\r\n$9\r\nsubscribe\r\n$18\r\n__sentinel__:hello\r\n:1\r\n"
                + "*3\r\n$7\r\nmessage\r\n$18\r\n__sentinel__:hello\r\n$2\r\nhi\r\n", StandardCharsets.UTF_8));
        assertEquals(List.of("subscribe", "__sentinel__:hello", 1L), subscribe.get());
        assertEquals(List.of(List.of("message", "__sentinel__:hello", "hi")), pushes);
        assertTrue(ch.isOpen());
    }

    @Test
    void aMessageOnACommandConnectionIsAReplyNobodyAskedFor() {
        receive("*3\r\n$7\r\nmessage\r\n$1\r\nc\r\n$1\r\np\r\n");
        assertFalse(channel.isOpen());
    }

    @Test
    void aReplyNobodyAskedForClosesTheConnection() {
        receive("+PONG\r\n");
        assertFalse(channel.isOpen());
    }
}
