package io.sentinel.server.e2e;

import io.sentinel.core.model.Address;
import io.sentinel.server.it.Await;
import io.sentinel.server.it.ChildProcess;
import io.sentinel.server.it.ProcessScope;
import io.sentinel.server.it.RealSentinelProcess;
import io.sentinel.server.it.RedisProcess;
import io.sentinel.server.it.SentinelConf;
import io.sentinel.server.it.SentinelProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.util.SafeEncoder;

/**
 * Issue 14's topology: real redis-server processes (a master and its replicas) and sentinels (ours, and Debian's
 * redis-sentinel), with down-after 1 s and failover-timeout 6 s, and the steps of a switchover under a {@link
 * CounterWriter}.
 */
final class SwitchoverCluster {
    static final Duration DEADLINE = Duration.ofSeconds(30);
    static final long FAILOVER_TIMEOUT = 6000;
    /** The sentinels' user on the data nodes, as docs/security.md gives it for the coordinated path. */
    static final String DATA_NODE_USER = "sentinel on >sentinel-secret allchannels +multi +slaveof +ping +exec"
            + " +subscribe +config|rewrite +role +publish +info +client|setname +client|kill +script|kill"
            + " +failover +client|pause +client|unpause";


    private final ProcessScope processes;
    final List<RedisProcess> redis = new ArrayList<>();
    final List<SentinelProcess> sentinels = new ArrayList<>();
    boolean dataNodeAcl;
    /** The sentinels' down-after-milliseconds. */
    long downAfterMillis = 1000;

    SwitchoverCluster(ProcessScope processes) {
        this.processes = processes;
    }

    /** A master and a replica per priority, then {@code ours} of our sentinels and {@code real} redis-sentinels. */
    SwitchoverCluster start(int ours, int real, int... priorities) {
        RedisProcess master = processes.add(node("master").start());
        redis.add(master);
        for (int p : priorities) {
            redis.add(processes.add(node("replica").replicaOf(master.address()).replicaPriority(p).start()));
        }
        SentinelConf conf = new SentinelConf().monitor("mymaster", master.address(), 2).downAfterMillis(downAfterMillis)
                .failoverTimeoutMillis(FAILOVER_TIMEOUT);
        if (dataNodeAcl) conf.masterOption("auth-user", "sentinel").authPass("sentinel-secret");
        for (int i = 0; i < ours; i++) sentinels.add(processes.add(new SentinelProcess(conf)));
        for (int i = 0; i < real; i++) sentinels.add(processes.add(new RealSentinelProcess(conf)));
        Topology.awaitDiscovery(sentinels, List.of("mymaster"), priorities.length, Duration.ofSeconds(30));
        return this;
    }

    RedisProcess.Builder node(String name) {
        RedisProcess.Builder b = RedisProcess.builder().name(name);
        // one argument per word: redis-server takes the words after --user as the config line
        return dataNodeAcl ? b.args(("--user " + DATA_NODE_USER).split(" ")) : b;
    }

    CounterWriter writer() {
        List<Address> addresses = sentinels.stream().map(ChildProcess::address).collect(Collectors.toList());
        return new CounterWriter(addresses, null, 20_000).start();
    }

    String state() {
        return Topology.state(sentinels) + "\n" + redis.stream().map(r -> r.address() + " "
                + safeReplication(r)).collect(Collectors.joining("\n"));
    }

    static String safeReplication(RedisProcess r) {
        try (Jedis j = r.jedis()) {
            return j.info("replication").replace("\r\n", " ");
        } catch (RuntimeException e) {
            return "(" + e.getMessage() + ")";
        }
    }

    Address master() {
        for (SentinelProcess s : sentinels) {
            if (s.isAlive()) return s.masterAddress("mymaster");
        }
        throw new AssertionError("no live sentinel");
    }

    RedisProcess at(Address a) {
        for (RedisProcess r : redis) if (r.address().equals(a)) return r;
        throw new AssertionError("no data node at " + a);
    }

    /** {@code SENTINEL FAILOVER mymaster [COORDINATED]} at {@code via}: "OK" or the error text. */
    static String failover(SentinelProcess via, boolean coordinated) {
        try (Jedis j = via.jedis()) {
            Object reply = coordinated
                    ? j.sendCommand(Protocol.Command.SENTINEL, "failover", "mymaster", "coordinated")
                    : j.sendCommand(Protocol.Command.SENTINEL, "failover", "mymaster");
            return SafeEncoder.encode((byte[]) reply);
        } catch (JedisDataException e) {
            return e.getMessage();
        }
    }

