package io.sentinel.server.command;

import io.sentinel.core.config.MasterConfig;
import io.sentinel.core.model.Role;
import io.sentinel.core.view.InstanceView;
import io.sentinel.core.view.MasterView;
import io.sentinel.server.reply.Resp;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders instances as {@code SENTINEL MASTER|MASTERS|REPLICAS|SENTINELS} do: a map of bulk strings whose keys and
 * order follow redis-sentinel's addReplySentinelRedisInstance. Times are "milliseconds ago" against {@code now}.
 */
final class InstanceReplies {
    private InstanceReplies() {
    }

    static Resp masters(List<MasterView> masters, long now) {
        List<Resp> items = new ArrayList<>(masters.size());
        for (MasterView m : masters) items.add(master(m, now));
        return Resp.array(items);
    }

    static Resp master(MasterView m, long now) {
        Fields f = common(m.master(), now, m);
        MasterConfig c = m.config();
        f.num("config-epoch", c.configEpoch());
        f.num("num-slaves", m.replicas().size());
        f.num("num-other-sentinels", m.sentinels().size());
        f.num("quorum", c.quorum());
        f.num("failover-timeout", c.failoverTimeoutMillis());
        f.num("parallel-syncs", c.parallelSyncs());
        if (c.notificationScript() != null) f.put("notification-script", c.notificationScript());
        if (c.clientReconfigScript() != null) f.put("client-reconfig-script", c.clientReconfigScript());
        return f.reply();
    }

    /** Replicas the master did not announce ({@code replica-announced no}) stay hidden, as in Redis. */
    static Resp replicas(MasterView m, long now) {
        List<Resp> items = new ArrayList<>();
        for (InstanceView r : m.replicas()) {
            if (r.replicaAnnounced()) items.add(replica(r, now));
        }
        return Resp.array(items);
    }

    static Resp replica(InstanceView r, long now) {
        Fields f = common(r, now, null);
        f.num("master-link-down-time", r.masterLinkDownSinceMillis());
        f.put("master-link-status", "ok".equals(r.masterLinkStatus()) ? "ok" : "err");
        f.put("master-host", r.masterHost() == null ? "?" : r.masterHost());
        f.num("master-port", r.masterPort());
        f.num("slave-priority", r.slavePriority());
        f.num("slave-repl-offset", r.slaveReplOffset());
        f.num("replica-announced", r.replicaAnnounced() ? 1 : 0);
        return f.reply();
    }

    static Resp sentinels(MasterView m, long now) {
        List<Resp> items = new ArrayList<>(m.sentinels().size());
        for (InstanceView s : m.sentinels()) items.add(sentinel(s, now));
        return Resp.array(items);
    }

    static Resp sentinel(InstanceView s, long now) {
        Fields f = common(s, now, null);
        f.num("last-hello-message", ago(now, s.lastHelloAtMillis()));
        f.put("voted-leader", s.votedLeader() == null ? "?" : s.votedLeader());
        f.num("voted-leader-epoch", s.votedLeaderEpoch());
        return f.reply();
    }

    /** The fields every instance has; {@code owner} is given when {@code i} is a master (for failover-state). */
    private static Fields common(InstanceView i, long now, MasterView owner) {
        Fields f = new Fields();
        f.put("name", i.name());
        f.put("ip", i.address().host());
        f.num("port", i.address().port());
        f.put("runid", i.runId() == null ? "" : i.runId());
        f.put("flags", i.flagsString());
        f.num("link-pending-commands", i.linkPendingCommands());
        f.num("link-refcount", i.linkRefcount());
        if (owner != null && i.flags().contains("failover_in_progress")) f.put("failover-state", owner.failoverState());
        f.num("last-ping-sent", i.pingSentAtMillis() == 0 ? 0 : ago(now, i.pingSentAtMillis()));
        f.num("last-ok-ping-reply", ago(now, i.lastOkPingReplyAtMillis()));
        f.num("last-ping-reply", ago(now, i.lastPingReplyAtMillis()));
        if (i.flags().contains("s_down")) f.num("s-down-time", ago(now, i.sdownSinceMillis()));
        if (i.flags().contains("o_down")) f.num("o-down-time", ago(now, i.odownSinceMillis()));
        f.num("down-after-milliseconds", i.downAfterMillis());
        if (i.role() != Role.SENTINEL) {
            f.num("info-refresh", i.infoRefreshAtMillis() == 0 ? 0 : ago(now, i.infoRefreshAtMillis()));
            f.put("role-reported", roleReported(i).wireName());
            f.num("role-reported-time", ago(now, i.roleReportedAtMillis()));
        }
        if (i.linkFailure() != null) {
            // Ours, only while the link cannot be used: why (a name that does not resolve, refused credentials or
            // rights, nothing answering), so an SDOWN explains itself. Clients read these replies as maps.
            f.put("link-failure", i.linkFailure().wireName());
            f.put("link-failure-reason", i.linkFailureDetail() == null ? "" : i.linkFailureDetail());
            f.num("link-failure-time", ago(now, i.linkFailingSinceMillis()));
        }
        return f;
    }

    /** Redis reports the role it configured until INFO says otherwise; only master or slave. */
    private static Role roleReported(InstanceView i) {
        Role r = i.roleReported() != null ? i.roleReported() : i.role();
        return r == Role.MASTER ? Role.MASTER : Role.REPLICA;
    }

    /**
     * Milliseconds since {@code at}. Redis starts these times at the instance's creation, never 0; a view time of
     * 0 (never) thus reads as "since this process started", the monotonic clock's origin. Never negative.
     */
    static long ago(long now, long at) {
        return Math.max(0, now - at);
    }

    /** {@code SENTINEL INFO-CACHE}: per master, [name, [[age, info]...]] with the master first then its replicas. */
    static Resp infoCache(List<MasterView> masters, long now) {
        List<Resp> out = new ArrayList<>(masters.size() * 2);
        for (MasterView m : masters) {
            out.add(Resp.bulk(m.name()));
            List<Resp> infos = new ArrayList<>(m.replicas().size() + 1);
            infos.add(cachedInfo(m.master(), now));
            for (InstanceView r : m.replicas()) infos.add(cachedInfo(r, now));
            out.add(Resp.array(infos));
        }
        return Resp.array(out);
    }

    private static Resp cachedInfo(InstanceView i, long now) {
        long age = i.infoRefreshAtMillis() == 0 ? 0 : ago(now, i.infoRefreshAtMillis());
        return Resp.array(List.of(Resp.integer(age), Resp.bulk(i.infoText())));
    }

    /** Ordered key/value bulk strings; a map under RESP3, a flat array under RESP2. */
    private static final class Fields {
        private final List<String> kv = new ArrayList<>(48);

        void put(String key, String value) {
            kv.add(key);
            kv.add(value);
        }

        void num(String key, long value) {
            put(key, Long.toString(value));
        }

        Resp reply() {
            return Resp.bulkMap(kv);
        }
    }
}
