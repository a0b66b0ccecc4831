package io.sentinel.server.http;

import static io.sentinel.server.http.SentinelMetrics.*;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.sentinel.core.config.MasterConfig;
import io.sentinel.core.failover.FailoverPhase;
import io.sentinel.core.view.InstanceView;
import io.sentinel.core.view.MasterView;
import io.sentinel.core.view.QuorumStatus;
import io.sentinel.core.view.SentinelView;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The gauges read from the {@link SentinelView}: redis_exporter's {@code redis_sentinel_*} set, with its labels
 * and values as it derives them from {@code INFO}, {@code SENTINEL MASTERS}, {@code CKQUORUM}, {@code SENTINELS}
 * and {@code SLAVES}, plus our per-instance link state, replica lag and failover flag. {@link #refresh} runs at the
 * start of each scrape.
 */
final class ViewGauges {
    private static final String REPL_OFFSET_KEY = "master_repl_offset:";

    private SentinelView current;
    private final DynamicGauge status;
    private final DynamicGauge slaves;
    private final DynamicGauge sentinels;
    private final DynamicGauge okSentinels;
    private final DynamicGauge okSlaves;
    private final DynamicGauge ckquorum;
    private final DynamicGauge downAfter;
    private final DynamicGauge failoverTimeout;
    private final DynamicGauge parallelSyncs;
    private final DynamicGauge quorum;
    private final DynamicGauge configEpoch;
    private final DynamicGauge lastOkPing;
    private final DynamicGauge linkUp;
    private final DynamicGauge linkFailure;
    private final DynamicGauge replicaLag;
    private final DynamicGauge failoverInProgress;
    private final List<DynamicGauge> all;

    ViewGauges(MeterRegistry r) {
        scalar(r, MASTERS, "The number of masters this sentinel is watching", v -> v.masters().size());
        scalar(r, TILT, "Sentinel is in TILT mode", v -> v.tilt() ? 1 : 0);
        scalar(r, SIMULATE_FAILURE_FLAGS, "Failures simulations", SentinelView::simulateFailureFlags);
        scalar(r, CURRENT_EPOCH, "The current epoch of this sentinel", SentinelView::currentEpoch);
        status = new DynamicGauge(r, MASTER_STATUS, "Master status on Sentinel (1 when ok)");
        slaves = new DynamicGauge(r, MASTER_SLAVES, "The number of slaves of the master");
        sentinels = new DynamicGauge(r, MASTER_SENTINELS, "The number of sentinels monitoring this master");
        okSentinels = new DynamicGauge(r, MASTER_OK_SENTINELS, "The number of okay sentinels monitoring this master");
        okSlaves = new DynamicGauge(r, MASTER_OK_SLAVES, "The number of okay slaves of the master");
        ckquorum = new DynamicGauge(r, MASTER_CKQUORUM_STATUS, "Master ckquorum status");
        downAfter = new DynamicGauge(r, SETTING_DOWN_AFTER,
                "The current down-after-milliseconds config for each master, in seconds");
        failoverTimeout = new DynamicGauge(r, SETTING_FAILOVER_TIMEOUT,
                "Show the current failover-timeout config for each master");
        parallelSyncs = new DynamicGauge(r, SETTING_PARALLEL_SYNCS,
                "Show the current parallel-syncs config for each master");
        quorum = new DynamicGauge(r, SETTING_CKQUORUM, "Show the current ckquorum config for each master");
        configEpoch = new DynamicGauge(r, MASTER_CONFIG_EPOCH, "Config epoch of the master");
        lastOkPing = new DynamicGauge(r, MASTER_LAST_OK_PING, "Seconds since the master last answered PING well");
        linkUp = new DynamicGauge(r, LINK_UP, "1 when the link to this instance is connected");
        linkFailure = new DynamicGauge(r, LINK_FAILURE, "1 while the link to this instance cannot be used, by reason:"
                + " unresolved, auth-refused, no-permission, unreachable");
        replicaLag = new DynamicGauge(r, REPLICA_LAG,
                "Replication offset of the master minus the replica's, from their last INFO");
        failoverInProgress = new DynamicGauge(r, FAILOVER_IN_PROGRESS, "1 while a failover of this master runs");
        all = List.of(status, slaves, sentinels, okSentinels, okSlaves, ckquorum, downAfter, failoverTimeout,
                parallelSyncs, quorum, configEpoch, lastOkPing, linkUp, linkFailure, replicaLag, failoverInProgress);
    }

    private void scalar(MeterRegistry r, String name, String help, ToDoubleFunction<SentinelView> f) {
        Gauge.builder(name, this, g -> g.current == null ? Double.NaN : f.applyAsDouble(g.current))
                .description(help).register(r);
    }

    /** Sets every gauge from {@code view}; {@code now} is in the view's monotonic milliseconds. */
    void refresh(SentinelView view, long now) {
        current = view;
        if (view != null) {
            for (MasterView m : view.masters()) master(m, now);
        }
        for (DynamicGauge g : all) g.publish();
    }

    private void master(MasterView m, long now) {
        // redis_exporter joins ip and port as INFO prints them: no IPv6 brackets
        String address = m.master().address().host() + ":" + m.master().address().port();
        Tags tags = Tags.of(L_MASTER_NAME, m.name(), L_MASTER_ADDRESS, address);
        String st = m.status();
        status.set(tags.and(L_MASTER_STATUS, st), "ok".equals(st) ? 1 : 0);
        slaves.set(tags, m.replicas().size());
        sentinels.set(tags, m.sentinels().size() + 1);
        okSentinels.set(tags, okCount(m.sentinels(), false) + 1);
        okSlaves.set(tags, okCount(m.replicas(), true));
        QuorumStatus q = QuorumStatus.of(m);
        ckquorum.set(Tags.of(L_MASTER_NAME, m.name(), L_MESSAGE, q.message()), q.ok() ? 1 : 0);
        MasterConfig c = m.config();
        downAfter.set(tags, c.downAfterMillis() / 1000.0);
        failoverTimeout.set(tags, c.failoverTimeoutMillis());
        parallelSyncs.set(tags, c.parallelSyncs());
        quorum.set(tags, c.quorum());
        configEpoch.set(tags, c.configEpoch());
        lastOkPing.set(tags, Math.max(0, now - m.master().lastOkPingReplyAtMillis()) / 1000.0);
        failoverInProgress.set(Tags.of(L_MASTER_NAME, m.name()), m.phase() == FailoverPhase.NONE ? 0 : 1);
        links(m);
        lag(m);
    }

    /** redis_exporter counts instances whose flags lack s_down and o_down; replicas only if announced. */
    private static int okCount(List<InstanceView> instances, boolean announcedOnly) {
        int ok = 0;
        for (InstanceView i : instances) {
            if (announcedOnly && !i.replicaAnnounced()) continue;
            if (!i.flags().contains("s_down") && !i.flags().contains("o_down")) ok++;
        }
        return ok;
    }

    private void links(MasterView m) {
        link(m.name(), m.master());
        for (InstanceView r : m.replicas()) link(m.name(), r);
        for (InstanceView s : m.sentinels()) link(m.name(), s);
    }

    private void link(String master, InstanceView i) {
        Tags tags = Tags.of(L_MASTER_NAME, master, L_ROLE, i.role().wireName(), L_ADDRESS, i.address().hostPort());
        linkUp.set(tags, i.linkConnected() ? 1 : 0);
        if (i.linkFailure() != null) linkFailure.set(tags.and(L_REASON, i.linkFailure().wireName()), 1);
    }

    private void lag(MasterView m) {
        if (m.replicas().isEmpty()) return;
        long masterOffset = masterOffset(m);
        for (InstanceView r : m.replicas()) {
            Tags t = Tags.of(L_MASTER_NAME, m.name(), L_REPLICA_ADDRESS, r.address().hostPort());
            replicaLag.set(t, Math.max(0, masterOffset - r.slaveReplOffset()));
        }
    }

    /** The master's offset from its INFO; when unknown, the furthest replica's (so lag is at least relative). */
    static long masterOffset(MasterView m) {
        long fromInfo = replOffset(m.master().infoText());
        if (fromInfo >= 0) return fromInfo;
        long max = 0;
        for (InstanceView r : m.replicas()) max = Math.max(max, r.slaveReplOffset());
        return max;
    }

    /** {@code master_repl_offset} from an INFO text, or -1. */
    static long replOffset(String info) {
        if (info == null) return -1;
        int at = info.indexOf(REPL_OFFSET_KEY);
        if (at < 0) return -1;
        long v = 0;
        int digits = 0;
        for (int i = at + REPL_OFFSET_KEY.length(); i < info.length(); i++, digits++) {
            char ch = info.charAt(i);
            if (ch < '0' || ch > '9') break;
            v = v * 10 + (ch - '0');
        }
        return digits == 0 ? -1 : v;
    }
}
