package io.sentinel.server.e2e;

import io.sentinel.core.model.Address;
import io.sentinel.server.it.Await;
import io.sentinel.server.it.HostNames;
import io.sentinel.server.it.ProcessScope;
import io.sentinel.server.it.RealSentinelProcess;
import io.sentinel.server.it.RedisProcess;
import io.sentinel.server.it.SentinelConf;
import io.sentinel.server.it.SentinelProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12: instances known by name on distinct loopback addresses. A replica restarted at a new address under its
 * name is up again within a couple of seconds, as the same entry; side by side with redis-sentinel through the
 * system resolver (/etc/hosts), and through the injected table (--hosts-file) for the rest.
 */
class HostnameIT {
    static final Duration WAIT = Duration.ofSeconds(20);
    static final String MASTER = "mm";

    @RegisterExtension
    final ProcessScope processes = new ProcessScope();

    /** A master and a replica that announces {@code replicaName}, both listening on the addresses the names have. */
    private RedisProcess[] topology(HostNames names, String masterName, String replicaName) {
        names.put(masterName, "127.0.0.21").put(replicaName, "127.0.0.22");
        RedisProcess master = processes.add(RedisProcess.builder().name("master").bind("127.0.0.21").start());
        RedisProcess replica = processes.add(replica(master, "127.0.0.22", 0, replicaName));
        return new RedisProcess[] {master, replica};
    }

    private static RedisProcess replica(RedisProcess master, String ip, int port, String name) {
        return RedisProcess.builder().name("replica-" + ip).bind(ip).port(port).replicaOf(master.address())
                .args("--replica-announce-ip", name).start();
    }

    private static SentinelConf conf(String masterName, int masterPort) {
        return new SentinelConf().line("sentinel resolve-hostnames yes").line("sentinel announce-hostnames yes")
                .monitor(MASTER, new Address(masterName, masterPort), 1).downAfterMillis(1000)
                .failoverTimeoutMillis(10_000);
    }

    /** The replica's flags as {@code sentinel} shows them, and how many replicas it lists; null if not listed. */
    static String replicaFlags(SentinelProcess sentinel, String replicaName) {
        try (Jedis j = sentinel.jedis()) {
            List<Map<String, String>> replicas = j.sentinelReplicas(MASTER);
            for (Map<String, String> r : replicas) {
                if (r.get("ip").equals(replicaName)) return r.get("flags") + " of " + replicas.size();
            }
            return null;
        }
    }

    /** Kills the replica, waits until every sentinel marks it down, then starts it at {@code newIp} under its name. */
    private long moveReplica(HostNames names, RedisProcess master, RedisProcess replica, String name, String newIp,
                             SentinelProcess... sentinels) {
        replica.sigkill();
        for (SentinelProcess s : sentinels) {
            Await.until(WAIT, s + " marking the replica +sdown", () -> replicaFlags(s, name).startsWith("s_down"),
                    () -> s.describe());
        }
        names.put(name, newIp);
        processes.add(replica(master, newIp, replica.port(), name));
        return System.nanoTime();
    }

    /** Milliseconds from {@code upAtNanos} until each sentinel shows the replica up, as the one entry it has. */
    private static Map<String, Long> upAgainMillis(long upAtNanos, String name, SentinelProcess... sentinels) {
        Map<String, Long> millis = new LinkedHashMap<>();
        Await.until(WAIT, "every sentinel showing the replica up again", () -> {
            for (SentinelProcess s : sentinels) {
                if (!millis.containsKey(s.toString()) && ("slave of 1").equals(replicaFlags(s, name))) {
                    millis.put(s.toString(), (System.nanoTime() - upAtNanos) / 1_000_000);
                }
            }
            return millis.size() == sentinels.length;
        }, () -> millis + "\n" + sentinels[0].describe());
        return millis;
    }

    @Test
    void aReplicaMovedUnderItsNameIsUpAgainAtOnceAsTheSameEntry() throws Exception {
        String masterName = HostNames.unique("m"), replicaName = HostNames.unique("r");
        try (HostNames names = HostNames.ownFile(Files.createTempDirectory("dns-it"))) {
            RedisProcess[] t = topology(names, masterName, replicaName);
            SentinelProcess ours = processes.add(new SentinelProcess(conf(masterName, t[0].port()),
                    "--hosts-file", names.file().toString()));
            Await.until(WAIT, "the replica listed up", () -> "slave of 1".equals(replicaFlags(ours, replicaName)),
                    ours::describe);

            long upAt = moveReplica(names, t[0], t[1], replicaName, "127.0.0.23", ours);
            long millis = upAgainMillis(upAt, replicaName, ours).values().iterator().next();
            System.out.println("moved replica up again after " + millis + " ms (ours, injected table)");
            assertTrue(millis < 2500, "up again only after " + millis + " ms");
            assertEquals(1, ours.logTail(500).lines().filter(l -> l.contains(replicaName + " now resolves to"))
                    .count(), "one log line for the move");
            assertEquals(1, ours.logTail(500).lines().filter(l -> l.contains("+address-change slave " + replicaName))
                    .count(), "one event of ours for the move");
        }
    }

