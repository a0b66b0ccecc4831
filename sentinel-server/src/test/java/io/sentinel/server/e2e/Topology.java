package io.sentinel.server.e2e;

import io.sentinel.core.model.Address;
import io.sentinel.server.it.Await;
import io.sentinel.server.it.SentinelProcess;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import redis.clients.jedis.Jedis;

/** What the failover tests wait for before a fault: every sentinel knows its peers and the replicas. */
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
}
