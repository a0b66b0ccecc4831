package io.sentinel.core;

import io.sentinel.core.config.MasterConfig;
import io.sentinel.core.config.SentinelConfig;
import io.sentinel.core.config.Timing;
import io.sentinel.core.model.Address;
import io.sentinel.core.monitor.LinkState;
import io.sentinel.core.monitor.MasterState;
import io.sentinel.core.monitor.PeerState;
import io.sentinel.core.monitor.ReplicaState;
import java.util.List;
import java.util.SplittableRandom;

/** Small builders for unit tests of the core: a config with one master, states, connected instances. */
public final class Fixtures {
    public static final String MY_ID = "a".repeat(40);
    public static final Address MASTER = new Address("127.0.0.1", 6379);

    private Fixtures() {
    }

    /** A test resource as text, e.g. an INFO reply captured from a real redis-server: {@code info/master.txt}. */
    public static String resource(String name) {
        try (java.io.InputStream in = Fixtures.class.getResourceAsStream("/" + name)) {
            if (in == null) throw new IllegalArgumentException("no resource " + name);
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static String runId(char c) {
        return String.valueOf(c).repeat(40);
    }

    public static MasterConfig master(int quorum, long downAfterMillis) {
        MasterConfig d = MasterConfig.withDefaults("mymaster", MASTER, quorum);
        return new MasterConfig(d.name(), d.address(), quorum, downAfterMillis, 10_000, 1, null, null, null, null, 0,
                d.renamedCommands(), List.of(), List.of(), 0, 0, null);
    }

    public static SentinelConfig config(MasterConfig... masters) {
        return SentinelConfig.defaults("/tmp").withRuntime(MY_ID, 0, List.of(masters));
    }

    public static SentinelState state(MasterConfig... masters) {
        return new SentinelState(config(masters), Timing.DEFAULTS, new SplittableRandom(1), 1);
    }

    /** An instance with a connected link that answered PING at {@code now}. */
    public static ReplicaState connectedReplica(Address address, long now) {
        ReplicaState r = new ReplicaState(address, now);
        r.link = new LinkState(r.target(), now);
        r.link.connected = true;
        r.link.refcount = 1;
        return r;
    }

    /** A replica fit for promotion at {@code now}: connected, fresh PING and INFO. */
    public static ReplicaState goodReplica(MasterState m, int port, long now) {
        ReplicaState r = connectedReplica(new Address("127.0.0.1", port), now);
        r.infoRefreshAt = now;
        r.runId = runId((char) ('a' + port % 20));
        m.replicas.put(r.address, r);
        return r;
    }

    /** A peer sentinel with its vote. */
    public static PeerState peer(MasterState m, char id, String votedFor, long epoch) {
        PeerState p = new PeerState(runId(id), new Address("127.0.0.1", 26000 + id));
        p.votedFor = votedFor;
        p.votedForEpoch = epoch;
        m.sentinels.put(p.runId, p);
        return p;
    }
}
