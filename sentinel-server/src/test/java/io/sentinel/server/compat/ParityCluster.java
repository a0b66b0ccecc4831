package io.sentinel.server.compat;

import io.sentinel.core.model.Address;
import io.sentinel.server.it.Await;
import io.sentinel.server.it.ProcessScope;
import io.sentinel.server.it.RealSentinelProcess;
import io.sentinel.server.it.RedisProcess;
import io.sentinel.server.it.SentinelConf;
import io.sentinel.server.it.SentinelProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import redis.clients.jedis.Jedis;

/**
 * One side of the event comparison: a master, two replicas and three sentinels, all redis-sentinel or all ours,
 * on the same config text, each sentinel's events collected from {@code PSUBSCRIBE *} once all have met.
 */
final class ParityCluster {
    static final String MASTER = "mymaster";
    static final long DOWN_AFTER_MILLIS = 1000;
    static final Duration DEADLINE = Duration.ofSeconds(40);

    final String kind;
    final List<RedisProcess> redis = new ArrayList<>();
    final List<SentinelProcess> sentinels = new ArrayList<>();
    final List<EventStream> streams = new ArrayList<>();

    private ParityCluster(String kind) {
        this.kind = kind;
    }

    /** Starts the processes (each registered with {@code scope}, which stops them) and waits for discovery. */
    static ParityCluster start(ProcessScope scope, boolean real) {
        ParityCluster c = new ParityCluster(real ? "redis-sentinel" : "ours");
        RedisProcess master = scope.add(RedisProcess.builder().name("redis").start());
        c.redis.add(master);
        for (int i = 0; i < 2; i++) {
            c.redis.add(scope.add(RedisProcess.builder().name("replica").replicaOf(master.address()).start()));
        }
        for (int i = 0; i < 3; i++) {
            SentinelConf conf = c.conf(master.address());
            c.sentinels.add(scope.add(real ? new RealSentinelProcess(conf) : new SentinelProcess(conf)));
        }
        return c;
    }

    SentinelConf conf(Address master) {
        return new SentinelConf().monitor(MASTER, master, 2).downAfterMillis(DOWN_AFTER_MILLIS)
                .failoverTimeoutMillis(6000);
    }

    /** Waits until every sentinel knows both replicas and both peers, then subscribes to each. */
    void awaitDiscoveryAndSubscribe() {
        Await.until(DEADLINE, kind + ": every sentinel knows the others and both replicas",
                () -> sentinels.stream().allMatch(this::discovered), this::state);
        for (SentinelProcess s : sentinels) streams.add(new EventStream(s));
    }

    private boolean discovered(SentinelProcess s) {
        try (Jedis j = s.jedis()) {
            return j.sentinelSentinels(MASTER).size() == 2 && j.sentinelReplicas(MASTER).size() == 2;
        }
    }

    int[] mark() {
        return streams.stream().mapToInt(EventStream::size).toArray();
    }

