package io.sentinel.server.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.sentinel.server.command.Errors;
import io.sentinel.server.fuzz.FuzzRun;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the request decoder with its limits on an EmbeddedChannel. Input: byte 0 picks the limits (the daemon's,
 * tight ones, or limits so large that only the bytes bound what is buffered) and whether the client is
 * authenticated, byte 1 the size of the reads the stream is cut into, the rest is the stream. Properties: only
 * Redis's protocol errors come out; the same stream decodes to the same commands whole and in small reads (up to the
 * first error, whose cause may differ with the read size, as in Redis); and no claimed length the bytes do not back
 * is allocated. Seeds: {@code RespDecoderFuzzTestInputs/}.
 */
class RespDecoderFuzzTest {
    /**
     * Per input byte: an inline line costs about 110 bytes per byte in each of the two decodes (its line, word list
     * and strings); per read, the harness's wrapper and channel write about 110 (measured with 16 KB inputs).
     */
    private static final FuzzRun RUN = new FuzzRun("resp-decoder", 4 << 20, 256, 192);
    private static final List<RespLimits> LIMITS = List.of(
            RespLimits.defaults(),
            new RespLimits(64, 8, 100, 200, 3, 10, 1 << 20, 1024, 4096, 100),
            new RespLimits(1 << 20, 1 << 24, 1 << 30, 1 << 30, 1 << 24, 1 << 30, 1L << 40, 1 << 20, 1 << 30, 100));
    private static final Set<String> EXPECTED_ERRORS = Set.of(Errors.PROTO_INLINE_TOO_BIG,
            Errors.PROTO_MBULK_COUNT_TOO_BIG, Errors.PROTO_BULK_COUNT_TOO_BIG, Errors.PROTO_MBULK_LENGTH,
            Errors.PROTO_UNAUTH_MBULK_LENGTH, Errors.PROTO_BULK_LENGTH, Errors.PROTO_UNAUTH_BULK_LENGTH,
            Errors.PROTO_REQUEST_TOO_BIG,
            Errors.PROTO_UNBALANCED_QUOTES);

    static {
        // class loading and first use allocate some MB once: not the input's doing
        check("\0\1*1\r\n$4\r\nPING\r\nPING\r\n*1\r\n$x\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    private record ProtocolError(String message) { }

    private static final class Collected implements RespDecoder.Sink {
        final List<Object> got = new ArrayList<>();
        boolean failed;

        @Override
        public void request(Request request) {
            if (failed) throw new AssertionError("a command after the protocol error");
            got.add(List.copyOf(request));
        }

        @Override
        public void protocolError(String message) {
            if (failed) throw new AssertionError("a second protocol error");
            failed = true;
            got.add(new ProtocolError(message));
        }
    }

    @FuzzTest(maxDuration = "5s")
    void decode(byte[] input) throws Exception {
        if (input.length < 2) return;
        RUN.run(input.length, reads(input), () -> check(input));
    }

    /** The channel writes {@link #check} makes: one for the whole stream, and one per read of its read size. */
    private static int reads(byte[] input) {
        int readSize = 1 + (input[1] & 0xff);
        return 1 + (input.length - 2 + readSize - 1) / readSize;
    }

    private static void check(byte[] input) {
        RespLimits limits = LIMITS.get((input[0] & 0xff) % LIMITS.size());
        boolean unauthenticated = (input[0] & 0x80) != 0;
        int readSize = 1 + (input[1] & 0xff);
        byte[] stream = Arrays.copyOfRange(input, 2, input.length);
        List<Object> whole = decode(limits, unauthenticated, stream, stream.length);
        List<Object> split = decode(limits, unauthenticated, stream, readSize);
        int common = Math.min(whole.size(), split.size());
        for (int i = 0; i < common; i++) {
            // from the first error on, what comes out depends on where the reads end (as in Redis)
            if (whole.get(i) instanceof ProtocolError || split.get(i) instanceof ProtocolError) return;
            assertEquals(whole.get(i), split.get(i), "command " + i + " differs between one read and reads of "
                    + readSize);
        }
        if (whole.size() != split.size()) {
            List<Object> longer = whole.size() > split.size() ? whole : split;
            List<Object> shorter = longer == whole ? split : whole;
            assertTrue(!shorter.isEmpty() && shorter.get(shorter.size() - 1) instanceof ProtocolError
                    || longer.get(longer.size() - 1) instanceof ProtocolError,
                    "one read gave " + whole + ", reads of " + readSize + " gave " + split);
        }
    }

    /** Feeds {@code stream} in reads of {@code readSize} bytes, as a socket would, on a heap-only channel. */
    private static List<Object> decode(RespLimits limits, boolean unauthenticated, byte[] stream, int readSize) {
        Collected sink = new Collected();
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.config().setAllocator(new UnpooledByteBufAllocator(false));
        ch.pipeline().addLast(new RespDecoder(limits, () -> unauthenticated, sink));
        for (int from = 0; from < stream.length && !sink.failed; from += readSize) {
            int n = Math.min(readSize, stream.length - from);
            ch.writeInbound(Unpooled.wrappedBuffer(stream, from, n));
        }
        ch.finishAndReleaseAll();
        for (Object o : sink.got) {
            if (o instanceof ProtocolError e && !EXPECTED_ERRORS.contains(e.message())
                    && !e.message().startsWith("ERR Protocol error: expected '$', got '")) {
                throw new AssertionError("unexpected protocol error: " + e.message());
            }
        }
        return sink.got;
    }

    /** The claims the issue names, under limits that would allow them: nothing near their size is allocated. */
    @Test
    void claimedLengthsAreNotAllocated() throws Exception {
        for (String claim : List.of("*1000000000\r\n", "$1000000000\r\n", "*1\r\n$1000000000\r\n",
                "*16000000\r\n$1000000000\r\nabc", "*2\r\n$4\r\nPING\r\n$1073741824\r\n")) {
            byte[] bytes = claim.getBytes(StandardCharsets.US_ASCII);
            byte[] input = new byte[bytes.length + 2];
            input[0] = 2;
            input[1] = 3;
            System.arraycopy(bytes, 0, input, 2, bytes.length);
            new FuzzRun("claim", 4 << 20, 64).run(input.length, () -> check(input));
        }
    }

    /**
     * A header that never ends, arriving a byte at a time (a fuzzing finding in CI): the fast path copied the
     * buffered input into a scratch array grown by one byte per read, 10 MB for these 16 KB. Now nothing is copied
     * before the count line is complete, and what this allocates is the harness's per read.
     */
    @Test
    void anEndlessHeaderInSmallReadsCostsNoCopyPerRead() throws Exception {
        byte[] input = new byte[16_002];
        Arrays.fill(input, (byte) 'a');
        input[0] = 0;
        input[1] = 0;
        input[2] = '*';
        new FuzzRun("endless-header", 1 << 20, 0, 192).run(input.length, reads(input), () -> check(input));
    }

    @AfterAll
    static void report() {
        RUN.report();
    }
}
