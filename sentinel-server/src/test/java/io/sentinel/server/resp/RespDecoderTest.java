package io.sentinel.server.resp;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.sentinel.server.command.Errors;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class RespDecoderTest {
    private final AtomicBoolean unauthenticated = new AtomicBoolean(false);
    private final RespLimits limits = new RespLimits(64, 8, 100, 200, 3, 10, 1 << 20, 1024, 4096, 100);
    private final Collected sink = new Collected();
    private final EmbeddedChannel ch = new EmbeddedChannel(new RespDecoder(limits, unauthenticated::get, sink));

    private record ProtocolError(String message) { }

    /** The decoder refills one Request per connection: copy each as it passes, as a command would keep it. */
    private static class Collected implements RespDecoder.Sink {
        final List<Object> got = new ArrayList<>();

        @Override
        public void request(Request request) {
            got.add(List.copyOf(request));
        }

        @Override
        public void protocolError(String message) {
            got.add(new ProtocolError(message));
        }
    }

    private List<Object> feed(String raw) {
        ch.writeInbound(Unpooled.copiedBuffer(raw, StandardCharsets.UTF_8));
        return drain();
    }

    private List<Object> drain() {
        List<Object> out = new ArrayList<>(sink.got);
        sink.got.clear();
        return out;
    }

    private static ProtocolError error(String message) {
        return new ProtocolError(message);
    }

    @Test
    void wholeCommandsThenInlineThenAPartialOneInOneRead() {
        assertEquals(List.of(List.of("PING"), List.of("PING", "x"), List.of("a")),
                feed("*1\r\n$4\r\nPING\r\nPING x\r\n*1\r\n$1\r\na\r\n*2\r\n$4\r\nECHO\r\n$3\r\nab"));
        assertEquals(List.of(List.of("ECHO", "abc"), List.of("b")), feed("c\r\n*1\r\n$1\r\nb\r\n"));
    }

    @Test
    void anAuthEarlierInTheSameReadLiftsTheLimitsForTheNextCommand() {
        unauthenticated.set(true);
        Collected authenticating = new Collected() {
            @Override
            public void request(Request request) {
                super.request(request);
                if (request.get(0).equals("AUTH")) unauthenticated.set(false);
            }
        };
        EmbeddedChannel other = new EmbeddedChannel(new RespDecoder(limits, unauthenticated::get, authenticating));
        other.writeInbound(Unpooled.copiedBuffer("*2\r\n$4\r\nAUTH\r\n$2\r\npw\r\n*4\r\n$1\r\na\r\n$1\r\nb\r\n"
                + "$1\r\nc\r\n$11\r\nhello world\r\n", StandardCharsets.UTF_8));
        assertEquals(List.of(List.of("AUTH", "pw"), List.of("a", "b", "c", "hello world")), authenticating.got);
    }

    @Test
    void aHoldingSinkGetsOneRequestPerResumeInEveryForm() {
        AtomicBoolean holding = new AtomicBoolean();
        Collected held = new Collected() {
            @Override
            public void request(Request request) {
                super.request(request);
                holding.set(true);
            }

            @Override
            public boolean holding() {
                return holding.get();
            }
        };
        RespDecoder decoder = new RespDecoder(limits, () -> false, held);
        EmbeddedChannel other = new EmbeddedChannel(decoder);
        other.writeInbound(Unpooled.copiedBuffer("*1\r\n$1\r\na\r\nb x\r\n*2\r\n$1\r\nc\r\n$1\r\nd\r\n*1\r\n$1\r\ne",
                StandardCharsets.UTF_8));
        assertEquals(List.of(List.of("a")), held.got, "the rest waits undecoded");
        for (List<String> next : List.of(List.of("b", "x"), List.of("c", "d"))) {
            held.got.clear();
            holding.set(false);
            decoder.resume();
            assertEquals(List.of(next), held.got);
        }
        held.got.clear();
        holding.set(false);
        decoder.resume();
        assertEquals(List.of(), held.got, "e is not complete yet");
        for (byte b : "\r\nPING\r\n".getBytes(StandardCharsets.UTF_8)) other.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        assertEquals(List.of(List.of("e")), held.got, "input arriving while held waits too");
        held.got.clear();
        holding.set(false);
        decoder.resume();
        assertEquals(List.of(List.of("PING")), held.got);
    }

    @Test
    void multibulkCommandsPipelined() {
        assertEquals(List.of(List.of("PING"), List.of("ECHO", "héllo")),
                feed("*1\r\n$4\r\nPING\r\n*2\r\n$4\r\nECHO\r\n$6\r\nhéllo\r\n"));
    }

    @Test
    void splitAtEveryByte() {
        String raw = "*3\r\n$9\r\nsubscribe\r\n$1\r\na\r\n$0\r\n\r\nPING x\r\n";
        List<Object> out = new ArrayList<>();
        for (byte b : raw.getBytes(StandardCharsets.UTF_8)) {
            ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
            out.addAll(drain());
        }
        assertEquals(List.of(List.of("subscribe", "a", ""), List.of("PING", "x")), out);
    }

    @Test
    void inlineCommandsWithQuotesAndBareNewline() {
        assertEquals(List.of(List.of("set", "a b", "it's", "A\n")),
                feed("set \"a b\" 'it\\'s' \"\\x41\\n\"\r\n"));
        assertEquals(List.of(List.of("PING")), feed("PING\n"));
    }

    @Test
    void emptyRequestsAreSkippedLikeRedis() {
        assertEquals(List.of(List.of("PING")), feed("\r\n   \r\n*0\r\n*-10\r\nPING\r\n"));
    }

    @Test
    void unbalancedQuotes() {
        assertEquals(List.of(error(Errors.PROTO_UNBALANCED_QUOTES)), feed("set 'a\r\n"));
        assertEquals(List.of(), feed("PING\r\n"), "nothing is read after a protocol error");
    }

    @Test
    void commandsBeforeTheErrorStillCount() {
        assertEquals(List.of(List.of("PING"), error(Errors.PROTO_MBULK_LENGTH)), feed("*1\r\n$4\r\nPING\r\n*x\r\n"));
    }

    @Test
    void tooManyArguments() {
        assertEquals(List.of(error(Errors.PROTO_MBULK_LENGTH)), feed("*9\r\n"));
    }

    @Test
    void expectedDollar() {
        assertEquals(List.of(error("ERR Protocol error: expected '$', got 'x'")), feed("*1\r\nx\r\n"));
    }

    @Test
    void bulkTooLongOrMalformed() {
        assertEquals(List.of(error(Errors.PROTO_BULK_LENGTH)), feed("*1\r\n$101\r\n"));
    }

    /** 200 bytes per request here: arguments each within the 100-byte cap may not add up past it. */
    @Test
    void aRequestsArgumentsTogetherAreCappedAtTheHeaderThatWouldPassTheCap() {
        String hundred = "$100\r\n" + "a".repeat(100) + "\r\n";
        assertEquals(List.of(List.of("a".repeat(100), "a".repeat(100))), feed("*2\r\n" + hundred + hundred));
        // refused on the third header, before its bytes are buffered, in one read and split at every byte
        String tooBig = "*3\r\n" + hundred + hundred + "$1\r\n";
        assertEquals(List.of(error(Errors.PROTO_REQUEST_TOO_BIG)), feed(tooBig));
        Collected got = new Collected();
        EmbeddedChannel split = new EmbeddedChannel(new RespDecoder(limits, () -> false, got));
        for (char c : tooBig.toCharArray()) split.writeInbound(Unpooled.copiedBuffer(String.valueOf(c),
                StandardCharsets.UTF_8));
        assertEquals(List.of(error(Errors.PROTO_REQUEST_TOO_BIG)), got.got);
    }

    @Test
    void theDefaultsCapARequestAtOneMebibyte() {
        RespLimits defaults = RespLimits.defaults();
        Collected got = new Collected();
        EmbeddedChannel other = new EmbeddedChannel(new RespDecoder(defaults, () -> false, got));
        String max = "$524288\r\n" + "b".repeat(524288) + "\r\n";
        other.writeInbound(Unpooled.copiedBuffer("*4\r\n" + max + max, StandardCharsets.UTF_8));
        assertEquals(List.of(), got.got, "two largest arguments fill the request: nothing more fits");
        other.writeInbound(Unpooled.copiedBuffer("$0\r\n\r\n$1\r\n", StandardCharsets.UTF_8));
        assertEquals(List.of(error(Errors.PROTO_REQUEST_TOO_BIG)), got.got);
    }

    @Test
    void negativeBulkLength() {
        assertEquals(List.of(error(Errors.PROTO_BULK_LENGTH)), feed("*1\r\n$-1\r\n"));
    }

    @Test
    void inlineWithoutNewlineIsCapped() {
        assertEquals(List.of(), feed("x".repeat(64)));
        assertEquals(List.of(error(Errors.PROTO_INLINE_TOO_BIG)), feed("x"));
    }

    @Test
    void headerLinesAreCapped() {
        assertEquals(List.of(error(Errors.PROTO_MBULK_COUNT_TOO_BIG)), feed("*" + "1".repeat(70)));
        Collected got = new Collected();
        EmbeddedChannel other = new EmbeddedChannel(new RespDecoder(limits, () -> false, got));
        other.writeInbound(Unpooled.copiedBuffer("*1\r\n$" + "1".repeat(70), StandardCharsets.UTF_8));
        assertEquals(List.of(error(Errors.PROTO_BULK_COUNT_TOO_BIG)), got.got);
    }

    @Test
    void unauthenticatedClientsGetRedisSmallerLimits() {
        unauthenticated.set(true);
        assertEquals(List.of(error(Errors.PROTO_UNAUTH_MBULK_LENGTH)), feed("*4\r\n"));
        Collected got = new Collected();
        EmbeddedChannel other = new EmbeddedChannel(new RespDecoder(limits, () -> true, got));
        other.writeInbound(Unpooled.copiedBuffer("*1\r\n$11\r\n", StandardCharsets.UTF_8));
        assertEquals(List.of(error(Errors.PROTO_UNAUTH_BULK_LENGTH)), got.got);
    }

    @Test
    void authenticatingLiftsTheSmallLimitsForTheNextCommand() {
        unauthenticated.set(true);
        assertEquals(List.of(List.of("AUTH", "pw")), feed("*2\r\n$4\r\nAUTH\r\n$2\r\npw\r\n"));
        unauthenticated.set(false);
        assertEquals(4, ((List<?>) feed("*4\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\nd\r\n").get(0)).size());
    }

    @Test
    void partialBulkIsNotBufferedBeyondItsLength() {
        assertEquals(List.of(), feed("*1\r\n$100\r\n" + "y".repeat(50)));
        assertEquals(List.of(List.of("y".repeat(100))), feed("y".repeat(50) + "\r\n"));
        assertFalse(ch.inboundMessages().iterator().hasNext());
    }

    @Test
    void parseLongIsStrict() {
        assertEquals(-12, RespDecoder.parseLong(Unpooled.copiedBuffer("-12", StandardCharsets.US_ASCII), 0, 3));
        assertEquals(Long.MIN_VALUE, RespDecoder.parseLong(Unpooled.copiedBuffer("+1", StandardCharsets.US_ASCII), 0, 2));
        assertEquals(Long.MIN_VALUE, RespDecoder.parseLong(Unpooled.copiedBuffer("1 ", StandardCharsets.US_ASCII), 0, 2));
        assertTrue(RespDecoder.parseLong(Unpooled.copiedBuffer("-", StandardCharsets.US_ASCII), 0, 1) < 0);
        assertNull(ch.readInbound());
    }

    /**
     * All clients' unfinished input shares one budget: a client whose partial argument takes the total past it is
     * answered with the protocol error; whole requests hold nothing between reads, so they still pass; a closed
     * client's share comes back.
     */
    @Test
    void clientsShareOneBudgetForUnfinishedInput() {
        RespLimits roomy = new RespLimits(1024, 8, 4096, 8192, 3, 10, 1 << 20, 1024, 4096, 100);
        InputBudget budget = new InputBudget(5000);
        Collected firstSink = new Collected();
        Collected secondSink = new Collected();
        Collected wholeSink = new Collected();
        EmbeddedChannel first = new EmbeddedChannel(new RespDecoder(roomy, () -> false, firstSink, budget));
        EmbeddedChannel second = new EmbeddedChannel(new RespDecoder(roomy, () -> false, secondSink, budget));
        EmbeddedChannel whole = new EmbeddedChannel(new RespDecoder(roomy, () -> false, wholeSink, budget));

        first.writeInbound(Unpooled.wrappedBuffer(("*1\r\n$4000\r\n" + "x".repeat(3000)).getBytes(US_ASCII)));
        assertEquals(List.of(), firstSink.got);
        assertTrue(budget.heldBytes() >= 3000 && budget.heldBytes() <= 5000, "held " + budget.heldBytes());

        second.writeInbound(Unpooled.wrappedBuffer(("*1\r\n$4000\r\n" + "y".repeat(3000)).getBytes(US_ASCII)));
        assertEquals(List.of(error(Errors.PROTO_CLIENTS_INPUT_OVER_BUDGET)), secondSink.got);
        assertEquals(1, budget.clientsCut());

        whole.writeInbound(Unpooled.wrappedBuffer("*1\r\n$4\r\nPING\r\n".getBytes(US_ASCII)));
        assertEquals(List.of(List.of("PING")), wholeSink.got);

        second.finishAndReleaseAll();
        first.writeInbound(Unpooled.wrappedBuffer(("x".repeat(1000) + "\r\n").getBytes(US_ASCII)));
        assertEquals(List.of(List.of("x".repeat(4000))), firstSink.got);
        first.finishAndReleaseAll();
        whole.finishAndReleaseAll();
        assertEquals(0, budget.heldBytes());
    }
}
