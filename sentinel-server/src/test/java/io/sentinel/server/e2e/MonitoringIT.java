package io.sentinel.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.ReadFrom;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.masterreplica.MasterReplica;
import io.lettuce.core.masterreplica.StatefulRedisMasterReplicaConnection;
import io.sentinel.core.model.Address;
import io.sentinel.server.it.Await;
import io.sentinel.server.it.ProcessScope;
import io.sentinel.server.it.RedisProcess;
import io.sentinel.server.it.SentinelConf;
import io.sentinel.server.it.SentinelProcess;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.JedisSentinelPool;

/** Issue 2: one of our sentinels monitoring a real master with two replicas, seen through real clients. */
class MonitoringIT {
    @RegisterExtension
    final ProcessScope processes = new ProcessScope();

    private RedisProcess master;
    private SentinelProcess sentinel;

    private void startTopology(long downAfterMillis) {
        master = processes.add(RedisProcess.master());
        processes.add(RedisProcess.replicaOf(master));
        processes.add(RedisProcess.replicaOf(master));
        sentinel = processes.add(new SentinelProcess(new SentinelConf()
                .monitor("mymaster", master.address(), 1).downAfterMillis(downAfterMillis)));
    }

    private int replicasKnown() {
        try (Jedis j = sentinel.jedis()) {
            return j.sentinelReplicas("mymaster").size();
        }
    }

    @Test
    void discoversReplicasAndAnswersMasterAddress() {
        startTopology(5000);
        awaitReplicasReady();
        assertEquals(master.address(), sentinel.masterAddress("mymaster"));
        try (Jedis j = sentinel.jedis()) {
            Map<String, String> m = j.sentinelMaster("mymaster");
            assertEquals("master", m.get("flags"));
            assertEquals("2", m.get("num-slaves"));
            for (Map<String, String> r : j.sentinelReplicas("mymaster")) {
                assertEquals("slave", r.get("flags"));
                assertEquals(String.valueOf(master.port()), r.get("master-port"));
            }
        }
    }

    @Test
    void jedisSentinelPoolFindsTheMaster() {
        startTopology(5000);
        String sentinelAddress = sentinel.address().host() + ":" + sentinel.port();
        try (JedisSentinelPool pool = new JedisSentinelPool("mymaster", Set.of(sentinelAddress))) {
            assertEquals(master.port(), pool.getCurrentHostMaster().getPort());
            try (Jedis j = pool.getResource()) {
                j.set("k", "v1");
                assertEquals("v1", j.get("k"));
            }
        }
    }

    @Test
    void lettuceMasterReplicaWritesToMasterAndReadsFromReplicas() {
        startTopology(5000);
        awaitReplicasReady(); // Lettuce reads from replicas the sentinel reports healthy (no "disconnected" flag)
        RedisClient client = RedisClient.create();
        try {
            RedisURI uri = RedisURI.Builder.sentinel(sentinel.address().host(), sentinel.port(), "mymaster").build();
            try (StatefulRedisMasterReplicaConnection<String, String> conn =
                         MasterReplica.connect(client, StringCodec.UTF8, uri)) {
                conn.setReadFrom(ReadFrom.REPLICA);
                conn.sync().set("lettuce", "ok");
                Await.until(Duration.ofSeconds(10), "value replicated and read from a replica",
                        () -> "ok".equals(conn.sync().get("lettuce")));
            }
        } finally {
            client.shutdown();
        }
    }

