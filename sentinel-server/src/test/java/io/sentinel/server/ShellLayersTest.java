package io.sentinel.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Dependencies in the shell point down, never back to its wiring: the RESP server, the links and the HTTP server
 * get their event loops and their clock from the daemon ({@code runtime/}) and never reach into it, and
 * {@code transport/} depends on none of our packages.
 */
class ShellLayersTest {
    static final Path SOURCES = Path.of("src/main/java/io/sentinel/server");
    static final Pattern RUNTIME = Pattern.compile("\\bio\\.sentinel\\.server\\.runtime\\b");
    static final Pattern ANY_OF_OURS = Pattern.compile("\\bio\\.sentinel\\.");

    @Test
    void respLinkAndHttpNeverUseRuntime() throws IOException {
        List<String> violations = new ArrayList<>();
        for (String pkg : List.of("resp", "link", "http", "transport")) violations.addAll(uses(pkg, RUNTIME));
        assertEquals(List.of(), violations);
    }

    @Test
    void transportUsesNoneOfOurPackages() throws IOException {
        assertEquals(List.of(), uses("transport", ANY_OF_OURS));
    }

    @Test
    void theScanCatchesAnImportAndAQualifiedName() {
        assertTrue(RUNTIME.matcher("import io.sentinel.server.runtime.MonotonicClock;").find());
        assertTrue(RUNTIME.matcher("long now = io.sentinel.server.runtime.MonotonicClock.millis();").find());
        assertTrue(ANY_OF_OURS.matcher("import io.sentinel.core.model.Address;").find());
    }

    /** Lines of the package's main sources that match {@code pattern}, other than the package line. */
    private static List<String> uses(String pkg, Pattern pattern) throws IOException {
        Path dir = SOURCES.resolve(pkg);
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        assertTrue(!files.isEmpty(), "scanned " + dir.toAbsolutePath());
        List<String> found = new ArrayList<>();
        for (Path f : files) {
            List<String> lines = Files.readAllLines(f);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (!line.startsWith("package ") && pattern.matcher(line).find()) found.add(f + ":" + (i + 1));
            }
        }
        return found;
    }
}
