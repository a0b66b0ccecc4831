package io.sentinel.server.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * Reads the YAML form of the configuration (see docs/configuration.md). The document is only composed into nodes,
 * never constructed into objects, so no type can be instantiated from it; each key becomes the sentinel.conf
 * directive it stands for and goes through {@link ConfFileParser}, so both formats share one set of rules and
 * defaults. Unknown keys, duplicate keys and wrong types are errors with file, line and key.
 */
public final class YamlConfigLoader {
    /** Global keys that map one-to-one to a directive: key -> value type. */
    static final Map<String, YamlType> GLOBALS = Map.ofEntries(
            Map.entry("port", YamlType.INT), Map.entry("dir", YamlType.STRING), Map.entry("logfile", YamlType.STRING),
            Map.entry("protected-mode", YamlType.BOOL), Map.entry("requirepass", YamlType.STRING),
            Map.entry("loglevel", YamlType.STRING), Map.entry("pidfile", YamlType.STRING),
            Map.entry("daemonize", YamlType.BOOL), Map.entry("log-format", YamlType.STRING),
            Map.entry("metrics-port", YamlType.INT), Map.entry("metrics-bind", YamlType.STRING),
            Map.entry("info-extras", YamlType.BOOL),
            Map.entry("kubernetes-master-label", YamlType.STRING), Map.entry("kubernetes-namespace", YamlType.STRING),
            Map.entry("kubernetes-api-url", YamlType.STRING), Map.entry("kubernetes-token-file", YamlType.STRING),
            Map.entry("kubernetes-ca-file", YamlType.STRING),
            Map.entry("tls-port", YamlType.INT), Map.entry("tls-cert-file", YamlType.STRING),
            Map.entry("tls-key-file", YamlType.STRING), Map.entry("tls-key-file-pass", YamlType.STRING),
            Map.entry("tls-client-cert-file", YamlType.STRING), Map.entry("tls-client-key-file", YamlType.STRING),
            Map.entry("tls-client-key-file-pass", YamlType.STRING), Map.entry("tls-ca-cert-file", YamlType.STRING),
            Map.entry("tls-ca-cert-dir", YamlType.STRING), Map.entry("tls-auth-clients", YamlType.STRING),
            Map.entry("tls-protocols", YamlType.STRING), Map.entry("tls-ciphers", YamlType.STRING),
            Map.entry("tls-ciphersuites", YamlType.STRING), Map.entry("tls-prefer-server-ciphers", YamlType.BOOL),
            Map.entry("tls-session-caching", YamlType.BOOL), Map.entry("tls-session-cache-size", YamlType.INT),
            Map.entry("tls-session-cache-timeout", YamlType.INT), Map.entry("tls-replication", YamlType.BOOL),
            Map.entry("maxclients", YamlType.INT), Map.entry("timeout", YamlType.INT),
            Map.entry("tcp-keepalive", YamlType.INT), Map.entry("acllog-max-len", YamlType.INT),
            Map.entry("tcp-backlog", YamlType.INT), Map.entry("unixsocket", YamlType.STRING),
            Map.entry("unixsocketperm", YamlType.STRING), Map.entry("bind-source-addr", YamlType.STRING),
            Map.entry("aclfile", YamlType.STRING), Map.entry("syslog-enabled", YamlType.BOOL),
            Map.entry("syslog-ident", YamlType.STRING), Map.entry("syslog-facility", YamlType.STRING));
    /** Global keys written as {@code sentinel <key> <value>}. */
    static final Map<String, YamlType> SENTINEL_GLOBALS = Map.ofEntries(
            Map.entry("myid", YamlType.STRING), Map.entry("current-epoch", YamlType.INT),
            Map.entry("announce-ip", YamlType.STRING), Map.entry("announce-port", YamlType.INT),
            Map.entry("resolve-hostnames", YamlType.BOOL), Map.entry("announce-hostnames", YamlType.BOOL),
            Map.entry("deny-scripts-reconfig", YamlType.BOOL), Map.entry("sentinel-user", YamlType.STRING),
            Map.entry("sentinel-pass", YamlType.STRING), Map.entry("myid-from", YamlType.STRING),
            Map.entry("forget-unresolved-after", YamlType.INT));

    private final Path startDir;

    public YamlConfigLoader(Path startDir) {
        this.startDir = startDir;
    }

    public LoadedConfig load(Path file, List<String> overrides) throws ConfigException {
        Path source = file.toAbsolutePath().normalize();
        YamlNodes y = new YamlNodes(source.toString());
        Node root = compose(source);
        List<ConfLine> lines = new ArrayList<>();
        if (root != null) globals(y, y.mapping(root, "(document)"), lines);
        return new ConfFileParser(startDir).parseLines(source, lines, overrides, true);
    }

    private static Node compose(Path file) throws ConfigException {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(20);
        options.setNestingDepthLimit(20);
        options.setCodePointLimit(4 * 1024 * 1024);
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return new Yaml(new SafeConstructor(options)).compose(r);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new ConfigException(file + ":" + line + ": invalid YAML: " + e.getProblem(), e);
        } catch (YAMLException e) {
            throw new ConfigException(file + ": invalid YAML: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ConfigException("Fatal error, can't open config file '" + file + "': " + e.getMessage(), e);
        }
    }

    private static void globals(YamlNodes y, MappingNode root, List<ConfLine> lines) throws ConfigException {
        for (NodeTuple t : y.entries(root, "")) {
            String key = y.key(t);
            Node v = t.getValueNode();
            if (GLOBALS.containsKey(key)) {
                lines.add(y.line(v, key, List.of(key, y.scalar(v, key, GLOBALS.get(key)))));
            } else if (SENTINEL_GLOBALS.containsKey(key)) {
                lines.add(y.line(v, key, List.of("sentinel", key, y.scalar(v, key, SENTINEL_GLOBALS.get(key)))));
            } else if (key.equals("bind")) {
                List<String> args = new ArrayList<>(List.of("bind"));
                args.addAll(y.stringList(v, key));
                lines.add(y.line(v, key, args));
            } else if (key.equals("users")) {
                for (Node u : y.sequence(v, key)) {
                    List<String> args = ConfTokens.split("user " + y.scalar(u, key, YamlType.STRING));
                    if (args == null) throw y.error(u, key, "Unbalanced quotes in ACL rule");
                    lines.add(y.line(u, key, args));
                }
            } else if (key.equals("masters")) {
                for (NodeTuple m : y.entries(y.mapping(v, key), key)) new YamlMaster(y, m, lines).read();
            } else {
                throw y.error(t.getKeyNode(), key, "unknown key");
            }
        }
    }
}
