package io.sentinel.server.compat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.Jedis;

/** Reads a sentinel through Jedis's typed API (RESP2), reducing it to what must not differ between implementations. */
final class JedisView {
    private JedisView() {
    }

    static Map<String, Object> of(int port) {
        try (Jedis jedis = new Jedis("127.0.0.1", port)) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("addr", jedis.sentinelGetMasterAddrByName("mymaster"));
            out.put("masterKeys", new ArrayList<>(jedis.sentinelMaster("mymaster").keySet()));
            out.put("masterCount", jedis.sentinelMasters().size());
            out.put("replicaKeys", keys(jedis.sentinelReplicas("mymaster")));
            out.put("sentinelKeys", keys(jedis.sentinelSentinels("mymaster")));
            out.put("myidLength", jedis.sentinelMyId().length());
            return out;
        }
    }

    private static List<List<String>> keys(List<Map<String, String>> instances) {
        List<List<String>> out = new ArrayList<>();
        for (Map<String, String> i : instances) out.add(new ArrayList<>(i.keySet()));
        return out;
    }
}
