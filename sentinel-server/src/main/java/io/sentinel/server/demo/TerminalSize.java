package io.sentinel.server.demo;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The terminal's height, so the screen fits it: Java cannot ask, {@code stty size} on /dev/tty can. Asked at
 * most every few seconds (a resize shows on the next ask); 50 rows when it cannot tell.
 */
final class TerminalSize {
    private static final int UNKNOWN = 50;
    private static final long ASK_EVERY_NANOS = 3_000_000_000L;

    private int rows = UNKNOWN;
    private long askedAtNanos;
    private boolean asked;

    int rows() {
        long now = System.nanoTime();
        if (!asked || now - askedAtNanos > ASK_EVERY_NANOS) {
            asked = true;
            askedAtNanos = now;
            rows = ask();
        }
        return rows;
    }

    private static int ask() {
        try {
            Process stty = new ProcessBuilder("stty", "size").redirectInput(new File("/dev/tty"))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String reply = new String(stty.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (!stty.waitFor(1, TimeUnit.SECONDS) || stty.exitValue() != 0) return UNKNOWN;
            return parseRows(reply);
        } catch (IOException e) {
            return UNKNOWN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return UNKNOWN;
        }
    }

    /** "rows columns", as stty prints it. */
    static int parseRows(String reply) {
        String[] words = reply.split("\\s+");
        try {
            int rows = Integer.parseInt(words[0]);
            return rows > 0 ? rows : UNKNOWN;
        } catch (NumberFormatException e) {
            return UNKNOWN;
        }
    }
}
