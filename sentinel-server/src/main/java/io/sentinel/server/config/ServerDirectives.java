package io.sentinel.server.config;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * The redis-server directives a sentinel accepts and ignores: redis-sentinel is redis-server in sentinel mode, so a
 * sentinel.conf may carry any of them (Debian's does: {@code acllog-max-len}). The list is a resource, one name a line.
 */
final class ServerDirectives {
    private static final Set<String> NAMES = load();

    private ServerDirectives() {
    }

    static boolean contains(String lowerCaseName) {
        return NAMES.contains(lowerCaseName);
    }

    static int size() {
        return NAMES.size();
    }

    private static Set<String> load() {
        Set<String> names = new HashSet<>();
        try (InputStream in = ServerDirectives.class.getResourceAsStream("redis-server-directives.txt");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                line = line.trim();
                if (!line.isEmpty() && !line.startsWith("#")) names.add(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(names);
    }
}
