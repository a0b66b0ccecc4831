package io.sentinel.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.sentinel.core.model.Address;
import io.sentinel.server.it.Await;
import io.sentinel.server.it.HostNames;
import io.sentinel.server.it.ProcessScope;
import io.sentinel.server.it.RedisProcess;
import io.sentinel.server.it.SentinelConf;
import io.sentinel.server.it.SentinelProcess;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 15: the master label (kubernetes-master-label) against fabric8's Kubernetes API server stand-in in CRUD
 * mode, which keeps the pods and applies our merge patches as the real API server does: labels after start, after a
 * real failover (redis-server processes, our sentinels), after a sentinel restart; a denied patch is reported, not
 * fatal. Pods are named as a StatefulSet names them: the first label of each Redis server's host name, which
 * /etc/hosts points at its own loopback address (redis-server resolves the new master's name after a failover).
 */
class PodLabelsIT {
    static final String NAMESPACE = "redis";
    static final String LABEL = "redis-role";
    static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    final ProcessScope processes = new ProcessScope();

    KubernetesMockServer api;
    KubernetesClient client;
    HostNames names;
    Path tokenFile;
    final Map<String, RedisProcess> redisByPod = new LinkedHashMap<>();
    final List<SentinelProcess> sentinels = new ArrayList<>();

    @BeforeEach
    void apiServer() throws Exception {
        // CRUD mode (the pods are kept and patched as the API server does), with expectations first: one map for both
        Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
        api = new KubernetesMockServer(new Context(), new MockWebServer(), expectations,
                new KubernetesMixedDispatcher(expectations), false);
        api.start(InetAddress.getByName("127.0.0.1"), 0);
        client = api.createClient();
        names = HostNames.system();
        tokenFile = Files.createTempFile("sa-token", "");
        Files.writeString(tokenFile, "test-token\n");
    }

    @AfterEach
    void stopApiServer() throws Exception {
        if (client != null) client.close();
        if (api != null) api.destroy();
        if (names != null) names.close();
        if (tokenFile != null) Files.deleteIfExists(tokenFile);
    }

    /** Three pods, and their Redis servers (the first the master) at the pods' host names. */
    private void redisPods() {
        for (int i = 0; i < 3; i++) {
            String host = HostNames.unique("k" + i);
            String pod = host.substring(0, host.indexOf('.'));
            String ip = "127.0.0." + (41 + i);
            names.put(host, ip);
            client.pods().inNamespace(NAMESPACE).resource(new PodBuilder().withNewMetadata().withName(pod)
                    .addToLabels("app", "redis").endMetadata().build()).create();
            RedisProcess.Builder b = RedisProcess.builder().name(pod).bind(ip).args("--replica-announce-ip", host);
            if (i > 0) b.replicaOf(redisByPod.values().iterator().next().address());
            redisByPod.put(pod, processes.add(b.start()));
        }
    }

    private SentinelConf conf(int quorum) {
        RedisProcess master = redisByPod.values().iterator().next();
        String masterHost = HostNames.unique("k0");
        return new SentinelConf().line("sentinel resolve-hostnames yes").line("sentinel announce-hostnames yes")
                .line("kubernetes-master-label " + LABEL).line("kubernetes-namespace " + NAMESPACE)
                .line("kubernetes-api-url " + api.url("/").replaceAll("/$", ""))
                .line("kubernetes-token-file " + tokenFile)
                .monitor("mymaster", new Address(masterHost, master.port()), quorum).downAfterMillis(1000)
                .failoverTimeoutMillis(6000);
    }

    private String label(String pod) {
        Pod p = client.pods().inNamespace(NAMESPACE).withName(pod).get();
        return p.getMetadata().getLabels() == null ? null : p.getMetadata().getLabels().get(LABEL);
    }

    /** Every pod's label as the API server has it. */
    private Map<String, String> labels() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pod : redisByPod.keySet()) out.put(pod, label(pod));
        return out;
    }

    private void awaitLabels(String masterPod) {
        Map<String, String> expected = new LinkedHashMap<>();
        for (String pod : redisByPod.keySet()) expected.put(pod, pod.equals(masterPod) ? "master" : "replica");
        Await.until(WAIT, "labels " + expected, () -> expected.equals(labels()),
                () -> "labels now " + labels() + "\n" + Topology.state(sentinels));
    }

    private String podOf(Address a) {
        return a.host().substring(0, a.host().indexOf('.'));
    }

    @Test
    void labelsFollowStartFailoverAndRestart() {
        redisPods();
        for (int i = 0; i < 3; i++) sentinels.add(processes.add(new SentinelProcess(conf(2))));
        String first = redisByPod.keySet().iterator().next();
        awaitLabels(first);
        // the label is added beside the pod's own labels, which stay
        assertEquals("redis", client.pods().inNamespace(NAMESPACE).withName(first).get().getMetadata().getLabels()
                .get("app"));

        Topology.awaitDiscovery(sentinels, List.of("mymaster"), 2, WAIT);
        Address old = sentinels.get(0).masterAddress("mymaster");
        redisByPod.get(first).sigkill();
        Address[] promoted = new Address[1];
        Await.until(WAIT, "all sentinels agree on a new master", () -> {
            Address a = sentinels.get(0).masterAddress("mymaster");
            for (SentinelProcess s : sentinels) if (a == null || a.equals(old) || !a.equals(s.masterAddress("mymaster"))) return false;
            promoted[0] = a;
            return true;
        }, () -> Topology.state(sentinels));
        awaitLabels(podOf(promoted[0]));

        // someone (or something) changes the labels; a restarted sentinel sets them all again at start
        for (String pod : redisByPod.keySet()) {
            client.pods().inNamespace(NAMESPACE).withName(pod).edit(p -> new PodBuilder(p).editMetadata()
                    .addToLabels(LABEL, "stale").endMetadata().build());
        }
        sentinels.get(1).restart();
        awaitLabels(podOf(promoted[0]));
    }

    @Test
    void aDeniedPatchIsReportedRetriedAndNotFatal() throws Exception {
        redisPods();
        List<String> pods = new ArrayList<>(redisByPod.keySet());
        String denied = pods.get(1);
        api.expect().patch().withPath("/api/v1/namespaces/" + NAMESPACE + "/pods/" + denied)
                .andReturn(403, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":\"pods"
                        + " \\\"" + denied + "\\\" is forbidden: User \\\"system:serviceaccount:redis:sentinel\\\" cannot"
                        + " patch resource \\\"pods\\\"\",\"reason\":\"Forbidden\",\"code\":403}").always();
        SentinelProcess s = processes.add(new SentinelProcess(conf(1)));
        sentinels.add(s);
        Await.until(WAIT, "the other pods labeled", () -> "master".equals(label(pods.get(0)))
                && "replica".equals(label(pods.get(2))), () -> "labels now " + labels() + "\n" + s.describe());
        Await.until(WAIT, "the denied patch retried", () -> deniedCount(s) >= 3, s::describe);
        assertEquals(null, label(denied));
        assertTrue(s.ping(Duration.ofSeconds(2)), "the sentinel still answers");
        assertEquals(redisByPod.get(pods.get(0)).address().port(), s.masterAddress("mymaster").port());
        String log = Files.readString(s.logFile());
        assertEquals(1, count(log, "cannot label pod " + denied), "logged once:\n" + log);
        assertTrue(log.contains("is forbidden: User"), "the API's reason is in the log:\n" + log);
    }

    private static long deniedCount(SentinelProcess s) {
        Matcher m = Pattern.compile("sentinel_kubernetes_label_patches_total\\{result=\"denied\",?\\} ([0-9.]+)")
                .matcher(MetricsHttp.get(s, "/metrics").body());
        return m.find() ? (long) Double.parseDouble(m.group(1)) : 0;
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) n++;
        return n;
    }
}
