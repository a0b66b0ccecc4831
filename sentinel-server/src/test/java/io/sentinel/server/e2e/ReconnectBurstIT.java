package io.sentinel.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sentinel.server.it.SentinelProcess;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 16: right after +switch-master, every application reconnects and asks for the master. A burst of
 * {@code -Dfaults.burstClients} (default 1,000) fresh connections to one sentinel: every one is answered with the
 * new master. The latency is reported, not asserted (bench/storm.py compares it with redis-sentinel).
 */
class ReconnectBurstIT extends ClusterUnderFaults {
    static final int CLIENTS = Integer.getInteger("faults.burstClients", 1000);

    @Test
    void aBurstOfClientsAskingForTheMasterRightAfterSwitchMasterIsAllAnswered() {
        cluster = FaultyCluster.start(processes, new FaultyCluster.Options());
        SentinelProcess s1 = cluster.sentinel("s1");
        // the client's code warmed up (and the sentinel, as one that has been running a while): its first burst
        // in a JVM measures the JIT, not the sentinel
        ReconnectBurst.Result warmUp = ReconnectBurst.run(s1.address(), 200, Duration.ofSeconds(30));
        ReconnectBurst.Result burst;
        String switched;
        try (EventLog events = EventLog.subscribe(s1, "+switch-master")) {
            cluster.node("m").sigkill();
            events.await("+switch-master", FaultyCluster.SETTLE);
            burst = ReconnectBurst.run(s1.address(), CLIENTS, Duration.ofSeconds(30));
            switched = events.received.get(0);
        }
        System.out.printf("ReconnectBurstIT: %d clients right after '%s': %s (warm-up burst of 200 before the"
                + " failover: %s)%n", CLIENTS, switched, burst.summary(), warmUp.summary());
        String[] fields = switched.split(" ");
        String newMaster = fields[fields.length - 2] + ":" + fields[fields.length - 1];
        assertEquals(List.of(), burst.errors().subList(0, Math.min(10, burst.errors().size())), burst.summary());
        assertEquals(Map.of(newMaster, CLIENTS), burst.answers(), "every client got the new master");
        assertEquals(cluster.nodeAt(new io.sentinel.core.model.Address(fields[fields.length - 2],
                Integer.parseInt(fields[fields.length - 1]))), cluster.awaitConverged(FaultyCluster.SETTLE));
    }
}
