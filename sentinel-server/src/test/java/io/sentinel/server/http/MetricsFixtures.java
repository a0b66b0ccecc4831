package io.sentinel.server.http;

import io.sentinel.core.config.KnownSentinel;
import io.sentinel.core.config.MasterConfig;
import io.sentinel.core.config.Timing;
import io.sentinel.core.failover.FailoverPhase;
import io.sentinel.core.model.Address;
import io.sentinel.core.model.Role;
import io.sentinel.core.view.InstanceView;
import io.sentinel.core.view.MasterView;
import io.sentinel.core.view.SentinelView;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Hand-built views for the metrics and probe tests: every field that metrics read is a parameter or fixed here. */
final class MetricsFixtures {
    static final String MYID = "ef7296f804942de4d89aa1859922cc277d929bf0";

    private MetricsFixtures() {
    }

    static InstanceView master(String name, Address a, List<String> flags, boolean connected, long lastOkPingAt,
                               String info) {
        return new InstanceView(Role.MASTER, name, a, "e6f232058bad704efc73eebcebe728509e1ae87f", flags, 0, 1,
                connected, 0, lastOkPingAt, lastOkPingAt, flags.contains("s_down") ? 1 : 0,
                flags.contains("o_down") ? 1 : 0, 5000, 0, info, Role.MASTER, 0, 0, null, null, 0, 0, 0, true, 0,
                null, 0, null, 0, null);
    }

    static InstanceView replica(Address a, Address master, List<String> flags, boolean connected, long offset) {
        return new InstanceView(Role.REPLICA, a.hostPort(), a, "ab64df15aa6da4756bd499f6dd11137be5b2d0b0", flags, 0,
                1, connected, 0, 1, 1, 0, 0, 5000, 0, "# Replication\r\nrole:slave\r\n", Role.REPLICA, 0, 0, "ok",
                master.host(), master.port(), 100, offset, true, 0, null, 0, null, 0, null);
    }

    static InstanceView peer(Address a, List<String> flags, boolean connected) {
        String runId = "f62a780e27f77d44f033eba70d09c1633a3c4" + a.port();
        return new InstanceView(Role.SENTINEL, runId, a, runId, flags, 0, 1, connected, 0, 1, 1, 0, 0, 5000, 0,
                null, null, 0, 0, null, null, 0, 0, 0, false, 1, null, 0, null, 0, null);
    }

    static MasterView masterView(InstanceView master, int quorum, long configEpoch, List<InstanceView> replicas,
                                 List<InstanceView> peers, String failoverState) {
        List<Address> known = new ArrayList<>();
        for (InstanceView r : replicas) known.add(r.address());
        List<KnownSentinel> sentinels = new ArrayList<>();
        for (InstanceView p : peers) sentinels.add(new KnownSentinel(p.address(), p.runId()));
        MasterConfig c = new MasterConfig(master.name(), master.address(), quorum, 5000, 60_000, 2, null, null,
                null, null, 0, Map.of(), known, sentinels, configEpoch, 0, null);
        return new MasterView(master, c, replicas, peers, FailoverPhase.valueOf(failoverState.toUpperCase(Locale.ROOT)),
                0, 0, 0, null, null, 0, master.address(), true);
    }

    static SentinelView view(long now, long epoch, boolean tilt, List<MasterView> masters) {
        return new SentinelView(now, MYID, epoch, tilt, tilt ? now - 1000 : 0, 0, Timing.DEFAULTS, masters);
    }

    /** {@code count} healthy masters {@code m0..}, each with 2 replicas and 2 peer sentinels, quorum 2. */
    static SentinelView healthy(int count, long now) {
        return healthy(count, now, 7000);
    }

    /** The same with the data nodes' ports from {@code portBase}: another base moves every master and replica. */
    static SentinelView healthy(int count, long now, int portBase) {
        List<MasterView> masters = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Address ma = new Address("127.0.0.1", portBase + i * 10);
            String info = "# Replication\r\nrole:master\r\nconnected_slaves:2\r\nmaster_repl_offset:" + (10_000 + i)
                    + "\r\n";
            InstanceView m = master("m" + i, ma, List.of("master"), true, now - 300, info);
            List<InstanceView> replicas = List.of(
                    replica(new Address("127.0.0.1", portBase + 1 + i * 10), ma, List.of("slave"), true, 10_000),
                    replica(new Address("127.0.0.1", portBase + 2 + i * 10), ma, List.of("slave"), true, 9_000));
            List<InstanceView> peers = List.of(peer(new Address("127.0.0.1", 26380 + i * 10), List.of("sentinel"), true),
                    peer(new Address("127.0.0.1", 26381 + i * 10), List.of("sentinel"), true));
            masters.add(masterView(m, 2, 1, replicas, peers, "none"));
        }
        return view(now, 1, false, masters);
    }
}