    /** Each sentinel's events since {@code mark}, as shapes under the symbols {@code ports}. */
    List<List<String>> shapes(int[] mark, Map<Integer, String> ports) {
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < streams.size(); i++) {
            out.add(streams.get(i).since(mark[i]).stream().map(e -> EventShape.of(e, ports))
                    .collect(Collectors.toList()));
        }
        return out;
    }

    /** M = the master before, P = after (the same when it did not move), R = any other replica, S = sentinels. */
    Map<Integer, String> symbols(Address before, Address after) {
        Map<Integer, String> ports = new HashMap<>();
        for (RedisProcess r : redis) ports.put(r.port(), "R");
        for (SentinelProcess s : sentinels) ports.put(s.port(), "S");
        ports.put(after.port(), before.equals(after) ? "M" : "P");
        ports.put(before.port(), "M");
        return ports;
    }

    RedisProcess redisAt(Address a) {
        for (RedisProcess r : redis) if (r.address().equals(a)) return r;
        throw new AssertionError(kind + ": no redis at " + a);
    }

    /** Waits until every live sentinel names one master other than {@code old}, and returns it. */
    Address awaitNewMaster(Address old) {
        Address[] agreed = new Address[1];
        Await.until(DEADLINE, kind + ": all sentinels agree on a master other than " + old, () -> {
            Address first = null;
            for (SentinelProcess s : sentinels) {
                if (!s.isAlive()) continue;
                Address a = s.masterAddress(MASTER);
                if (a == null || a.equals(old) || (first != null && !first.equals(a))) return false;
                first = a;
            }
            agreed[0] = first;
            return first != null;
        }, this::state);
        return agreed[0];
    }

    /** Waits until every sentinel lists {@code replica} with the flags {@code flags} exactly. */
    void awaitReplicaFlags(Address replica, String flags) {
        Await.until(DEADLINE, kind + ": every sentinel sees " + replica + " as " + flags,
                () -> sentinels.stream().allMatch(s -> flags.equals(flagsOf(s, replica))), this::state);
    }

    private static String flagsOf(SentinelProcess s, Address replica) {
        try (Jedis j = s.jedis()) {
            for (Map<String, String> r : j.sentinelReplicas(MASTER)) {
                if (r.get("ip").equals(replica.host()) && r.get("port").equals(String.valueOf(replica.port()))) {
                    return r.get("flags");
                }
            }
            return null;
        }
    }

    /** The master as sentinel 0 names it. */
    Address master() {
        return sentinels.get(0).masterAddress(MASTER);
    }

    void awaitDiscovered(SentinelProcess s) {
        Await.until(DEADLINE, kind + ": " + s + " knows the others and both replicas", () -> discovered(s),
                this::state);
    }

    /** The old master came back and is a replica: every sentinel saw it report role slave and lists it as one. */
    /**
     * Ours, after SENTINEL FAILOVER: the leader makes the old master a replica as soon as the promotion is confirmed
     * ({@code +convert-to-slave master ...}, docs/failover.md), so it rejoins already a replica and no role change
     * follows the switch; every sentinel lists it as a replica reporting "slave".
     */
    void awaitOldMasterDemoted(Address old) {
        awaitEvent(new int[streams.size()], "+convert-to-slave");
        awaitReplicaFlags(old, "slave");
        Await.until(DEADLINE, kind + ": every sentinel sees " + old + " report role slave",
                () -> sentinels.stream().allMatch(s -> "slave".equals(field(s, old, "role-reported"))), this::state);
    }

    private static String field(SentinelProcess s, Address replica, String name) {
        try (Jedis j = s.jedis()) {
            for (Map<String, String> r : j.sentinelReplicas(MASTER)) {
                if (r.get("ip").equals(replica.host()) && r.get("port").equals(String.valueOf(replica.port()))) {
                    return r.get(name);
                }
            }
            return null;
        }
    }

    void awaitOldMasterConverted(Address old) {
        awaitEvent(new int[streams.size()], "+convert-to-slave");
        awaitReplicaFlags(old, "slave");
        for (int i = 0; i < streams.size(); i++) {
            EventStream stream = streams.get(i);
            Await.until(DEADLINE, kind + ": sentinel " + i + " saw " + old + " report role slave",
                    () -> stream.since(0).stream().anyMatch(e -> e.contains("role-change slave " + old.hostPort())
                            && e.endsWith("new reported role is slave")), this::state);
        }
    }

    /** Waits until sentinel {@code index} lists {@code peer} with {@code s_down} among its flags, or without. */
    void awaitPeerSdown(int index, SentinelProcess peer, boolean sdown) {
        Await.until(DEADLINE, kind + ": sentinel " + index + " sees " + peer + (sdown ? "" : " not") + " s_down",
                () -> {
                    try (Jedis j = sentinels.get(index).jedis()) {
                        for (Map<String, String> p : j.sentinelSentinels(MASTER)) {
                            if (p.get("port").equals(String.valueOf(peer.port()))) {
                                return p.get("flags").contains("s_down") == sdown;
                            }
                        }
                        return false;
                    }
                }, this::state);
    }

    /** Waits until every sentinel has both replicas' priority 0 from their INFO. */
    void awaitReplicaPriorityZero() {
        Await.until(DEADLINE, kind + ": every sentinel sees replica-priority 0", () -> {
            for (SentinelProcess s : sentinels) {
                try (Jedis j = s.jedis()) {
                    for (Map<String, String> r : j.sentinelReplicas(MASTER)) {
                        if (!"0".equals(r.get("slave-priority"))) return false;
                    }
                }
            }
            return true;
        }, this::state);
    }

    /** Waits until {@code replica} replicates from {@code master} with its link up. */
    void awaitReplicaFollows(RedisProcess replica, Address master) {
        Await.until(DEADLINE, kind + ": " + replica + " replicates from " + master,
                () -> String.valueOf(master.port()).equals(replica.replicationField("master_port"))
                        && "up".equals(replica.replicationField("master_link_status")), this::state);
    }

    /** SIGKILL, forget the run id in its config, start again: the same address under a new run id. */
    void restartWithNewRunId(SentinelProcess s) {
        s.sigkill();
        try {
            java.nio.file.Path conf = s.confFile();
            List<String> kept = new ArrayList<>();
            for (String line : java.nio.file.Files.readAllLines(conf)) {
                if (!line.startsWith("sentinel myid")) kept.add(line);
            }
            java.nio.file.Files.write(conf, kept);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        s.restart();
    }

    /** Waits until sentinel {@code index} has published an event starting with {@code prefix} (since the start). */
    void awaitEvent(int index, String prefix) {
        EventStream stream = streams.get(index);
        Await.until(DEADLINE, kind + ": sentinel " + index + " publishes " + prefix,
                () -> stream.since(0).stream().anyMatch(e -> e.startsWith(prefix)), this::state);
    }

    /** Waits until some sentinel has published an event starting with {@code prefix} since {@code mark}. */
    void awaitEvent(int[] mark, String prefix) {
        Await.until(DEADLINE, kind + ": an event " + prefix, () -> {
            for (int i = 0; i < streams.size(); i++) if (streams.get(i).contains(mark[i], prefix)) return true;
            return false;
        }, this::state);
    }

    String state() {
        StringBuilder sb = new StringBuilder(kind).append('\n');
        for (int i = 0; i < streams.size(); i++) {
            sb.append("events of sentinel ").append(i).append(": ").append(streams.get(i).since(0)).append('\n');
        }
        return sb + sentinels.stream().map(SentinelProcess::describe).collect(Collectors.joining("\n"));
    }

    void closeStreams() {
        streams.forEach(EventStream::close);
    }
}
