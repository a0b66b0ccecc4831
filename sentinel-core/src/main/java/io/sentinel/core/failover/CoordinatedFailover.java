package io.sentinel.core.failover;

import io.sentinel.core.Effects;
import io.sentinel.core.SentinelState;
import io.sentinel.core.action.CancelHandOver;
import io.sentinel.core.action.HandOver;
import io.sentinel.core.action.ReleaseClients;
import io.sentinel.core.action.SaveConfig;
import io.sentinel.core.event.EventType;
import io.sentinel.core.info.ServerFailover;
import io.sentinel.core.model.Role;
import io.sentinel.core.monitor.Describe;
import io.sentinel.core.monitor.MasterState;
import io.sentinel.core.monitor.NodeState;
import io.sentinel.core.monitor.Periodic;
import io.sentinel.core.monitor.ReplicaState;

/**
 * The coordinated failover's own steps (Valkey 9's {@code SENTINEL FAILOVER <name> COORDINATED}): instead of REPLICAOF
 * NO ONE to the replica, the old master is asked to hand over ({@code CLIENT PAUSE WRITE} and {@code FAILOVER TO} in
 * one transaction), so no write it acknowledged is missing on the replica it hands over to. The promotion is seen in
 * the replica's INFO as usual; then the old master's paused clients are released. If the hand-over does not happen,
 * the failover aborts and the old master is released, still the master.
 */
public final class CoordinatedFailover {
    /** Valkey: less time than this left of failover-timeout is not worth a hand-over. */
    public static final long MIN_TIMEOUT_MILLIS = 1000;

    private CoordinatedFailover() {
    }

    /**
     * {@code SENTINEL FAILOVER <name> COORDINATED} (Valkey 9): elected like an automatic failover, though the master is
     * up, so a majority agrees on who moves it; the peers vote on request whatever they see of the master, as
     * redis-sentinel does. We vote for ourselves at once: the user asked this sentinel, there is nobody to stagger
     * behind.
     */
    public static void start(SentinelState s, MasterState m, long now, Effects out) {
        out.event(m, EventType.COORDINATED_FAILOVER, Describe.of(m, m.master));
        Failover.start(s, m, false, now, out);
        m.coordinated = true;
        m.ownVoteAt = now;
    }

    /**
     * SEND_SLAVEOF_NOONE, coordinated (sentinelFailoverSendFailover): the hand-over may take what is left of
     * failover-timeout, as pause and as FAILOVER's TIMEOUT alike; an INFO right behind it, on the same connection,
     * tells from its first reply whether the master took it.
     */
    static void send(MasterState m, long now, Effects out) {
        long remaining = m.failoverTimeoutMillis - (now - m.failoverStateChangeAt);
        if (remaining < MIN_TIMEOUT_MILLIS) {
            out.event(m, EventType.FAILOVER_ABORT_MASTER_TIMEOUT, Describe.of(m, m.master));
            Failover.abort(m, now, out, false);
            return;
        }
        NodeState master = m.master;
        if (master.link == null || !master.link.connected) return; // tried again each step until the time is up
        ReplicaState r = m.promoted;
        out.add(new HandOver(master.target(), r.address, remaining));
        m.handOverSentAt = now;
        Periodic.requestInfo(master, now, out);
        m.handOverInfoSeq = master.link.infoRequests;
        Failover.enter(m, FailoverPhase.WAIT_PROMOTION, now);
        out.event(m, EventType.FAILOVER_STATE_WAIT_PROMOTION, Describe.of(m, r));
        out.event(m, EventType.WRITES_PAUSED, Describe.of(m, master), "timeout " + remaining);
    }

    /**
     * WAIT_PROMOTION, coordinated: the promotion itself is seen in the replica's INFO (InfoRefresh). Gives up after
     * failover-timeout, as Valkey does, or as soon as an INFO newer than the hand-over shows the master a master
     * with no FAILOVER going on: it took the hand-over and dropped it (the replica did not catch up within its
     * TIMEOUT, or refused PSYNC FAILOVER). Never resends: a second FAILOVER TO would pause writes again.
     */
    static void waitPromotion(MasterState m, long now, Effects out) {
        if (now - m.failoverStateChangeAt > m.failoverTimeoutMillis || masterGaveUp(m)) {
            Failover.abort(m, now, out, true);
        }
    }

    static boolean masterGaveUp(MasterState m) {
        NodeState master = m.master;
        return master.link != null && master.link.infoReplySeq >= m.handOverInfoSeq
                && master.roleReported == Role.MASTER && master.failover == ServerFailover.NONE;
    }

    /** The master refused the hand-over (CommandFailed(HAND_OVER)): abort now, with the server's words. */
    public static void refused(MasterState m, String reason, long now, Effects out) {
        if (!m.coordinated || m.phase != FailoverPhase.WAIT_PROMOTION || m.handOverSentAt == 0) return;
        out.event(m, EventType.FAILOVER_ABORT_MASTER_ERROR, Describe.of(m, m.master), reason);
        Failover.abort(m, now, out, false);
    }

    /**
     * The promotion is confirmed: the old master, a replica of the promoted one now, saves its config, drops its
     * clients (their paused writes never ran; they ask the sentinels again) and is unpaused; the promoted replica
     * saves its new role.
     */
    static void finish(MasterState m, ReplicaState promoted, Effects out) {
        out.add(new ReleaseClients(m.master.target()));
        out.add(new SaveConfig(promoted.target()));
        out.event(m, EventType.WRITES_RESUMED, Describe.of(m, m.master));
    }

    /** Called by {@code Failover.abort}: a hand-over that was sent is taken back, the old master unpaused. */
    static void cancel(MasterState m, Effects out) {
        if (m.handOverSentAt == 0) return;
        out.add(new CancelHandOver(m.master.target()));
        out.event(m, EventType.WRITES_RESUMED, Describe.of(m, m.master));
    }
}
