package io.sentinel.core.info;

import io.sentinel.core.model.Address;
import io.sentinel.core.model.Role;
import java.util.ArrayList;
import java.util.List;

/** Reads the fields a sentinel needs from {@code INFO} text, as sentinelRefreshInstanceInfo does. */
public final class InfoParser {
    private InfoParser() {
    }

    public static InfoSnapshot parse(String info) {
        String runId = null;
        Role role = null;
        String masterHost = null;
        int masterPort = 0;
        boolean linkUp = false;
        long linkDownSince = -1;
        long slaveOffset = -1;
        long masterOffset = -1;
        int priority = 100;
        boolean announced = true;
        List<Address> replicas = new ArrayList<>();
        ServerFailover failover = ServerFailover.UNREPORTED;
        for (String raw : info.split("\n")) {
            String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
            int colon = line.indexOf(':');
            if (colon <= 0 || line.startsWith("#")) continue;
            String key = line.substring(0, colon);
            String value = line.substring(colon + 1);
            switch (key) {
                case "run_id": if (value.length() == 40) runId = value; break;
                case "role": role = "master".equals(value) ? Role.MASTER : "slave".equals(value) ? Role.REPLICA : null;
                    break;
                case "master_host": masterHost = value; break;
                case "master_port": masterPort = parseInt(value, 0); break;
                case "master_link_status": linkUp = "up".equals(value); break;
                case "master_link_down_since_seconds": linkDownSince = parseLong(value, -1); break;
                case "slave_repl_offset": slaveOffset = parseLong(value, -1); break;
                case "master_repl_offset": masterOffset = parseLong(value, -1); break;
                case "slave_priority": case "replica_priority": priority = parseInt(value, 100); break;
                case "replica_announced": announced = !"0".equals(value); break;
                case "master_failover_state": failover = ServerFailover.parse(value); break;
                default:
                    Address replica = replicaLine(key, value);
                    if (replica != null) replicas.add(replica);
            }
        }
        return new InfoSnapshot(runId, role, masterHost, masterPort, linkUp, linkDownSince, slaveOffset,
                masterOffset, priority, announced, replicas, failover);
    }

    /** {@code slave0:ip=127.0.0.1,port=6380,state=online,offset=1,lag=0}; older Redis: {@code slave0:ip,port,state}. */
    static Address replicaLine(String key, String value) {
        if (!key.startsWith("slave") || key.length() == 5 || !Character.isDigit(key.charAt(5))) return null;
        String ip = null;
        int port = -1;
        if (value.contains("=")) {
            for (String field : value.split(",")) {
                int eq = field.indexOf('=');
                if (eq < 0) continue;
                String k = field.substring(0, eq);
                String v = field.substring(eq + 1);
                if (k.equals("ip")) ip = v;
                else if (k.equals("port")) port = parseInt(v, -1);
            }
        } else {
            String[] parts = value.split(",");
            if (parts.length >= 2) {
                ip = parts[0];
                port = parseInt(parts[1], -1);
            }
        }
        if (ip == null || ip.isEmpty() || port <= 0 || port > 65535) return null;
        return new Address(ip, port);
    }

    private static int parseInt(String s, int fallback) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static long parseLong(String s, long fallback) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