    @Test
    void sideBySideWithRedisSentinelThroughTheSystemResolver() throws Exception {
        String masterName = HostNames.unique("m"), replicaName = HostNames.unique("r");
        try (HostNames names = HostNames.system()) {
            RedisProcess[] t = topology(names, masterName, replicaName);
            SentinelConf conf = conf(masterName, t[0].port());
            SentinelProcess ours = processes.add(new SentinelProcess(conf));
            SentinelProcess theirs = processes.add(new RealSentinelProcess(conf));
            for (SentinelProcess s : List.of(ours, theirs)) {
                Await.until(WAIT, s + " listing the replica up",
                        () -> "slave of 1".equals(replicaFlags(s, replicaName)), s::describe);
            }
            long upAt = moveReplica(names, t[0], t[1], replicaName, "127.0.0.23", ours, theirs);
            Map<String, Long> millis = upAgainMillis(upAt, replicaName, ours, theirs);
            System.out.println("moved replica up again after (ms, system resolver): " + millis);
            assertTrue(millis.get(ours.toString()) < 2500, "ours: " + millis);
        }
    }

    @Test
    void whileLookupsHangTheSentinelAnswersStaysOutOfTiltAndFailsOver() throws Exception {
        String masterName = HostNames.unique("m"), replicaName = HostNames.unique("r");
        try (HostNames names = HostNames.ownFile(Files.createTempDirectory("dns-it"))) {
            RedisProcess[] t = topology(names, masterName, replicaName);
            SentinelProcess ours = processes.add(new SentinelProcess(conf(masterName, t[0].port()),
                    "--hosts-file", names.file().toString()));
            Await.until(WAIT, "the replica listed up", () -> "slave of 1".equals(replicaFlags(ours, replicaName)),
                    ours::describe);

            names.hang();
            t[1].restart(); // same address: reached again at the last address its name had
            Await.until(WAIT, "the sentinel connected to the restarted replica", () -> {
                try (Jedis j = t[1].jedis()) {
                    return j.clientList().contains("-cmd") && "slave of 1".equals(replicaFlags(ours, replicaName));
                }
            }, ours::describe);
            t[0].sigkill();
            Await.until(WAIT, "a failover to the replica while every lookup hangs", () -> {
                assertAnswersQuickly(ours);
                return new Address(replicaName, t[1].port()).equals(ours.masterAddress(MASTER));
            }, ours::describe);
            try (Jedis j = ours.jedis()) {
                assertTrue(j.info("sentinel").contains("sentinel_tilt:0"), j.info("sentinel"));
            }
        }
    }

