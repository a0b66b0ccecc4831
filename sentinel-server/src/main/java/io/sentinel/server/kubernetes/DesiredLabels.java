package io.sentinel.server.kubernetes;

import io.sentinel.core.failover.FailoverPhase;
import io.sentinel.core.model.Address;
import io.sentinel.core.model.IpLiteral;
import io.sentinel.core.model.Role;
import io.sentinel.core.view.InstanceView;
import io.sentinel.core.view.MasterView;
import io.sentinel.core.view.SentinelView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The labels one sentinel's view asks for: {@code master} on the pod of each master, {@code replica} on the pods of
 * its replicas (the old master among them after a failover), replicas first so that a Service never selects the
 * new master while the old one still carries {@code master}.
 * <p>
 * A master is only labeled once it is settled: no failover in progress, and its own INFO says {@code role:master}.
 * A sentinel restarted with an old config watches the old master, which answers {@code role:slave}: it leaves every
 * label of that master alone until its peers' hellos have told it the new one.
 * <p>
 * A pod is found by its host name: the first label of the address's name ({@code redis-1} of
 * {@code redis-1.redis-headless.ns.svc.cluster.local}), as a StatefulSet names its pods; an instance known by IP
 * cannot be mapped and is reported in {@link #unmappable}.
 */
record DesiredLabels(Map<String, String> byPod, List<Address> unmappable) {
    static final String MASTER = "master";
    static final String REPLICA = "replica";
    /** A pod name as a StatefulSet makes it: a DNS-1123 label. */
    private static final Pattern POD_NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    static DesiredLabels of(SentinelView view) {
        Map<String, String> replicas = new LinkedHashMap<>();
        Map<String, String> masters = new LinkedHashMap<>();
        List<Address> unmappable = new ArrayList<>();
        for (MasterView m : view == null ? List.<MasterView>of() : view.masters()) {
            InstanceView master = m.master();
            if (m.phase() != FailoverPhase.NONE || master.roleReported() != Role.MASTER) continue;
            put(masters, master.address(), MASTER, unmappable);
            for (InstanceView r : m.replicas()) {
                if (!r.address().equals(master.address())) put(replicas, r.address(), REPLICA, unmappable);
            }
        }
        masters.keySet().forEach(replicas::remove);
        Map<String, String> all = new LinkedHashMap<>(replicas);
        all.putAll(masters);
        return new DesiredLabels(all, unmappable);
    }

    private static void put(Map<String, String> into, Address a, String value, List<Address> unmappable) {
        String pod = podName(a.host());
        if (pod == null) unmappable.add(a);
        else into.put(pod, value);
    }

    /** The pod a host name stands for (its first DNS label), or null for an IP literal or a name that is none. */
    static String podName(String host) {
        if (host == null || IpLiteral.isIp(host)) return null;
        int dot = host.indexOf('.');
        String first = (dot < 0 ? host : host.substring(0, dot)).toLowerCase(java.util.Locale.ROOT);
        return POD_NAME.matcher(first).matches() ? first : null;
    }
}
