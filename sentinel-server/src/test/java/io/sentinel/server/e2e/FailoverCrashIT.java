package io.sentinel.server.e2e;

import io.sentinel.core.model.Address;
import io.sentinel.server.it.Await;
import io.sentinel.server.it.Fault;
import io.sentinel.server.it.SentinelProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

/**
 * Issue 16: the master is SIGKILLed, and a sentinel dies in each state of the failover that follows; restarted, it
 * and the others converge on one master. The sentinels' links are slowed ({@link #LINK_DELAY_MILLIS} each way) so
 * each state lasts long enough to be seen in {@code SENTINEL MASTER}'s failover-state and struck. Our sentinel
 * goes from elected to REPLICAOF NO ONE sent in one step, so two states are reached otherwise: select_slave by
 * {@code SENTINEL SIMULATE-FAILURE crash-after-election} (the process exits as it is elected, where select_slave
 * begins), send_slaveof_noone by a SIGKILL on its {@code +failover-state-send-slaveof-noone} event, with the
 * leader's links to the replicas cut at the same instant so the promotion it sent dies with it.
 */
class FailoverCrashIT extends ClusterUnderFaults {
    static final long LINK_DELAY_MILLIS = 150;
    /** How many times each state is struck ({@code -Dfaults.crashRepeats}; the robustness profile: 3). */
    static final int REPEATS = Integer.getInteger("faults.crashRepeats", 1);

    String master = "m";

    @Test
    void aSentinelKilledInEachFailoverStateAndAllKilledDuringOneConverge() {
        FaultyCluster.Options options = new FaultyCluster.Options();
        options.failoverTimeoutMillis = 2000;
        cluster = FaultyCluster.start(processes, options);
        List<String> report = new ArrayList<>();
        for (int i = 0; i < REPEATS; i++) {
            for (String state : List.of("wait_start", "wait_promotion", "reconf_slaves")) {
                report.add(round(state, () -> killInState(state, false)));
            }
            report.add(round("send_slaveof_noone", this::killOnPromotionSent));
            report.add(round("all sentinels", () -> killInState("wait_promotion", true)));
        }
        // last: the flag stays set on the sentinels that are not elected, and nothing clears it but a restart
        report.add(round("select_slave", this::crashAfterElection));
        report.forEach(line -> System.out.println("FailoverCrashIT " + line));
    }

    /** One failover: slow links, the master killed, {@code strike} kills sentinels; all restarted, converged. */
    private String round(String name, java.util.function.Supplier<String> strike) {
        long start = System.nanoTime();
        slowSentinelLinks();
        cluster.node(master).sigkill();
        String struck = strike.get();
        cluster.net.heal();
        Await.until(FaultyCluster.SETTLE, name + ": converged, every dead sentinel restarted", () -> {
            // a sentinel that exits (crash-after-election on a later leader too) is restarted as systemd would
            for (SentinelProcess s : cluster.sentinels) if (!s.isAlive()) s.restart();
            return cluster.notConverged() == null;
        }, () -> cluster.notConverged() + "\n" + cluster.describe() + "\n" + Topology.state(cluster.sentinels));
        String promoted = cluster.awaitConverged(FaultyCluster.SETTLE);
        cluster.rejoinAsReplica(master, promoted);
        cluster.awaitConverged(FaultyCluster.SETTLE);
        String line = String.format("%s: %s; %s promoted; converged %d ms after the master's kill", name, struck,
                promoted, (System.nanoTime() - start) / 1_000_000);
        master = promoted;
        return line;
    }

    private void slowSentinelLinks() {
        for (SentinelProcess s : cluster.sentinels) {
            String from = name(s);
            for (String to : cluster.nodes.keySet()) cluster.net.link(from, to, Fault.delay(LINK_DELAY_MILLIS));
            for (SentinelProcess peer : cluster.sentinels) {
                if (peer != s) cluster.net.link(from, name(peer), Fault.delay(LINK_DELAY_MILLIS));
            }
        }
    }

    /** Polls every sentinel's failover-state; SIGKILLs the first seen in {@code state} (or all of them). */
    private String killInState(String state, boolean all) {
        SentinelProcess seen = awaitState(state);
        List<SentinelProcess> victims = all ? cluster.sentinels : List.of(seen);
        victims.forEach(SentinelProcess::sigkill);
        return "SIGKILLed " + names(victims) + " with " + name(seen) + " in " + state;
    }

