package io.sentinel.server.e2e;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * What a hostile client writes, from a seeded Random: raw bytes; RESP headers with absurd counts and lengths
 * (negative, 0, past the limits, past a long, not numbers) and whatever follows; a real request with a few bytes
 * changed; inline lines of random words. Never a well-formed command other than the one it mangles, so nothing it
 * sends can reconfigure or stop the sentinel (a random SENTINEL RESET or SHUTDOWN would test something else).
 */
final class Garbage {
    private static final byte[] REQUEST = ("*3\r\n$8\r\nSENTINEL\r\n$23\r\nGET-MASTER-ADDR-BY-NAME\r\n$8\r\nmymaster"
            + "\r\n").getBytes(StandardCharsets.US_ASCII);
    private static final String[] NUMBERS = {"-1", "0", "1", "-2147483649", "4096", "4097", "524289", "1000000000",
        "99999999999999999999", "", "abc", "1\r", " 3", "+5", "0x10", "\u0000"};
    private static final int MAX_CHUNK = 4096;

    private Garbage() {
    }

    static byte[] next(Random random) {
        switch (random.nextInt(4)) {
            case 0:
                return bytes(random, 1 + random.nextInt(MAX_CHUNK));
            case 1:
                return headers(random);
            case 2:
                return mangled(random);
            default:
                return inline(random);
        }
    }

    private static byte[] bytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    /** {@code *n} then a few {@code $len} arguments, each number from NUMBERS or random, with random payloads. */
    private static byte[] headers(Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, "*" + number(random) + "\r\n");
        for (int i = random.nextInt(4); i > 0; i--) {
            write(out, "$" + number(random) + "\r\n");
            out.writeBytes(bytes(random, random.nextInt(64)));
            if (random.nextBoolean()) write(out, "\r\n");
        }
        return out.toByteArray();
    }

    private static String number(Random random) {
        return random.nextBoolean() ? NUMBERS[random.nextInt(NUMBERS.length)] : Integer.toString(random.nextInt());
    }

    /** The get-master-addr-by-name request with one to three bytes replaced. */
    private static byte[] mangled(Random random) {
        byte[] b = REQUEST.clone();
        for (int i = 1 + random.nextInt(3); i > 0; i--) b[random.nextInt(b.length)] = (byte) random.nextInt(256);
        return b;
    }

    /** Lines of random lower-case words (unknown commands: answered with an error, the connection kept). */
    private static byte[] inline(Random random) {
        StringBuilder sb = new StringBuilder();
        while (sb.length() < MAX_CHUNK / 2) {
            sb.append("zz");
            for (int w = random.nextInt(8); w > 0; w--) {
                sb.append(' ');
                for (int c = 1 + random.nextInt(12); c > 0; c--) sb.append((char) ('a' + random.nextInt(26)));
            }
            sb.append(random.nextBoolean() ? "\r\n" : "\n");
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
    }
}
