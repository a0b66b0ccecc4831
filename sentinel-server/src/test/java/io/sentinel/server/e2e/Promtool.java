package io.sentinel.server.e2e;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** Prometheus's {@code promtool check metrics}, when installed (Debian package {@code prometheus}). */
final class Promtool {
    private Promtool() {
    }

    static boolean onPath() {
        String path = System.getenv("PATH");
        if (path == null) return false;
        return Arrays.stream(path.split(File.pathSeparator))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, "promtool")));
    }

    /**
     * Lints an exposition text; returns the problem lines ({@code <metric> <problem>}). A text promtool cannot
     * parse at all fails the test: that is worse than any lint.
     */
    static List<String> checkMetrics(String exposition) {
        try {
            Process p = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
            try (OutputStream in = p.getOutputStream()) {
                in.write(exposition.getBytes(StandardCharsets.UTF_8));
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("promtool did not finish in 30 s");
            }
            // exit 0: clean; 3: lint problems listed; anything else: it could not read the text
            if (p.exitValue() != 0 && p.exitValue() != 3) {
                throw new AssertionError("promtool exited " + p.exitValue() + ":\n" + out);
            }
            return out.lines().filter(l -> !l.isBlank()).collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
