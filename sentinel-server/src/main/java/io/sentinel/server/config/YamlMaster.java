package io.sentinel.server.config;

import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/** One entry under {@code masters:}, turned into its {@code sentinel monitor} line and per-master directives. */
final class YamlMaster {
    /** Keys written as {@code sentinel <key> <master> <value>}. */
    static final Map<String, YamlType> SETTINGS = Map.ofEntries(
            Map.entry("down-after-milliseconds", YamlType.INT), Map.entry("failover-timeout", YamlType.INT),
            Map.entry("parallel-syncs", YamlType.INT), Map.entry("auth-user", YamlType.STRING),
            Map.entry("auth-pass", YamlType.STRING), Map.entry("notification-script", YamlType.STRING),
            Map.entry("client-reconfig-script", YamlType.STRING),
            Map.entry("master-reboot-down-after-period", YamlType.INT), Map.entry("config-epoch", YamlType.INT),
            Map.entry("leader-epoch", YamlType.INT));

    private final YamlNodes y;
    private final Node nameNode;
    private final String name;
    private final String path;
    private final MappingNode body;
    private final List<ConfLine> lines;
    private String host;
    private String port;
    private String quorum;

    YamlMaster(YamlNodes y, NodeTuple entry, List<ConfLine> lines) throws ConfigException {
        this.y = y;
        this.nameNode = entry.getKeyNode();
        this.name = y.key(entry);
        this.path = "masters." + name;
        this.body = y.mapping(entry.getValueNode(), path);
        this.lines = lines;
    }

    void read() throws ConfigException {
        for (NodeTuple t : y.entries(body, path)) {
            String key = y.key(t);
            String full = path + "." + key;
            Node v = t.getValueNode();
            if (SETTINGS.containsKey(key)) {
                lines.add(y.line(v, full, List.of("sentinel", key, name, y.scalar(v, full, SETTINGS.get(key)))));
            } else {
                readSpecial(t, key, full, v);
            }
        }
        if (host == null || port == null) throw y.error(nameNode, path, "needs address (host:port) or host and port");
        if (quorum == null) throw y.error(nameNode, path, "needs quorum");
        // its place in the list does not matter: sentinel lines are applied monitor lines first
        lines.add(y.line(nameNode, path, List.of("sentinel", "monitor", name, host, port, quorum)));
    }

    private void readSpecial(NodeTuple t, String key, String full, Node v) throws ConfigException {
        switch (key) {
            case "address":
                String[] hp = hostPort(v, full);
                host = hp[0];
                port = hp[1];
                break;
            case "host": host = y.scalar(v, full, YamlType.STRING); break;
            case "port": port = y.scalar(v, full, YamlType.INT); break;
            case "quorum": quorum = y.scalar(v, full, YamlType.INT); break;
            case "rename-commands":
                for (NodeTuple r : y.entries(y.mapping(v, full), full)) {
                    String to = y.scalar(r.getValueNode(), full + "." + y.key(r), YamlType.STRING);
                    lines.add(y.line(r.getKeyNode(), full, List.of("sentinel", "rename-command", name, y.key(r), to)));
                }
                break;
            case "known-replicas":
                for (Node n : y.sequence(v, full)) {
                    String[] r = hostPort(n, full);
                    lines.add(y.line(n, full, List.of("sentinel", "known-replica", name, r[0], r[1])));
                }
                break;
            case "known-sentinels":
                for (Node n : y.sequence(v, full)) knownSentinel(n, full);
                break;
            default:
                throw y.error(t.getKeyNode(), full, "unknown key");
        }
    }

    private void knownSentinel(Node n, String full) throws ConfigException {
        String[] address = null;
        String runId = null;
        for (NodeTuple t : y.entries(y.mapping(n, full), full)) {
            String key = y.key(t);
            if (key.equals("address")) address = hostPort(t.getValueNode(), full + ".address");
            else if (key.equals("runid")) runId = y.scalar(t.getValueNode(), full + ".runid", YamlType.STRING);
            else throw y.error(t.getKeyNode(), full + "." + key, "unknown key");
        }
        if (address == null || runId == null) throw y.error(n, full, "needs address and runid");
        lines.add(y.line(n, full, List.of("sentinel", "known-sentinel", name, address[0], address[1], runId)));
    }

    /** {@code host:port}, {@code [v6]:port} or {@code v6:port} (the last colon separates the port). */
    private String[] hostPort(Node node, String key) throws ConfigException {
        String v = y.scalar(node, key, YamlType.STRING);
        int colon = v.lastIndexOf(':');
        if (colon <= 0 || colon == v.length() - 1) throw y.error(node, key, "expected host:port");
        String host = v.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        return new String[] {host, v.substring(colon + 1)};
    }
}