    private SentinelProcess awaitState(String state) {
        AtomicReference<SentinelProcess> seen = new AtomicReference<>();
        List<Jedis> clients = new ArrayList<>();
        try {
            for (SentinelProcess s : cluster.sentinels) clients.add(s.jedis());
            long deadline = System.nanoTime() + FaultyCluster.SETTLE.toNanos();
            while (seen.get() == null && System.nanoTime() < deadline) {
                for (int i = 0; i < clients.size(); i++) {
                    Map<String, String> m = clients.get(i).sentinelMaster(FaultyCluster.MASTER);
                    if (state.equals(m.get("failover-state"))) seen.set(cluster.sentinels.get(i));
                }
            }
        } finally {
            clients.forEach(Jedis::close);
        }
        if (seen.get() == null) throw new AssertionError("no sentinel seen in " + state + "\n" + cluster.describe());
        return seen.get();
    }

    /** Every sentinel exits as it is elected; the first to exit is reported (later leaders may exit too). */
    private String crashAfterElection() {
        for (SentinelProcess s : cluster.sentinels) {
            try (Jedis j = s.jedis()) {
                j.sendCommand(redis.clients.jedis.Protocol.Command.SENTINEL, "SIMULATE-FAILURE", "crash-after-election");
            }
        }
        SentinelProcess[] exited = new SentinelProcess[1];
        Await.until(FaultyCluster.SETTLE, "a leader exiting as it is elected", () -> {
            for (SentinelProcess s : cluster.sentinels) if (!s.isAlive()) exited[0] = s;
            return exited[0] != null;
        }, cluster::describe);
        return name(exited[0]) + " exited as it was elected (crash-after-election)";
    }

    /** SIGKILLs the leader on its +failover-state-send-slaveof-noone, its replica links cut first. */
    private String killOnPromotionSent() {
        AtomicReference<String> struck = new AtomicReference<>();
        List<Subscription> subscriptions = new ArrayList<>();
        try {
            for (SentinelProcess s : cluster.sentinels) {
                subscriptions.add(new Subscription(s, "+failover-state-send-slaveof-noone", payload -> {
                    for (String node : cluster.nodes.keySet()) cluster.net.link(name(s), node, Fault.CUT);
                    s.sigkill();
                    String[] f = payload.split(" ");
                    String selected = cluster.nodeAt(new Address(f[2], Integer.parseInt(f[3])));
                    struck.compareAndSet(null, "SIGKILLed " + name(s) + " on its +failover-state-send-slaveof-noone"
                            + " for " + selected + ", its links to the data nodes cut; " + selected + " was then a "
                            + cluster.node(selected).replicationField("role"));
                }));
            }
            Await.until(FaultyCluster.SETTLE, "a leader sending its promotion", () -> struck.get() != null,
                    cluster::describe);
        } finally {
            subscriptions.forEach(Subscription::close);
        }
        return struck.get();
    }

    private String name(SentinelProcess s) {
        return "s" + (cluster.sentinels.indexOf(s) + 1);
    }

    private String names(List<SentinelProcess> list) {
        List<String> out = new ArrayList<>();
        list.forEach(s -> out.add(name(s)));
        return String.join(",", out);
    }

    /** Acts on an event in the subscriber's own thread, at once (EventLog is polled, 50 ms apart). */
    static final class Subscription implements AutoCloseable {
        private final JedisPubSub sub;

        Subscription(SentinelProcess sentinel, String channel, java.util.function.Consumer<String> onMessage) {
            sub = new JedisPubSub() {
                @Override
                public void onMessage(String ch, String message) {
                    onMessage.accept(message);
                }
            };
            Thread t = new Thread(() -> {
                try (Jedis j = sentinel.jedis()) {
                    j.subscribe(sub, channel);
                } catch (RuntimeException e) {
                    // the sentinel was killed: the test decides whether that matters
                }
            }, "subscription");
            t.setDaemon(true);
            t.start();
            Await.until(Duration.ofSeconds(5), "subscribed", sub::isSubscribed);
        }

        @Override
        public void close() {
            try {
                sub.unsubscribe();
            } catch (RuntimeException e) {
                // already gone
            }
        }
    }
}
