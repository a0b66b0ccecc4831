package io.sentinel.core.monitor;

import io.sentinel.core.Effects;
import io.sentinel.core.SentinelState;
import io.sentinel.core.event.EventType;
import io.sentinel.core.model.IpLiteral;
import io.sentinel.core.model.Target;
import java.util.ArrayList;
import java.util.List;

/**
 * Same name, same instance: when a host name connects at a new IP, its entries (flags, history, config) stay and
 * only the IP shown without announce-hostnames changes; the move is published once per master as our own
 * {@code +address-change <instance> <old ip> <new ip>}.
 */
public final class NameMoves {
    private NameMoves() {
    }

    public static void connectedAt(SentinelState s, Target target, String ip, Effects out) {
        String host = target.address().host();
        if (ip == null || IpLiteral.isIp(host)) return;
        String before = s.resolvedIps.put(host, ip);
        if (before == null || before.equals(ip)) return;
        for (MasterState m : s.masters.values()) {
            for (InstanceState ri : instances(m)) {
                if (ri.target().equals(target)) {
                    out.event(m, EventType.ADDRESS_CHANGE, Describe.of(m, ri), before + " " + ip);
                }
            }
        }
    }

    private static List<InstanceState> instances(MasterState m) {
        List<InstanceState> all = new ArrayList<>(1 + m.replicas.size() + m.sentinels.size());
        all.add(m.master);
        all.addAll(m.replicas.values());
        all.addAll(m.sentinels.values());
        return all;
    }
}
