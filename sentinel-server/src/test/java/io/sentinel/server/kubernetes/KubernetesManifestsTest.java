package io.sentinel.server.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** Issue 15: every manifest of docker/kubernetes/ is a valid Kubernetes object with no field the API does not know. */
class KubernetesManifestsTest {
    final List<Manifests.Doc> docs = Manifests.all();

    @Test
    void everyManifestParsesIntoTheApisTypedObjectsWithNoUnknownField() {
        Set<String> kinds = new TreeSet<>();
        for (Manifests.Doc d : docs) {
            assertEquals(List.of(), Manifests.unknown(d.object()), d.file() + ": " + d.object().getKind());
            assertEquals("redis", d.object().getMetadata().getNamespace(), d.file() + " " + d.object().getKind());
            kinds.add(d.object().getKind());
        }
        assertEquals(new TreeSet<>(List.of("ConfigMap", "PodDisruptionBudget", "PrometheusRule", "Role",
                "RoleBinding", "Service", "ServiceAccount", "ServiceMonitor", "StatefulSet")), kinds);
        assertEquals(11, docs.size(), "documents: " + docs.stream().map(d -> d.object().getKind()).toList());
    }

    @Test
    void theCheckFindsAnUnknownFieldAndAnUnknownKind() {
        String service = "apiVersion: v1\nkind: Service\nmetadata:\n  name: x\nspec:\n  selectr:\n    a: b\n"
                + "  ports:\n    - port: 1\n      targetPrt: 2\n";
        List<String> unknown = Manifests.unknown(Manifests.parse(service));
        assertEquals(2, unknown.size(), unknown.toString());
        assertTrue(unknown.toString().contains("selectr") && unknown.toString().contains("targetPrt"), unknown.toString());
        assertFalse(Manifests.unknown(Manifests.parse("apiVersion: example.com/v1\nkind: Nothing\nmetadata:\n"
                + "  name: x\n")).isEmpty());
    }

    @Test
    void servicesSelectThePodsAndNameTheirPorts() {
        StatefulSet set = Manifests.one(docs, StatefulSet.class, "redis");
        Map<String, String> podLabels = set.getSpec().getTemplate().getMetadata().getLabels();
        assertEquals(set.getSpec().getSelector().getMatchLabels(), podLabels);
        assertEquals("redis-headless", set.getSpec().getServiceName());
        Set<String> portNames = set.getSpec().getTemplate().getSpec().getContainers().stream()
                .flatMap(c -> c.getPorts().stream()).map(ContainerPort::getName).collect(Collectors.toSet());
        for (String name : List.of("redis-headless", "redis-sentinel", "redis-master")) {
            Service s = Manifests.one(docs, Service.class, name);
            for (Map.Entry<String, String> e : s.getSpec().getSelector().entrySet()) {
                if (!e.getKey().equals("redis-role")) assertEquals(podLabels.get(e.getKey()), e.getValue(), name);
            }
            for (ServicePort p : s.getSpec().getPorts()) {
                assertTrue(portNames.contains(p.getTargetPort().getStrVal()), name + " -> " + p.getTargetPort());
            }
        }
        Service headless = Manifests.one(docs, Service.class, "redis-headless");
        assertEquals("None", headless.getSpec().getClusterIP());
        assertTrue(headless.getSpec().getPublishNotReadyAddresses(), "peers resolve before they are ready");
        PodDisruptionBudget pdb = Manifests.one(docs, PodDisruptionBudget.class, "redis");
        assertEquals(new IntOrString(1), pdb.getSpec().getMaxUnavailable());
        assertEquals(podLabels, pdb.getSpec().getSelector().getMatchLabels());
        ServiceMonitor monitor = Manifests.one(docs, ServiceMonitor.class, "redis-sentinel");
        assertTrue(headless.getMetadata().getLabels().entrySet().containsAll(
                monitor.getSpec().getSelector().getMatchLabels().entrySet()), "the ServiceMonitor selects redis-headless");
        assertTrue(headless.getSpec().getPorts().stream().anyMatch(p -> p.getName().equals(
                monitor.getSpec().getEndpoints().get(0).getPort())));
    }

    @Test
    void theRoleLetsThePodsServiceAccountPatchEveryRedisPodAndNothingElse() {
        StatefulSet set = Manifests.one(docs, StatefulSet.class, "redis");
        Role role = Manifests.one(docs, Role.class, "redis-sentinel-pod-labels");
        RoleBinding binding = Manifests.one(docs, RoleBinding.class, "redis-sentinel-pod-labels");
        assertEquals(1, role.getRules().size());
        PolicyRule rule = role.getRules().get(0);
        assertEquals(List.of(""), rule.getApiGroups());
        assertEquals(List.of("pods"), rule.getResources());
        assertEquals(List.of("patch"), rule.getVerbs());
        List<String> pods = IntStream.range(0, set.getSpec().getReplicas()).mapToObj(i -> "redis-" + i).toList();
        assertEquals(pods, rule.getResourceNames());
        assertEquals(role.getMetadata().getName(), binding.getRoleRef().getName());
        assertEquals("ServiceAccount", binding.getSubjects().get(0).getKind());
        assertEquals(set.getSpec().getTemplate().getSpec().getServiceAccountName(), binding.getSubjects().get(0).getName());
    }

    @Test
    void thePrometheusRuleIsDocsAlertsSentinelRules() throws Exception {
        Map<String, Object> rules = new Yaml().load(java.nio.file.Files.readString(
                java.nio.file.Path.of("../docs/alerts/sentinel-rules.yml")));
        String text = docs.stream().filter(d -> d.object() instanceof PrometheusRule).findFirst().orElseThrow().text();
        Map<String, Object> manifest = new Yaml().load(text);
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) manifest.get("spec");
        assertEquals(rules.get("groups"), spec.get("groups"),
                "docker/kubernetes/monitoring.yaml must carry docs/alerts/sentinel-rules.yml's groups");
        PrometheusRule typed = Manifests.one(docs, PrometheusRule.class, "redis-sentinel");
        assertNotEquals(0, typed.getSpec().getGroups().get(0).getRules().size());
    }

    @Test
    void podsAreScrapedOnTheMetricsPort() {
        PodSpec pod = Manifests.one(docs, StatefulSet.class, "redis").getSpec().getTemplate().getSpec();
        Map<String, String> annotations = Manifests.one(docs, StatefulSet.class, "redis").getSpec().getTemplate()
                .getMetadata().getAnnotations();
        Container sentinel = pod.getContainers().stream().filter(c -> c.getName().equals("sentinel")).findFirst()
                .orElseThrow();
        int metrics = sentinel.getPorts().stream().filter(p -> p.getName().equals("metrics")).findFirst().orElseThrow()
                .getContainerPort();
        assertEquals(String.valueOf(metrics), annotations.get("prometheus.io/port"));
        assertEquals("true", annotations.get("prometheus.io/scrape"));
        assertEquals("/metrics", annotations.get("prometheus.io/path"));
        assertTrue(Manifests.one(docs, ConfigMap.class, "redis-sentinel").getData().containsKey("sentinel.conf"));
    }
}