    /** Asks until accepted: right after a switchover the sentinels learn the new topology (NOGOODSLAVE, INPROG). */
    void request(SentinelProcess via, boolean coordinated) {
        String[] last = new String[1];
        Await.until(DEADLINE, "SENTINEL FAILOVER accepted", () -> "OK".equals(last[0] = failover(via, coordinated)),
                () -> "last reply: " + last[0] + "\n" + state());
    }

    /** The master lists every other data node as an online replica, so FAILOVER TO may pick any. */
    void awaitReplicasOnline() {
        Address m = master();
        Await.until(DEADLINE, "every replica online at " + m, () -> {
            String info = safeReplication(at(m));
            return info.contains("connected_slaves:" + (redis.size() - 1))
                    && info.split("state=online", -1).length - 1 == redis.size() - 1;
        }, this::state);
    }

    /** One switchover under the writer; returns the longest time the writer went without an acknowledged write. */
    long switchOnce(int i, boolean coordinated, CounterWriter w) {
        awaitReplicasOnline();
        Address old = master();
        w.takeLongestGapMillis();
        request(sentinels.get(i % sentinels.size()), coordinated);
        Address now = Topology.awaitNewMaster(sentinels, "mymaster", old, DEADLINE);
        long at = w.acknowledged.get();
        Await.until(DEADLINE, "writes resume after the switch to " + now, () -> w.acknowledged.get() > at + 100,
                this::state);
        long pause = w.takeLongestGapMillis();
        assertReplicates(at(old), now);
        awaitNoFailoverInProgress();
        return pause;
    }

    /**
     * The leader ends its failover once every replica resynced (+failover-end); a switchover asked of another sentinel
     * before then would move the master under it, and it would drop its own without ending it.
     */
    void awaitNoFailoverInProgress() {
        Await.until(DEADLINE, "no sentinel failing over", () -> sentinels.stream().filter(ChildProcess::isAlive)
                .allMatch(s -> {
                    try (Jedis j = s.jedis()) {
                        return !j.sentinelMaster("mymaster").get("flags").contains("failover_in_progress");
                    }
                }), this::state);
    }

    void assertReplicates(RedisProcess r, Address master) {
        Await.until(DEADLINE, r.address() + " replicates from " + master, () -> {
            String info = safeReplication(r);
            return info.contains("role:slave") && info.contains("master_port:" + master.port())
                    && info.contains("master_link_status:up");
        }, this::state);
    }

    long finalValue() {
        try (Jedis j = at(master()).jedis()) {
            String v = j.get(CounterWriter.KEY);
            return v == null ? 0 : Long.parseLong(v);
        }
    }


    /** A metric summed over every sample of it on each of our (live) sentinels. */
    double metricSum(String name) {
        double sum = 0;
        for (SentinelProcess s : sentinels) {
            if (s instanceof RealSentinelProcess || !s.isAlive()) continue;
            for (PromText.Sample sample : MetricsHttp.scrape(s).all(name)) sum += sample.value();
        }
        return sum;
    }

    /** What a series of switchovers did to the writer. */
    record Series(int runs, CounterWriter writer, long finalValue, List<Long> pausesMillis, List<Long> lostPerRun) {
        long lost() {
            return writer.lostGiven(finalValue);
        }

        String report(String label) {
            List<Long> sorted = new ArrayList<>(pausesMillis);
            Collections.sort(sorted);
            return String.format("SWITCHOVER %s: %d switchovers, %s; longest write pause per switchover (ms): median"
                    + " %d, worst %d, all %s; acknowledged writes lost per switchover %s", label, runs,
                    writer.summary(finalValue), sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1),
                    pausesMillis, lostPerRun);
        }
    }

    /** {@code runs} switchovers in a row, asking each sentinel in turn, under one writer. */
    Series switchovers(int runs, boolean coordinated) {
        List<Long> pauses = new ArrayList<>();
        List<Long> lost = new ArrayList<>();
        CounterWriter w = writer();
        try (w) {
            Await.until(DEADLINE, "the writer writes", () -> w.acknowledged.get() > 100, this::state);
            for (int i = 0; i < runs; i++) {
                long lostBefore = w.lost.get();
                pauses.add(switchOnce(i, coordinated, w));
                lost.add(w.lost.get() - lostBefore); // seen by now: the writer has written on the new master
            }
        }
        return new Series(runs, w, finalValue(), pauses, lost);
    }
}