    @Test
    void subscriberSeesSdownOnSigstopAndClearOnSigcont() throws Exception {
        long downAfter = 2000;
        startTopology(downAfter);
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        JedisPubSub sub = new JedisPubSub() {
            @Override
            public void onMessage(String channel, String message) {
                events.add(channel + " " + message);
            }
        };
        Thread subscriber = new Thread(() -> {
            try (Jedis j = sentinel.jedis()) {
                j.subscribe(sub, "+sdown", "-sdown");
            }
        });
        subscriber.start();
        Await.until(Duration.ofSeconds(5), "subscribed", () -> sub.isSubscribed());
        Await.until(Duration.ofSeconds(15), "master answered PING through the sentinel",
                () -> Long.parseLong(sentinelField("last-ok-ping-reply")) < 1000);
        Address m = master.address();
        String expected = "master mymaster " + m.host() + " " + m.port();
        try {
            long stoppedAt = System.nanoTime();
            master.sigstop();
            String down = events.poll(downAfter + 1500, TimeUnit.MILLISECONDS);
            long tookMillis = (System.nanoTime() - stoppedAt) / 1_000_000;
            assertEquals("+sdown " + expected, down, "after " + tookMillis + " ms");
            master.sigcont();
            String up = events.poll(5, TimeUnit.SECONDS);
            assertEquals("-sdown " + expected, up);
        } finally {
            master.sigcont();
            sub.unsubscribe();
            subscriber.join(5000);
        }
    }

    @Test
    void pausedSentinelEntersTiltAndLeavesIt() throws Exception {
        startTopology(5000);
        awaitReplicasReady(); // the core is ticking (PING is answered before it starts)
        try (Jedis j = sentinel.jedis()) {
            j.sendCommand(redis.clients.jedis.Protocol.Command.SENTINEL, "debug", "tilt-period", "2000");
        }
        try (EventLog log = EventLog.subscribe(sentinel, "+tilt", "-tilt")) {
            sentinel.sigstop(); // like a long GC pause or a throttled container: ticks stop for a while
            try {
                Await.until(Duration.ofSeconds(10), "pause longer than tilt-trigger (2 s)",
                        () -> !sentinel.ping(Duration.ofMillis(2500)));
            } finally {
                sentinel.sigcont();
            }
            log.await("+tilt", Duration.ofSeconds(10));
            log.await("-tilt", Duration.ofSeconds(10));
            assertEquals(List.of("+tilt #tilt mode entered", "-tilt #tilt mode exited"), log.received);
        }
    }

    @Test
    void sigtermStopsCleanlyWithExitCodeZeroAndStateOnDisk() throws Exception {
        startTopology(5000);
        awaitReplicasReady();
        assertEquals(0, sentinel.sigterm(Duration.ofSeconds(10)));
        String conf = java.nio.file.Files.readString(sentinel.confFile());
        assertTrue(conf.matches("(?s).*sentinel myid [0-9a-f]{40}.*"), conf);
        assertTrue(conf.contains("sentinel known-replica mymaster"), conf);
    }

    private void awaitReplicasReady() {
        Await.until(Duration.ofSeconds(15), "both replicas discovered, linked and their INFO read",
                () -> replicasKnown() == 2 && replicaFlags().equals(List.of("slave", "slave"))
                        && replicaField("master-port").equals(List.of("" + master.port(), "" + master.port())),
                sentinel::describe);
    }

    private List<String> replicaFlags() {
        return replicaField("flags");
    }

    private List<String> replicaField(String field) {
        try (Jedis j = sentinel.jedis()) {
            return j.sentinelReplicas("mymaster").stream().map(r -> r.get(field)).toList();
        }
    }

    private String sentinelField(String field) {
        try (Jedis j = sentinel.jedis()) {
            return j.sentinelMaster("mymaster").get(field);
        }
    }

    @Test
    void mutatingCommandsGoThroughTheCore() {
        startTopology(5000);
        RedisProcess other = processes.add(RedisProcess.master());
        try (Jedis j = sentinel.jedis()) {
            assertEquals("OK", j.sentinelMonitor("other", other.address().host(), other.port(), 1));
            assertEquals(other.address(), sentinel.masterAddress("other"));
            assertEquals("OK", j.sentinelSet("other", Map.of("down-after-milliseconds", "7000")));
            assertEquals("7000", j.sentinelMaster("other").get("down-after-milliseconds"));
            assertEquals("OK", j.sentinelRemove("other"));
            List<Map<String, String>> masters = j.sentinelMasters();
            assertEquals(1, masters.size());
            assertTrue(sentinel.confFile().toFile().exists());
        }
    }
}
