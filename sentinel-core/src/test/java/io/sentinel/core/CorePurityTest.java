package io.sentinel.core;

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

/** The core is pure: no network, logging, clock, threads or files (STYLE.md, "Pure core, thin shell"). */
class CorePurityTest {
    static final Path SOURCES = Path.of("src/main/java");
    static final List<Pattern> FORBIDDEN = List.of(
            Pattern.compile("java\\.net\\b"), Pattern.compile("io\\.netty\\b"), Pattern.compile("io\\.lettuce\\b"),
            Pattern.compile("org\\.slf4j\\b"), Pattern.compile("System\\s*\\.\\s*currentTimeMillis"),
            Pattern.compile("nanoTime"), Pattern.compile("\\bThread\\b"), Pattern.compile("java\\.io\\.File\\b"),
            Pattern.compile("java\\.nio\\.file\\b"), Pattern.compile("\\bExecutor"), Pattern.compile("java\\.time\\b"));

    @Test
    void coreSourcesUseNoIoClockOrThreads() throws IOException {
        List<String> violations = new ArrayList<>();
        List<Path> files = sources();
        for (Path f : files) {
            List<String> lines = Files.readAllLines(f);
            for (int i = 0; i < lines.size(); i++) {
                for (Pattern p : FORBIDDEN) {
                    if (p.matcher(lines.get(i)).find()) violations.add(f + ":" + (i + 1) + ": " + p);
                }
            }
        }
        assertTrue(files.size() > 50, "scanned the core sources: " + files.size());
        assertEquals(List.of(), violations);
    }

    @Test
    void theScanCatchesAViolation() {
        String line = "    long t = System.currentTimeMillis(); new Thread(r).start();";
        assertTrue(FORBIDDEN.stream().filter(p -> p.matcher(line).find()).count() >= 2);
    }

    static List<Path> sources() throws IOException {
        try (Stream<Path> s = Files.walk(SOURCES)) {
            return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }
}
