package io.sentinel.server.command;

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
import java.util.Map;

/**
 * Hand-built views of a healthy topology (a master, its replicas, peer sentinels), with every time a fixed
 * distance before {@code now}, so that replies are predictable. Public for the compatibility test.
 */
public final class ViewFixtures {
    public static final String MYID = "ef7296f804942de4d89aa1859922cc277d929bf0";
    public static final String MASTER_RUNID = "e6f232058bad704efc73eebcebe728509e1ae87f";
    public static final String PEER_RUNID = "f62a780e27f77d44f033eba70d09c1633a3c42f9";
    public static final String MASTER_INFO = "# Server\r\nredis_version:7.0.15\r\nrole:master\r\n";

    private ViewFixtures() {
    }

    public static InstanceView master(Address address, List<String> flags, long now) {
        return new InstanceView(Role.MASTER, "mymaster", address, MASTER_RUNID, flags, 0, 1, true, 0, now - 500,
                now - 400, flags.contains("s_down") ? now - 7000 : 0, flags.contains("o_down") ? now - 6000 : 0,
                5000, now - 2000, MASTER_INFO, Role.MASTER, now - 60_000, 0, null, null, 0, 0, 0, true, 0, null, 0, null, 0, null);
    }

    public static InstanceView replica(Address address, Address master, boolean announced, long now) {
        return new InstanceView(Role.REPLICA, address.hostPort(), address, "ab64df15aa6da4756bd499f6dd11137be5b2d0b"
                + address.port() % 10, List.of("slave"), 0, 1, true, 0, now - 800, now - 800, 0, 0, 5000, now - 1800,
                "# Server\r\nrole:slave\r\n", Role.REPLICA, now - 1900, 0, "ok", master.host(), master.port(), 100,
                1266, announced, 0, null, 0, null, 0, null);
    }

    public static InstanceView peer(Address address, String runId, List<String> flags, long now) {
        return new InstanceView(Role.SENTINEL, runId, address, runId, flags, 0, 1, true, 0, now - 900, now - 900,
                flags.contains("s_down") ? now - 3000 : 0, 0, 5000, 0, null, null, 0, 0, null, null, 0, 0, 0, false,
                now - 100, null, 0, null, 0, null);
    }

    public static MasterConfig config(Address address, int quorum, List<Address> replicas, List<InstanceView> peers) {
        List<KnownSentinel> known = new ArrayList<>();
        for (InstanceView p : peers) known.add(new KnownSentinel(p.address(), p.runId()));
        return new MasterConfig("mymaster", address, quorum, 5000, MasterConfig.DEFAULT_FAILOVER_TIMEOUT_MILLIS,
                1, null, null, null, null, 0, Map.of(), replicas, known, 0, 0, null);
    }

    /** The compatibility topology: mymaster with the given replicas (all announced) and peers, quorum 2. */
    public static SentinelView topology(int masterPort, List<Integer> replicaPorts, List<Integer> peerPorts, long now) {
        Address master = new Address("127.0.0.1", masterPort);
        List<InstanceView> replicas = new ArrayList<>();
        List<Address> replicaAddresses = new ArrayList<>();
        for (int p : replicaPorts) {
            Address a = new Address("127.0.0.1", p);
            replicaAddresses.add(a);
            replicas.add(replica(a, master, true, now));
        }
        List<InstanceView> peers = new ArrayList<>();
        for (int p : peerPorts) peers.add(peer(new Address("127.0.0.1", p), PEER_RUNID, List.of("sentinel"), now));
        MasterView m = masterView(master(master, List.of("master"), now),
                config(master, 2, replicaAddresses, peers), replicas, peers);
        return view(now, List.of(m));
    }

    public static MasterView masterView(InstanceView master, MasterConfig config, List<InstanceView> replicas,
                                        List<InstanceView> peers) {
        return new MasterView(master, config, replicas, peers, FailoverPhase.NONE, 0, 0, 0, null, null, 0,
                master.address(), true);
    }

    public static SentinelView view(long now, List<MasterView> masters) {
        return new SentinelView(now, MYID, 0, false, 0, 0, Timing.DEFAULTS, masters);
    }
}
