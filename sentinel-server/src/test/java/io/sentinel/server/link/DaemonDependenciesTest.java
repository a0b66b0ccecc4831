package io.sentinel.server.link;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The daemon speaks RESP to instances and peers with its own client (RespSession): Lettuce with Reactor was a
 * third of its classes and idle CPU, and threads and a buffer arena of its own. Only the demo, a client of our
 * sentinels running in its own JVM, may use Lettuce.
 */
class DaemonDependenciesTest {
    static final Path SOURCES = Path.of("src/main/java");
    static final Pattern FORBIDDEN = Pattern.compile("\\b(io\\.lettuce|reactor\\.core|reactor\\.util)\\b");
    static final String ALLOWED = "io/sentinel/server/demo/";

    @Test
    void noDaemonSourceUsesLettuceOrReactor() throws IOException {
        List<String> violations = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(SOURCES)) {
            files = s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        for (Path f : files) {
            if (f.toString().replace('\\', '/').contains(ALLOWED)) continue;
            List<String> lines = Files.readAllLines(f);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (FORBIDDEN.matcher(line).find() && !line.contains("QUIET_PREFIXES")) {
                    violations.add(f + ":" + (i + 1));
                }
            }
        }
        assertTrue(files.size() > 50, "scanned the server sources: " + files.size());
        assertEquals(List.of(), violations);
    }

    @Test
    void theScanCatchesAnImport() {
        assertTrue(FORBIDDEN.matcher("import io.lettuce.core.RedisClient;").find());
        assertTrue(FORBIDDEN.matcher("import reactor.core.publisher.Mono;").find());
    }
}
