package io.sentinel.server.e2e;

import io.sentinel.core.model.Address;
import io.sentinel.server.it.Await;
import io.sentinel.server.it.RedisProcess;
import io.sentinel.server.it.SentinelProcess;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import redis.clients.jedis.Jedis;

/**
 * What the failover tests wait for: before a fault, every sentinel knows its peers and the replicas; after it, the
 * cluster has converged (one master, every replica following it, every sentinel agreeing).
 */
final class Topology {
    private Topology() {
    }

    /**
     * Waits until every sentinel lists the other sentinels and {@code replicas} replicas for each of
     * {@code masters}; on timeout the failure carries every sentinel's state.
     */
    static void awaitDiscovery(List<? extends SentinelProcess> sentinels, List<String> masters, int replicas,
            Duration timeout) {
        Await.until(timeout, "every sentinel knows the others and " + replicas + " replica(s) of " + masters,
                () -> sentinels.stream().allMatch(s -> discovered(s, masters, sentinels.size() - 1, replicas)),
                () -> state(sentinels));
    }

    /**
     * Waits until every live sentinel names one same master for {@code master}, other than {@code old}; returns it.
     */
    static Address awaitNewMaster(List<? extends SentinelProcess> sentinels, String master, Address old,
            Duration timeout) {
        Address[] agreed = new Address[1];
        Await.until(timeout, "every sentinel names one new master for " + master, () -> {
            Address first = null;
            for (SentinelProcess s : sentinels) {
                if (!s.isAlive()) continue;
                Address a = s.masterAddress(master);
                if (a == null || a.equals(old) || (first != null && !first.equals(a))) return false;
                first = a;
            }
            agreed[0] = first;
            return first != null;
        }, () -> state(sentinels));
        return agreed[0];
    }

    private static boolean discovered(SentinelProcess s, List<String> masters, int peers, int replicas) {
        try (Jedis j = s.jedis()) {
            for (String m : masters) {
                if (j.sentinelSentinels(m).size() != peers || j.sentinelReplicas(m).size() != replicas) return false;
            }
            return true;
        }
    }

    /** Every sentinel's process state and current sentinel.conf, for failure messages. */
    static String state(List<? extends SentinelProcess> sentinels) {
        return sentinels.stream().map(SentinelProcess::describe).collect(Collectors.joining("\n"));
    }

    /**
     * Waits until the cluster has settled: every live sentinel names the same master, without a down or failover
     * flag, and lists every other live node as a replica that is not down; that node is the only master among
     * {@code nodes} (keyed by the address the sentinels know each at: its own, or a proxy's), and every other live
     * node replicates from that address with its link up. Returns the master's address; on timeout the failure
     * names what was still missing and carries every sentinel's state and {@code more}.
     */
    static Address awaitConverged(List<? extends SentinelProcess> sentinels, String master,
            Map<Address, RedisProcess> nodes, Duration timeout, Supplier<String> more) {
        String[] missing = {""};
        Await.until(timeout, "one master, its replicas following it, every sentinel agreeing", () -> {
            missing[0] = notConverged(sentinels, master, nodes);
            return missing[0] == null;
        }, () -> "still missing: " + missing[0] + "\n" + more.get() + "\n" + state(sentinels));
        return sentinels.stream().filter(SentinelProcess::isAlive).findFirst().orElseThrow().masterAddress(master);
    }

    /** What keeps the cluster from having converged, as {@link #awaitConverged} defines it; null once it has. */
    static String notConverged(List<? extends SentinelProcess> sentinels, String master,
            Map<Address, RedisProcess> nodes) {
        Address first = null;
        for (SentinelProcess s : sentinels) {
            if (!s.isAlive()) continue;
            Address a = s.masterAddress(master);
            if (first != null && !first.equals(a)) return "agreement: " + s + " names " + a + ", another " + first;
            first = a;
        }
        if (first == null || !nodes.containsKey(first)) return "a master among the nodes, named " + first;
        for (Map.Entry<Address, RedisProcess> n : nodes.entrySet()) {
            RedisProcess node = n.getValue();
            if (!node.isAlive()) continue;
            String problem = n.getKey().equals(first) ? roleProblem(node, "master", null)
                    : roleProblem(node, "slave", first);
            if (problem != null) return n.getKey() + " (" + node + "): " + problem;
        }
        for (SentinelProcess s : sentinels) {
            if (!s.isAlive()) continue;
            String problem = viewProblem(s, master, first, nodes);
            if (problem != null) return s + ": " + problem;
        }
        return null;
    }

    private static String roleProblem(RedisProcess node, String role, Address master) {
        String actual = node.replicationField("role");
        if (!role.equals(actual)) return "role " + actual + ", not " + role;
        if (master == null) return null;
        String following = node.replicationField("master_host") + ":" + node.replicationField("master_port");
        if (!following.equals(master.host() + ":" + master.port())) return "follows " + following;
        String link = node.replicationField("master_link_status");
        return "up".equals(link) ? null : "master_link_status " + link;
    }

    private static String viewProblem(SentinelProcess s, String master, Address agreed,
            Map<Address, RedisProcess> nodes) {
        try (Jedis j = s.jedis()) {
            String flags = j.sentinelMaster(master).get("flags");
            if (!"master".equals(flags)) return "master flags " + flags;
            Set<Address> up = new HashSet<>();
            for (Map<String, String> r : j.sentinelReplicas(master)) {
                if (!r.get("flags").contains("s_down")) up.add(new Address(r.get("ip"), Integer.parseInt(r.get("port"))));
            }
            for (Map.Entry<Address, RedisProcess> n : nodes.entrySet()) {
                if (n.getValue().isAlive() && !n.getKey().equals(agreed) && !up.contains(n.getKey())) {
                    return "replica " + n.getKey() + " not listed or down: " + j.sentinelReplicas(master);
                }
            }
            return null;
        }
    }
}
