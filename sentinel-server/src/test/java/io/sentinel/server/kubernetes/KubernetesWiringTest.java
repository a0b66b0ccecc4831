package io.sentinel.server.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.sentinel.core.config.MasterConfig;
import io.sentinel.core.model.Address;
import io.sentinel.server.config.ConfFileParser;
import io.sentinel.server.config.LoadedConfig;
import io.sentinel.server.http.Health;
import io.sentinel.server.http.HttpServer;
import io.sentinel.server.http.SentinelMetrics;
import io.sentinel.server.stepdown.StepDown;
import io.sentinel.server.stepdown.StepDownCommand;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Issue 15: the manifests fit the daemon. Probe paths and ports exist, the ConfigMap is a sentinel.conf our parser
 * takes (with the StatefulSet's arguments), the master Service selects the label the sentinels write, and the
 * preStop hook's step-down command line is one our step-down accepts, aimed at this pod's Redis.
 */
class KubernetesWiringTest {
    final List<Manifests.Doc> docs = Manifests.all();
    final StatefulSet set = Manifests.one(docs, StatefulSet.class, "redis");
    final ConfigMap configMap = Manifests.one(docs, ConfigMap.class, "redis-sentinel");
    /** The environment the downward API gives pod redis-1. */
    final Map<String, String> env = Map.of("POD_NAME", "redis-1", "POD_NAMESPACE", "redis");

    Container container(String name) {
        return set.getSpec().getTemplate().getSpec().getContainers().stream().filter(c -> c.getName().equals(name))
                .findFirst().orElseThrow();
    }

    int port(Container c, String name) {
        return c.getPorts().stream().filter(p -> p.getName().equals(name)).findFirst().orElseThrow().getContainerPort();
    }

    @Test
    void probesAskPathsTheDaemonServesOnItsMetricsPort() throws Exception {
        Container sentinel = container("sentinel");
        HTTPGetAction live = sentinel.getLivenessProbe().getHttpGet();
        HTTPGetAction ready = sentinel.getReadinessProbe().getHttpGet();
        assertEquals("metrics", live.getPort().getStrVal());
        assertEquals("metrics", ready.getPort().getStrVal());
        assertEquals(HttpServer.DEFAULT_PORT, port(sentinel, "metrics"));
        assertTrue(sentinel.getArgs().containsAll(List.of("--metrics-bind", "0.0.0.0")), "reachable by the kubelet");
        long now = 1_000_000;
        SentinelMetrics metrics = new SentinelMetrics(() -> null, () -> now, () -> 0, () -> 0);
        HttpServer http = new HttpServer("127.0.0.1", 0, metrics, new Health(() -> null, () -> now, () -> now));
        http.start();
        try {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            for (String path : List.of(live.getPath(), ready.getPath(), "/metrics", "/no-such-path")) {
                int status = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + path))
                        .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                if (path.equals("/no-such-path")) assertEquals(404, status);
                else assertNotEquals(404, status, path);
            }
        } finally {
            http.close();
            metrics.close();
        }
        assertEquals(6379, port(container("redis"), "redis"));
    }

    /** The ConfigMap's sentinel.conf with the sentinel container's arguments, for pod redis-1. */
    LoadedConfig sentinelConf(Path dir) throws Exception {
        String text = configMap.getData().get("sentinel.conf").replace("dir /data", "dir " + dir);
        Path conf = dir.resolve("sentinel.conf");
        Files.writeString(conf, text);
        List<String> args = container("sentinel").getArgs();
        assertEquals("/etc/sentinel/sentinel.conf", args.get(0));
        assertTrue(container("sentinel").getVolumeMounts().stream().anyMatch(m -> m.getMountPath().equals("/etc/sentinel")
                && Boolean.TRUE.equals(m.getReadOnly())), "config mounted read-only");
        List<String> overrides = new ArrayList<>();
        for (String a : args.subList(1, args.size())) overrides.add(expand(a, "$(", ")"));
        return new ConfFileParser(dir).parse(conf, overrides);
    }

    @Test
    void theConfigMapIsASentinelConfOurParserTakes(@TempDir Path dir) throws Exception {
        LoadedConfig loaded = sentinelConf(dir);
        assertEquals("redis-1.redis-headless.redis.svc.cluster.local", loaded.config().announceIp());
        assertEquals("redis-1", loaded.serverSettings().get("myid-from"));
        assertTrue(loaded.config().resolveHostnames() && loaded.config().announceHostnames());
        assertEquals(port(container("sentinel"), "sentinel"), loaded.config().port());
        MasterConfig m = loaded.config().masters().get(0);
        assertEquals(new Address("redis-0.redis-headless.redis.svc.cluster.local", 6379), m.address());
        assertEquals(2, m.quorum());
        // the feature's settings, resolved as in a pod: the namespace from the downward API
        PodLabelSettings pods = PodLabelSettings.from(loaded.serverSettings(),
                Map.of("POD_NAMESPACE", "redis", "KUBERNETES_SERVICE_HOST", "10.96.0.1", "KUBERNETES_SERVICE_PORT", "443"));
        assertEquals("redis", pods.namespace());
        assertEquals(URI.create("https://10.96.0.1:443"), pods.apiUrl());
        // the pod name the sentinels derive from a monitored address is the StatefulSet's pod
        assertEquals("redis-0", DesiredLabels.podName(m.address().host()));
    }

    @Test
    void theMasterServiceSelectsTheLabelTheSentinelsWrite(@TempDir Path dir) throws Exception {
        String label = sentinelConf(dir).serverSettings().get(PodLabelSettings.ENABLE);
        Map<String, String> selector = Manifests.one(docs, Service.class, "redis-master").getSpec().getSelector();
        assertEquals(DesiredLabels.MASTER, selector.get(label), "redis-master selects " + selector);
        assertEquals("replica", DesiredLabels.REPLICA);
    }

    @Test
    void thePreStopStepDownCommandLineParsesAndAimsAtThisPodsRedis() {
        assertEquals(List.of("/bin/bash", "/etc/sentinel/prestop-sentinel.sh"),
                container("sentinel").getLifecycle().getPreStop().getExec().getCommand());
        String line = configMap.getData().get("prestop-sentinel.sh").lines().filter(l -> l.contains(" step-down "))
                .findFirst().orElseThrow();
        List<String> words = shellWords(expand(line, "${", "}"));
        assertEquals(List.of("/opt/sentinel/bin/entrypoint", "step-down"), words.subList(0, 2));
        StepDownCommand command = new StepDownCommand();
        new CommandLine(command).parseArgs(words.subList(2, words.size()).toArray(String[]::new));
        StepDown.Options o = command.options();
        assertEquals(new Address("127.0.0.1", port(container("sentinel"), "sentinel")), o.sentinel());
        assertEquals(new Address("redis-1.redis-headless.redis.svc.cluster.local", port(container("redis"), "redis")),
                o.ifAddress());
        assertEquals("mymaster", o.master());
        long grace = set.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds();
        assertTrue(o.timeoutMillis() / 1000 + 20 <= grace, "step-down and Redis's shutdown fit the grace period");
        // both containers see the downward API names the scripts use
        for (String c : List.of("redis", "sentinel")) {
            assertTrue(container(c).getEnv().stream().map(EnvVar::getName).toList().containsAll(env.keySet()), c);
        }
        assertTrue(configMap.getData().get("prestop-redis.sh").contains("/run/sentinel/redis-stopping"));
        assertTrue(line.startsWith("/opt/sentinel/bin/entrypoint"), "the image's launcher (docker/Dockerfile)");
    }

    /** {@code $(NAME)} (Kubernetes) or {@code ${NAME}} (shell) replaced from {@link #env}. */
    String expand(String s, String open, String close) {
        for (Map.Entry<String, String> e : env.entrySet()) s = s.replace(open + e.getKey() + close, e.getValue());
        return s;
    }

    /** Words as the shell splits this line: blanks separate, double quotes group. */
    static List<String> shellWords(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (char c : line.strip().toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
                any = true;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (any) words.add(w.toString());
                w.setLength(0);
                any = false;
            } else {
                w.append(c);
                any = true;
            }
        }
        if (any) words.add(w.toString());
        return words;
    }
}
