package io.sentinel.server.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One refresh of the demo screen: a row per process, the failover panel, then the last events of sentinel-1. */
final class StatusTable {
    private static final String ROW = "%-10s %-16s %-7s %-8s %-5s %-8s %s%n";
    private static final int MIN_EVENTS = 3;

    private final DemoCluster cluster;
    private final DemoClient client;
    private String masterAddress;

    StatusTable(DemoCluster cluster, DemoClient client) {
        this.cluster = cluster;
        this.client = client;
    }

    /**
     * The table, {@code panel} under it, the last events, then {@code footer}: within {@code maxLines} lines when
     * there is room, by showing fewer events (a screen that scrolls loses its top).
     */
    String render(String header, List<String> panel, String footer, int maxLines) {
        DemoProcess observer = cluster.sentinels.get(0);
        Map<String, String> seenMaster = client.sentinelMaster(observer, DemoCluster.MASTER_NAME);
        List<Map<String, String>> seenReplicas = client.sentinelReplicas(observer, DemoCluster.MASTER_NAME);
        if (seenMaster != null && seenMaster.containsKey("ip")) masterAddress = seenMaster.get("ip") + ":" + seenMaster.get("port");
        StringBuilder out = new StringBuilder(header).append('\n');
        out.append(String.format(ROW, "NAME", "ADDRESS", "PID", "ROLE", "LINK", "OFFSET",
                "FLAGS (sentinel-1's) / VIEW OF " + DemoCluster.MASTER_NAME));
        for (DemoProcess p : cluster.redis) out.append(redisRow(p, seenMaster, seenReplicas));
        for (DemoProcess s : cluster.sentinels) out.append(sentinelRow(s));
        out.append('\n');
        panel.forEach(line -> out.append(line).append('\n'));
        out.append("\nLast events of sentinel-1 (PSUBSCRIBE *):\n");
        List<String> events = client.lastEvents();
        if (events.isEmpty()) out.append("  (none yet)\n");
        int room = maxLines - lineCount(out) - lineCount(footer) - 1;
        events.subList(Math.max(0, events.size() - Math.max(MIN_EVENTS, room)), events.size())
                .forEach(e -> out.append("  ").append(e).append('\n'));
        return out.append(footer).toString();
    }

    /** The redis process sentinel-1 last named as master (after a failover, no longer the first one). */
    DemoProcess currentMaster() {
        for (DemoProcess p : cluster.redis) {
            if (p.address().equals(masterAddress)) return p;
        }
        return cluster.master();
    }

    private String redisRow(DemoProcess p, Map<String, String> seenMaster, List<Map<String, String>> seenReplicas) {
        String flags = flagsOf(p, seenMaster, seenReplicas);
        if (!p.isAlive()) return row(p, p.fault() == null ? "exited" : p.fault(), "-", "-", flags);
        // a frozen redis would only time out: say so instead of waiting for it on every refresh
        if (p.fault() != null) return row(p, p.fault(), "-", "-", flags);
        String info = client.replicationInfo(p);
        if (info == null) return row(p, "no reply", "-", "-", flags);
        String role = field(info, "role");
        if ("slave".equals(role)) {
            return row(p, "replica", field(info, "master_link_status"), field(info, "slave_repl_offset"), flags);
        }
        return row(p, role, "-", field(info, "master_repl_offset"), flags);
    }

    private String sentinelRow(DemoProcess s) {
        if (!s.isAlive()) return row(s, "exited", "-", "-", "");
        Map<String, String> m = client.sentinelMaster(s, DemoCluster.MASTER_NAME);
        if (m == null) return row(s, "no reply", "-", "-", "");
        if (!m.containsKey("ip")) return row(s, "sentinel", "-", "-", "(no view of " + DemoCluster.MASTER_NAME + ")");
        String view = "master " + m.get("ip") + ":" + m.get("port") + " [" + m.get("flags") + "] replicas="
                + m.get("num-slaves") + " peers=" + m.get("num-other-sentinels");
        return row(s, "sentinel", "-", "-", view);
    }

    private static String row(DemoProcess p, String role, String link, String offset, String flags) {
        return String.format(ROW, p.kind, p.address(), p.pid(), role, orDash(link), orDash(offset), flags);
    }

    /** The flags sentinel-1 reports for this address, as master or as one of its replicas. */
    private static String flagsOf(DemoProcess p, Map<String, String> master, List<Map<String, String>> replicas) {
        List<Map<String, String>> known = new ArrayList<>();
        if (master != null) known.add(master);
        if (replicas != null) known.addAll(replicas);
        for (Map<String, String> instance : known) {
            if (p.address().equals(instance.get("ip") + ":" + instance.get("port"))) return instance.get("flags");
        }
        return master == null ? "(sentinel-1 not answering)" : "(unknown to sentinel-1)";
    }

    /** One {@code field:value} line of an INFO reply. */
    static String field(String info, String name) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith(name + ":")) return line.substring(name.length() + 1).trim();
        }
        return null;
    }

    private static int lineCount(CharSequence text) {
        return (int) text.chars().filter(c -> c == '\n').count();
    }

    private static String orDash(String value) {
        return value == null ? "-" : value;
    }
}
