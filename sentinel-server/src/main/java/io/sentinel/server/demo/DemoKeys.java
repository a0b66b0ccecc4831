package io.sentinel.server.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The keys the user types, a line at a time (the terminal stays in its normal line mode, so nothing needs
 * restoring on Ctrl-C): a daemon thread reads the lines, the screen loop takes their first letters.
 */
final class DemoKeys {
    static final String HELP = "k kill master (SIGKILL) | s stop it (SIGSTOP) | c continue (SIGCONT)"
            + " | r restart killed master | w switchover (COORDINATED) | q quit, then Enter";

    private final BlockingQueue<Character> keys = new LinkedBlockingQueue<>();

    /** Reads {@code in} until it ends; null reads nothing (no terminal), and the demo runs on its own. */
    DemoKeys(InputStream in) {
        if (in == null) return;
        Thread reader = new Thread(() -> read(in), "demo-keys");
        reader.setDaemon(true);
        reader.start();
    }

    /** The next key, waiting at most {@code millis}; null if none came. */
    Character next(long millis) throws InterruptedException {
        return millis <= 0 ? keys.poll() : keys.poll(millis, TimeUnit.MILLISECONDS);
    }

    private void read(InputStream in) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                Character key = keyOf(line);
                if (key != null) keys.add(key);
            }
        } catch (IOException e) {
            // stdin closed under us: the demo goes on without keys
        }
    }

    /** The first non-blank character of a line, lower case; null for a blank line. */
    static Character keyOf(String line) {
        String trimmed = line.strip();
        return trimmed.isEmpty() ? null : Character.toLowerCase(trimmed.charAt(0));
    }
}
