package io.sentinel.server.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PodLabelSettingsTest {
    static final Map<String, String> ON = Map.of("kubernetes-master-label", "redis-role");

    @Test
    void fromThePodsEnvironmentAndServiceAccount(@TempDir Path sa) throws Exception {
        Files.writeString(sa.resolve("namespace"), "data\n");
        PodLabelSettings s = PodLabelSettings.from(ON, Map.of("KUBERNETES_SERVICE_HOST", "fd00::1",
                "KUBERNETES_SERVICE_PORT", "6443"), sa);
        assertEquals("redis-role", s.label());
        assertEquals("data", s.namespace());
        assertEquals(URI.create("https://[fd00::1]:6443"), s.apiUrl());
        assertEquals(sa.resolve("token"), s.tokenFile());
        assertEquals(sa.resolve("ca.crt"), s.caFile());
        assertEquals("redis", PodLabelSettings.from(ON, Map.of("POD_NAMESPACE", "redis",
                "KUBERNETES_SERVICE_HOST", "10.0.0.1"), sa).namespace(), "the downward API wins over the file");
    }

    @Test
    void directivesWin(@TempDir Path sa) {
        PodLabelSettings s = PodLabelSettings.from(Map.of("kubernetes-master-label", "r", "kubernetes-namespace", "ns",
                "kubernetes-api-url", "http://127.0.0.1:8080/", "kubernetes-token-file", "/t",
                "kubernetes-ca-file", "/c"), Map.of("POD_NAMESPACE", "other", "KUBERNETES_SERVICE_HOST", "h"), sa);
        assertEquals("ns", s.namespace());
        assertEquals(URI.create("http://127.0.0.1:8080"), s.apiUrl());
        assertEquals(Path.of("/t"), s.tokenFile());
        assertEquals(Path.of("/c"), s.caFile());
    }

    @Test
    void outsideAPodWhatIsMissingIsNamed(@TempDir Path sa) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PodLabelSettings.from(ON, Map.of("KUBERNETES_SERVICE_HOST", "h"), sa));
        assertTrue(e.getMessage().contains("no namespace"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> PodLabelSettings.from(ON, Map.of("POD_NAMESPACE", "redis"), sa));
        assertTrue(e.getMessage().contains("no API server"), e.getMessage());
    }

    @Test
    void patchResultsAreCountedByKind() {
        assertEquals("ok", PodLabeler.result(200));
        assertEquals("denied", PodLabeler.result(403));
        assertEquals("denied", PodLabeler.result(401));
        assertEquals("not_found", PodLabeler.result(404));
        assertEquals("error", PodLabeler.result(500));
        assertEquals("error", PodLabeler.result(-1));
        assertEquals("pods \"x\" is forbidden", PodsApi.message("{\"kind\":\"Status\",\"message\":\"pods \\\"x\\\" is"
                + " forbidden\",\"code\":403}"));
    }
}
