package io.sentinel.server.kubernetes;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The manifests of docker/kubernetes/ as the Kubernetes API's own typed objects (fabric8's model), and the check
 * that nothing in them is unknown to it: the model keeps a field it does not know in an {@code additionalProperties}
 * map instead of failing, so every object of the tree is visited and each such map must be empty.
 */
final class Manifests {
    static final Path DIR = Path.of("../docker/kubernetes");
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private Manifests() {
    }

    /** Every document of every {@code *.yaml} file, parsed, with the file it came from. */
    record Doc(Path file, String text, HasMetadata object) {
    }

    static List<Doc> all() {
        List<Doc> docs = new ArrayList<>();
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                for (String text : Files.readString(f).split("(?m)^---\\s*$")) {
                    if (text.lines().allMatch(l -> l.isBlank() || l.strip().startsWith("#"))) continue;
                    docs.add(new Doc(f, text, parse(text)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return docs;
    }

    static HasMetadata parse(String yaml) {
        return SERIALIZATION.unmarshal(yaml);
    }

    static <T extends HasMetadata> T one(List<Doc> docs, Class<T> type, String name) {
        return docs.stream().map(Doc::object).filter(type::isInstance).map(type::cast)
                .filter(o -> o.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name));
    }

    /** Paths of every field the model did not know, and of every object of a kind it has no type for. */
    static List<String> unknown(Object root) {
        List<String> out = new ArrayList<>();
        if (root instanceof GenericKubernetesResource g) out.add(g.getApiVersion() + "/" + g.getKind() + ": no typed model");
        walk(root, "", out, new IdentityHashMap<>());
        return out;
    }

    private static void walk(Object o, String path, List<String> out, Map<Object, Boolean> seen) {
        if (o == null || seen.put(o, true) != null) return;
        if (o instanceof Collection<?> c) {
            int i = 0;
            for (Object item : c) walk(item, path + "[" + i++ + "]", out, seen);
            return;
        }
        if (o instanceof Map<?, ?> m) {
            m.forEach((k, v) -> walk(v, path + "." + k, out, seen));
            return;
        }
        if (!o.getClass().getName().startsWith("io.fabric8.")) return;
        for (Method get : o.getClass().getMethods()) {
            if (get.getParameterCount() != 0 || Modifier.isStatic(get.getModifiers())
                    || !get.getName().startsWith("get") || get.getDeclaringClass() == Object.class) continue;
            Object value = invoke(get, o);
            String name = get.getName().substring(3);
            if (name.equals("AdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) out.add(path + ": unknown " + extra.keySet());
            } else {
                walk(value, path + "." + name, out, seen);
            }
        }
    }

    private static Object invoke(Method get, Object o) {
        try {
            return get.invoke(o);
        } catch (IllegalAccessException | InvocationTargetException e) {
            return null;
        }
    }
}
