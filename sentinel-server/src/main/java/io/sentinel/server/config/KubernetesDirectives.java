package io.sentinel.server.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/**
 * Our {@code kubernetes-*} directives (the master-label feature, off unless {@code kubernetes-master-label} is set;
 * see docs/kubernetes.md). The parser only checks their syntax, with Kubernetes's own rules, so a bad value stops
 * start-up with file and line instead of being refused by the API server later.
 */
final class KubernetesDirectives {
    /** A label name: an optional DNS-subdomain prefix and '/', then 1-63 alphanumerics, '-', '_', '.'. */
    private static final Pattern LABEL_NAME = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile(
            "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    /** A namespace: a DNS-1123 label. */
    private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    private KubernetesDirectives() {
    }

    /** Why {@code value} is not valid for directive {@code name}, or null when it is. */
    static String problem(String name, String value) {
        switch (name) {
            case "kubernetes-master-label": return labelName(value);
            case "kubernetes-namespace":
                return NAMESPACE.matcher(value).matches() ? null
                        : "kubernetes-namespace must be a namespace name (lower-case alphanumerics and '-', at most 63)";
            case "kubernetes-api-url": return apiUrl(value);
            case "kubernetes-token-file": case "kubernetes-ca-file":
                return value.isEmpty() ? name + " needs a file path" : null;
            default: throw new IllegalArgumentException(name);
        }
    }

    private static String labelName(String value) {
        int slash = value.indexOf('/');
        String prefix = slash < 0 ? null : value.substring(0, slash);
        String name = slash < 0 ? value : value.substring(slash + 1);
        boolean ok = LABEL_NAME.matcher(name).matches()
                && (prefix == null || (prefix.length() <= 253 && DNS_SUBDOMAIN.matcher(prefix).matches()));
        return ok ? null : "kubernetes-master-label must be a Kubernetes label name, such as redis-role or"
                + " example.com/redis-role (1-63 alphanumerics, '-', '_' or '.', starting and ending alphanumeric)";
    }

    private static String apiUrl(String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme();
            if (("https".equals(scheme) || "http".equals(scheme)) && uri.getHost() != null) return null;
        } catch (URISyntaxException e) {
            // falls through to the message
        }
        return "kubernetes-api-url must be an http(s) URL such as https://kubernetes.default.svc";
    }
}
