package io.sentinel.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubernetesDirectivesTest {
    @TempDir
    Path dir;

    LoadedConfig conf(String... lines) throws Exception {
        Path f = dir.resolve("sentinel.conf");
        Files.writeString(f, "dir " + dir + "\n" + String.join("\n", lines) + "\n");
        return new ConfFileParser(dir).parse(f, List.of());
    }

    @Test
    void theDirectivesReachTheServerSettings() throws Exception {
        LoadedConfig l = conf("kubernetes-master-label example.com/redis-role", "kubernetes-namespace redis",
                "kubernetes-api-url https://kubernetes.default.svc", "kubernetes-token-file /t", "kubernetes-ca-file /c");
        assertEquals("example.com/redis-role", l.serverSettings().get("kubernetes-master-label"));
        assertEquals("redis", l.serverSettings().get("kubernetes-namespace"));
        assertEquals("https://kubernetes.default.svc", l.serverSettings().get("kubernetes-api-url"));
        assertNull(conf().serverSettings().get("kubernetes-master-label"), "off unless set");
    }

    @Test
    void aBadValueStopsStartUpWithFileAndLine() {
        ConfigException e = assertThrows(ConfigException.class, () -> conf("port 26379", "kubernetes-master-label -bad"));
        assertTrue(e.getMessage().contains("line 3") || e.getMessage().contains(":3"), e.getMessage());
        assertTrue(e.getMessage().contains("kubernetes-master-label must be a Kubernetes label name"), e.getMessage());
        assertThrows(ConfigException.class, () -> conf("kubernetes-namespace Redis_NS"));
        assertThrows(ConfigException.class, () -> conf("kubernetes-api-url ftp://x"));
        assertThrows(ConfigException.class, () -> conf("kubernetes-master-label a b"));
    }

    @Test
    void labelNamesFollowKubernetes() {
        for (String ok : List.of("redis-role", "a", "x.y_z", "example.com/role", "A9")) {
            assertNull(KubernetesDirectives.problem("kubernetes-master-label", ok), ok);
        }
        for (String bad : List.of("", "-a", "a-", "a/b/c", "Example.com/x", "x".repeat(64), "/x")) {
            assertTrue(KubernetesDirectives.problem("kubernetes-master-label", bad) != null, bad);
        }
    }

    @Test
    void yamlHasTheSameKeys() throws Exception {
        Path f = dir.resolve("sentinel.yaml");
        Files.writeString(f, "dir: " + dir + "\nkubernetes-master-label: redis-role\nkubernetes-namespace: redis\n");
        LoadedConfig l = new YamlConfigLoader(dir).load(f, List.of());
        assertEquals("redis-role", l.serverSettings().get("kubernetes-master-label"));
        assertEquals("redis", l.serverSettings().get("kubernetes-namespace"));
    }
}
