package io.sentinel.server.kubernetes;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.masterreplica.MasterReplica;
import io.lettuce.core.masterreplica.StatefulRedisMasterReplicaConnection;
import java.util.Set;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisSentinelPool;

/**
 * The client example of docs/kubernetes.md, compiled with the tests so it cannot rot: Jedis and Lettuce find the
 * master through the redis-sentinel Service (any sentinel answers), and follow a failover.
 */
public final class ClientExample {
    /** The sentinel Service of docker/kubernetes/services.yaml, in namespace redis. */
    static final String SENTINELS = "redis-sentinel.redis.svc.cluster.local:26379";
    static final String MASTER = "mymaster";

    private ClientExample() {
    }

    /** Jedis: a pool that asks the sentinels for the master and re-points itself on +switch-master. */
    public static JedisSentinelPool jedis(String sentinels) {
        return new JedisSentinelPool(MASTER, Set.of(sentinels));
    }

    public static void jedisWrite(JedisSentinelPool pool) {
        try (Jedis redis = pool.getResource()) {
            redis.incr("counter");
        }
    }

    /** Lettuce: a master/replica connection through the sentinels; writes go to the master of the moment. */
    public static StatefulRedisMasterReplicaConnection<String, String> lettuce(RedisClient client, String host, int port) {
        RedisURI uri = RedisURI.Builder.sentinel(host, port, MASTER).build();
        return MasterReplica.connect(client, StringCodec.UTF8, uri);
    }

    public static void lettuceWrite(StatefulRedisConnection<String, String> connection) {
        connection.sync().incr("counter");
    }

    public static void main(String[] args) {
        try (JedisSentinelPool pool = jedis(SENTINELS)) {
            jedisWrite(pool);
        }
        RedisClient client = RedisClient.create();
        try (StatefulRedisMasterReplicaConnection<String, String> c = lettuce(client, "redis-sentinel.redis.svc.cluster.local",
                26379)) {
            lettuceWrite(c);
        } finally {
            client.shutdown();
        }
    }
}
