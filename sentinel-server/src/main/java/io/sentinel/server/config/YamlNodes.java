package io.sentinel.server.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** Typed access to composed YAML nodes of one file, with errors that name the file, line and key. */
final class YamlNodes {
    private static final Set<Tag> PLAIN_TAGS = Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.TIMESTAMP);
    private final String origin;

    YamlNodes(String origin) {
        this.origin = origin;
    }

    ConfigException error(Node node, String key, String reason) {
        return new ConfigException(origin + ":" + line(node) + ": " + key + ": " + reason);
    }

    static int line(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    ConfLine line(Node node, String key, List<String> args) {
        return ConfLine.fromYaml(origin, line(node), key, args);
    }

    MappingNode mapping(Node node, String key) throws ConfigException {
        if (node instanceof MappingNode) return (MappingNode) node;
        throw error(node, key, "expected a mapping");
    }

    List<Node> sequence(Node node, String key) throws ConfigException {
        if (node instanceof SequenceNode) return ((SequenceNode) node).getValue();
        throw error(node, key, "expected a list");
    }

    /** The entries of a mapping; keys must be plain strings and unique. */
    List<NodeTuple> entries(MappingNode node, String path) throws ConfigException {
        Set<String> seen = new HashSet<>();
        for (NodeTuple t : node.getValue()) {
            String k = key(t);
            String full = path.isEmpty() ? k : path + "." + k;
            if (!(t.getKeyNode() instanceof ScalarNode)) throw error(t.getKeyNode(), path, "keys must be strings");
            if (!seen.add(k)) throw error(t.getKeyNode(), full, "duplicate key");
        }
        return node.getValue();
    }

    String key(NodeTuple t) {
        return t.getKeyNode() instanceof ScalarNode ? ((ScalarNode) t.getKeyNode()).getValue() : "?";
    }

    /** A scalar as the text its directive expects: integers in decimal, booleans as yes/no. */
    String scalar(Node node, String key, YamlType type) throws ConfigException {
        if (!(node instanceof ScalarNode) || node.getTag().equals(Tag.NULL)) {
            throw error(node, key, "expected " + type.description);
        }
        String v = ((ScalarNode) node).getValue();
        Tag tag = node.getTag();
        switch (type) {
            case INT:
                String digits = v.replace("_", "");
                if (!tag.equals(Tag.INT) || !digits.matches("[-+]?[0-9]+")) {
                    throw error(node, key, "expected " + type.description);
                }
                return digits.startsWith("+") ? digits.substring(1) : digits;
            case BOOL:
                if (!tag.equals(Tag.BOOL)) throw error(node, key, "expected " + type.description);
                return v.matches("(?i)true|yes|on") ? "yes" : "no";
            default:
                // a password or host written as a number is still text; explicit custom tags are refused
                if (!PLAIN_TAGS.contains(tag)) throw error(node, key, "unsupported tag " + tag.getValue());
                return v;
        }
    }

    /** A list of strings, or one string standing for a list of one. */
    List<String> stringList(Node node, String key) throws ConfigException {
        List<String> out = new ArrayList<>();
        if (node instanceof ScalarNode) {
            out.add(scalar(node, key, YamlType.STRING));
            return out;
        }
        for (Node n : sequence(node, key)) out.add(scalar(n, key, YamlType.STRING));
        return out;
    }
}
