package io.sentinel.server.kubernetes;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where and what the master-label feature writes: the label name ({@code kubernetes-master-label}), the pods'
 * namespace, the API server and the service account's token and CA. Each comes from its directive, else from what
 * Kubernetes gives every pod: {@code POD_NAMESPACE} (downward API) or the service account's namespace file,
 * {@code KUBERNETES_SERVICE_HOST}/{@code _PORT}, and the token and CA files of the mounted service account.
 */
public record PodLabelSettings(String label, String namespace, URI apiUrl, Path tokenFile, Path caFile) {
    /** The directive that turns the feature on. */
    public static final String ENABLE = "kubernetes-master-label";
    static final Path SERVICE_ACCOUNT = Path.of("/var/run/secrets/kubernetes.io/serviceaccount");

    /**
     * The settings from the config's {@code kubernetes-*} directives, then the pod's environment.
     *
     * @throws IllegalArgumentException naming what is missing (no namespace, no API server)
     */
    public static PodLabelSettings from(Map<String, String> settings, Map<String, String> env) {
        return from(settings, env, SERVICE_ACCOUNT);
    }

    static PodLabelSettings from(Map<String, String> settings, Map<String, String> env, Path serviceAccount) {
        String label = settings.get(ENABLE);
        String namespace = settings.getOrDefault("kubernetes-namespace", env.get("POD_NAMESPACE"));
        if (namespace == null || namespace.isBlank()) namespace = read(serviceAccount.resolve("namespace"));
        if (namespace == null) {
            throw new IllegalArgumentException("kubernetes-master-label: no namespace: set kubernetes-namespace or"
                    + " POD_NAMESPACE, or run in a pod with a service account (" + serviceAccount + "/namespace)");
        }
        String url = settings.get("kubernetes-api-url");
        if (url == null) {
            String host = env.get("KUBERNETES_SERVICE_HOST");
            String port = env.getOrDefault("KUBERNETES_SERVICE_PORT", "443");
            if (host == null) {
                throw new IllegalArgumentException("kubernetes-master-label: no API server: set kubernetes-api-url,"
                        + " or run in a pod (KUBERNETES_SERVICE_HOST)");
            }
            url = "https://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
        Path token = Path.of(settings.getOrDefault("kubernetes-token-file", serviceAccount.resolve("token").toString()));
        Path ca = Path.of(settings.getOrDefault("kubernetes-ca-file", serviceAccount.resolve("ca.crt").toString()));
        return new PodLabelSettings(label, namespace.strip(), URI.create(url.replaceAll("/+$", "")), token, ca);
    }

    private static String read(Path file) {
        try {
            return Files.isReadable(file) ? Files.readString(file).strip() : null;
        } catch (IOException e) {
            return null;
        }
    }
}
