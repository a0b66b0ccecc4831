package io.sentinel.server.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.sentinel.core.failover.FailoverPhase;
import io.sentinel.core.model.Address;
import io.sentinel.core.view.InstanceView;
import io.sentinel.core.view.MasterView;
import io.sentinel.core.view.SentinelView;
import io.sentinel.server.command.ViewFixtures;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DesiredLabelsTest {
    static final long NOW = 1_000_000;
    static final String DOMAIN = ".redis-headless.redis.svc.cluster.local";

    static Address pod(int i) {
        return new Address("redis-" + i + DOMAIN, 6379);
    }

    static SentinelView view(InstanceView master, String failoverState, Address... replicas) {
        List<InstanceView> rs = new ArrayList<>();
        for (Address r : replicas) rs.add(ViewFixtures.replica(r, master.address(), true, NOW));
        MasterView m = new MasterView(master, ViewFixtures.config(master.address(), 2, List.of(replicas), List.of()),
                rs, List.of(), FailoverPhase.valueOf(failoverState.toUpperCase(Locale.ROOT)), 0, 0, 0, null, null, 0,
                master.address(), true);
        return ViewFixtures.view(NOW, List.of(m));
    }

    @Test
    void replicasFirstThenTheMasterByPodName() {
        DesiredLabels d = DesiredLabels.of(view(ViewFixtures.master(pod(1), List.of("master"), NOW), "none",
                pod(2), pod(0)));
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("redis-2", "replica");
        expected.put("redis-0", "replica");
        expected.put("redis-1", "master");
        assertEquals(expected, d.byPod());
        assertEquals(List.of("redis-2", "redis-0", "redis-1"), List.copyOf(d.byPod().keySet()));
        assertEquals(List.of(), d.unmappable());
    }

    @Test
    void nothingWhileAFailoverRunsOrWhileTheMastersOwnInfoDoesNotSayMaster() {
        InstanceView master = ViewFixtures.master(pod(0), List.of("master"), NOW);
        assertEquals(Map.of(), DesiredLabels.of(view(master, "wait_promotion", pod(1))).byPod());
        InstanceView demoted = new InstanceView(master.role(), master.name(), master.address(), master.runId(),
                master.flags(), 0, 1, true, 0, NOW, NOW, 0, 0, 5000, NOW, "role:slave", io.sentinel.core.model.Role.REPLICA,
                NOW, 0, null, null, 0, 0, 0, false, 0, null, 0, null, 0, null);
        assertEquals(Map.of(), DesiredLabels.of(view(demoted, "none", pod(1))).byPod(),
                "a sentinel with an old config leaves the labels alone");
        assertEquals(Map.of(), DesiredLabels.of(null).byPod());
    }

    @Test
    void anInstanceKnownByIpCannotBeMapped() {
        Address ip = new Address("10.1.2.3", 6379);
        DesiredLabels d = DesiredLabels.of(view(ViewFixtures.master(pod(0), List.of("master"), NOW), "none", ip));
        assertEquals(Map.of("redis-0", "master"), d.byPod());
        assertEquals(List.of(ip), d.unmappable());
    }

    @Test
    void podNameIsTheFirstLabelOfAHostName() {
        assertEquals("redis-0", DesiredLabels.podName("redis-0" + DOMAIN));
        assertEquals("redis-0", DesiredLabels.podName("REDIS-0.x"));
        assertEquals("redis-0", DesiredLabels.podName("redis-0"));
        assertNull(DesiredLabels.podName("10.0.0.1"));
        assertNull(DesiredLabels.podName("::1"));
        assertNull(DesiredLabels.podName("under_score.x"));
    }
}