    private static void assertAnswersQuickly(SentinelProcess sentinel) {
        long started = System.nanoTime();
        try (Jedis j = sentinel.jedis()) {
            assertEquals("PONG", j.ping());
            j.sentinelGetMasterAddrByName(MASTER);
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(millis < 500, "PING and get-master-addr-by-name took " + millis + " ms");
    }

    @Test
    void aNameThatResolvesOnlyAfterStartIsMonitoredThen() throws Exception {
        String masterName = HostNames.unique("m"), replicaName = HostNames.unique("r");
        try (HostNames names = HostNames.ownFile(Files.createTempDirectory("dns-it"))) {
            RedisProcess[] t = topology(names, masterName, replicaName);
            names.remove(masterName);
            SentinelProcess ours = processes.add(new SentinelProcess(conf(masterName, t[0].port()),
                    "--hosts-file", names.file().toString()));
            Await.until(WAIT, "lookups of the master failing", () -> ours.logTail(50).contains("cannot resolve"),
                    ours::describe);
            assertEquals(new Address(masterName, t[0].port()), ours.masterAddress(MASTER));
            names.put(masterName, "127.0.0.21");
            Await.until(WAIT, "the master and its replica monitored",
                    () -> "slave of 1".equals(replicaFlags(ours, replicaName)), ours::describe);
            long failures = ours.logTail(500).lines().filter(l -> l.contains("cannot resolve")).count();
            assertTrue(failures <= 2, failures + " log lines for a name not resolving yet (one per connection)");
            assertTrue(ours.isAlive());
        }
    }

    /** What a client sees with names configured: {@code ip} of MASTER, name and ip of REPLICAS, the master address. */
    static List<String> shown(SentinelProcess sentinel) {
        try (Jedis j = sentinel.jedis()) {
            Map<String, String> master = j.sentinelMaster(MASTER);
            List<String> out = new java.util.ArrayList<>(List.of(master.get("ip"), master.get("port")));
            for (Map<String, String> r : j.sentinelReplicas(MASTER)) out.addAll(List.of(r.get("name"), r.get("ip")));
            out.addAll(j.sentinelGetMasterAddrByName(MASTER));
            return out;
        }
    }

    @Test
    void withAndWithoutAnnounceHostnamesRepliesMatchRedisSentinel() throws Exception {
        String masterName = HostNames.unique("m"), replicaName = HostNames.unique("r");
        try (HostNames names = HostNames.system()) {
            RedisProcess[] t = topology(names, masterName, replicaName);
            for (boolean announce : List.of(false, true)) {
                SentinelConf conf = new SentinelConf().line("sentinel resolve-hostnames yes")
                        .line("sentinel announce-hostnames " + (announce ? "yes" : "no"))
                        .monitor(MASTER, new Address(masterName, t[0].port()), 1);
                SentinelProcess ours = processes.add(new SentinelProcess(conf));
                SentinelProcess theirs = processes.add(new RealSentinelProcess(conf));
                String m = announce ? masterName : "127.0.0.21", r = announce ? replicaName : "127.0.0.22";
                String port = Integer.toString(t[0].port()), replicaPort = Integer.toString(t[1].port());
                List<String> expected = List.of(m, port, r + ":" + replicaPort, r, m, port);
                for (SentinelProcess s : List.of(theirs, ours)) {
                    Await.until(WAIT, s + " showing " + expected, () -> expected.equals(shown(s)),
                            () -> shown(s) + "\n" + s.describe());
                }
                ours.close();
                theirs.close();
            }
        }
    }

    @Test
    void aFailedMasterBackAtANewAddressAsAPlainMasterBecomesAReplicaListedOnce() throws Exception {
        String masterName = HostNames.unique("m"), replicaName = HostNames.unique("r");
        try (HostNames names = HostNames.ownFile(Files.createTempDirectory("dns-it"))) {
            RedisProcess[] t = topology(names, masterName, replicaName);
            SentinelProcess ours = processes.add(new SentinelProcess(conf(masterName, t[0].port()),
                    "--hosts-file", names.file().toString()));
            Await.until(WAIT, "the replica listed up", () -> "slave of 1".equals(replicaFlags(ours, replicaName)),
                    ours::describe);
            t[0].sigkill();
            Await.until(WAIT, "the failover to the replica",
                    () -> new Address(replicaName, t[1].port()).equals(ours.masterAddress(MASTER)), ours::describe);

            names.put(masterName, "127.0.0.24");
            RedisProcess back = processes.add(RedisProcess.builder().name("old-master").bind("127.0.0.24")
                    .port(t[0].port()).args("--replica-announce-ip", masterName).start());
            Await.until(WAIT, "the old master turned into a replica of the new one, listed once", () ->
                    "slave".equals(back.replicationField("role"))
                            && "slave of 1".equals(replicaFlags(ours, masterName)), ours::describe);
            assertTrue(ours.logTail(300).contains("+convert-to-slave slave " + masterName), ours.logTail(40));
        }
    }

    /** {@code peer}'s run id, address and flags as {@code sentinel} lists its peers. */
    static List<String> peers(SentinelProcess sentinel) {
        try (Jedis j = sentinel.jedis()) {
            List<String> out = new java.util.ArrayList<>();
            for (Map<String, String> p : j.sentinelSentinels(MASTER)) {
                out.add(p.get("name") + " " + p.get("ip") + ":" + p.get("port") + " " + p.get("flags"));
            }
            return out;
        }
    }

    @Test
    void aSentinelMovedUnderItsNameIsTheSamePeer() throws Exception {
        String masterName = HostNames.unique("m"), replicaName = HostNames.unique("r");
        String peerName = HostNames.unique("s"), peerId = "b".repeat(40);
        try (HostNames names = HostNames.ownFile(Files.createTempDirectory("dns-it"))) {
            RedisProcess[] t = topology(names, masterName, replicaName);
            names.put(peerName, "127.0.0.31");
            String[] args = {"--hosts-file", names.file().toString()};
            SentinelProcess ours = processes.add(new SentinelProcess(conf(masterName, t[0].port()), args));
            SentinelProcess peer = processes.add(new SentinelProcess(conf(masterName, t[0].port())
                    .line("sentinel myid " + peerId).line("sentinel announce-ip " + peerName)
                    .listen("127.0.0.31", 0), args));
            String up = peerId + " " + peerName + ":" + peer.port() + " sentinel";
            Await.until(WAIT, "the peer listed", () -> List.of(up).equals(peers(ours)), () -> peers(ours) + "");

            peer.sigkill();
            Await.until(WAIT, "the peer +sdown", () -> peers(ours).get(0).contains("s_down"), () -> peers(ours) + "");
            names.put(peerName, "127.0.0.32");
            processes.add(new SentinelProcess(conf(masterName, t[0].port()).line("sentinel myid " + peerId)
                    .line("sentinel announce-ip " + peerName).listen("127.0.0.32", peer.port()), args));
            long upAt = System.nanoTime();
            Await.until(WAIT, "the same peer up again, listed once", () -> List.of(up).equals(peers(ours)),
                    () -> peers(ours) + "\n" + ours.describe());
            System.out.println("moved peer up again after " + (System.nanoTime() - upAt) / 1_000_000 + " ms");
            assertTrue(!ours.logTail(300).contains("sentinel-invalid-addr"), ours.logTail(40));
        }
    }
}
