package io.sentinel.core;

import io.sentinel.core.action.Action;
import io.sentinel.core.action.PersistState;
import io.sentinel.core.admin.AdminCommands;
import io.sentinel.core.config.SentinelConfig;
import io.sentinel.core.config.Timing;
import io.sentinel.core.detect.ObjectiveDown;
import io.sentinel.core.detect.SubjectiveDown;
import io.sentinel.core.detect.Tilt;
import io.sentinel.core.election.VoteRequests;
import io.sentinel.core.event.EventType;
import io.sentinel.core.failover.CoordinatedFailover;
import io.sentinel.core.failover.Failover;
import io.sentinel.core.info.InfoParser;
import io.sentinel.core.info.InfoSnapshot;
import io.sentinel.core.input.AdminRequest;
import io.sentinel.core.input.CommandFailed;
import io.sentinel.core.input.HelloReceived;
import io.sentinel.core.input.InfoReceived;
import io.sentinel.core.input.Input;
import io.sentinel.core.input.LinkConnected;
import io.sentinel.core.input.LinkFailed;
import io.sentinel.core.input.LinkLost;
import io.sentinel.core.input.PingReplied;
import io.sentinel.core.input.Started;
import io.sentinel.core.input.Tick;
import io.sentinel.core.input.UsersChanged;
import io.sentinel.core.input.VoteReplied;
import io.sentinel.core.input.VoteRequested;
import io.sentinel.core.model.LinkFailure;
import io.sentinel.core.model.Target;
import io.sentinel.core.monitor.Describe;
import io.sentinel.core.monitor.Ghosts;
import io.sentinel.core.monitor.Hellos;
import io.sentinel.core.monitor.InfoRefresh;
import io.sentinel.core.monitor.InstanceState;
import io.sentinel.core.monitor.LinkState;
import io.sentinel.core.monitor.MasterState;
import io.sentinel.core.monitor.NameMoves;
import io.sentinel.core.monitor.NodeState;
import io.sentinel.core.monitor.PeerState;
import io.sentinel.core.monitor.Periodic;
import io.sentinel.core.monitor.ReplicaState;
import io.sentinel.core.view.SentinelView;
import io.sentinel.core.view.ViewBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The sentinel as a pure state machine: {@link #handle} takes one input and the monotonic time and returns the
 * actions to run, {@code PersistState} first when durable state changed. No I/O, clock, thread or randomness of its
 * own: the same state, input and time give the same actions.
 */
public final class Sentinel {
    private final SentinelState s;

    public Sentinel(SentinelConfig config, Timing timing, RandomGenerator random, long now) {
        this.s = new SentinelState(config, timing, random, now);
    }

    public List<Action> handle(Input input, long now) {
        if (s.crashed) return List.of();
        Effects out = new Effects();
        dispatch(input, now, out);
        if (!out.persistRequested()) return out.actions();
        List<Action> batch = new ArrayList<>(out.actions().size() + 1);
        batch.add(new PersistState(s.snapshot()));
        batch.addAll(out.actions());
        return batch;
    }

    /** True once a simulated crash ({@code SENTINEL SIMULATE-FAILURE}) fired: the shell must exit. */
    public boolean crashed() {
        return s.crashed;
    }

    public SentinelView view(long now) {
        return ViewBuilder.build(s, now);
    }

    /**
     * The earliest time after {@code now} at which a tick has something to decide that the regular 100 ms tick would
     * see late: an instance's down-after running out, or our own vote falling due; {@link Long#MAX_VALUE} when
     * nothing is pending (or in TILT, where ticks decide nothing). The shell ticks at this time when it comes before
     * its next regular tick, so +sdown fires at down-after, not up to a tick later. Times at or before {@code now}
     * are left to the regular tick: they are due already, and returning them would make the shell tick in a loop.
     */
    public long nextDueAt(long now) {
        if (s.tilt) return Long.MAX_VALUE;
        long due = Long.MAX_VALUE;
        for (MasterState m : s.masters.values()) {
            due = earliestAfter(now, due, downDueAt(m, m.master));
            for (ReplicaState r : m.replicas.values()) due = earliestAfter(now, due, downDueAt(m, r));
            for (PeerState p : m.sentinels.values()) due = earliestAfter(now, due, downDueAt(m, p));
            if (m.ownVoteAt != 0) due = earliestAfter(now, due, m.ownVoteAt);
        }
        return due;
    }

    private static long earliestAfter(long now, long due, long candidate) {
        return candidate > now && candidate < due ? candidate : due;
    }

    private static long downDueAt(MasterState m, InstanceState ri) {
        if (ri.isSdown() || ri.link == null || ri.link.pingSentAt == 0) return Long.MAX_VALUE;
        return ri.link.pingSentAt + m.downAfterMillis + 1;
    }

    /**
     * The live, mutable state, for tests and the simulator's invariant checks: reading it is safe only on the thread
     * that calls {@link #handle}, and writing it bypasses every rule of the core. The shell reads {@link #view}.
     */
    public SentinelState state() {
        return s;
    }

    private void dispatch(Input input, long now, Effects out) {
        if (input instanceof Tick) {
            tick(now, out);
        } else if (input instanceof PingReplied p) {
            pingReplied(p, now);
        } else if (input instanceof InfoReceived i) {
            infoReceived(i, now, out);
        } else if (input instanceof HelloReceived h) {
            Hellos.process(s, h.payload(), now, out);
        } else if (input instanceof VoteReplied v) {
            voteReplied(v, now);
            MasterState m = s.masters.get(v.masterName());
            if (m != null) react(m, now, out);
        } else if (input instanceof CommandFailed f) {
            commandFailed(f, now, out);
        } else if (input instanceof LinkConnected c) {
            linkChanged(c.target(), true, now);
            if (c.localHost() != null) s.localHost = c.localHost();
            NameMoves.connectedAt(s, c.target(), c.remoteIp(), out);
            sendAtOnce(c.target(), now, out);
        } else if (input instanceof LinkLost l) {
            linkChanged(l.target(), false, now);
        } else if (input instanceof LinkFailed f) {
            linkFailed(f, now);
        } else if (input instanceof AdminRequest r) {
            AdminCommands.handle(s, r, now, out);
        } else if (input instanceof VoteRequested v) {
            VoteRequests.answer(s, v, now, out);
        } else if (input instanceof Started) {
            started(now, out);
        } else if (input instanceof UsersChanged u) {
            s.config = s.config.withUsers(u.users());
            out.persist();
        } else {
            throw new IllegalStateException("unhandled input " + input);
        }
    }

    private void started(long now, Effects out) {
        // The first tick measures nothing: start-up work (loading link classes, say) may delay it past tilt-trigger.
        s.lastTickAt = 0;
        for (MasterState m : s.masters.values()) {
            s.links.attach(m.master, m.linkSettings(), now, out);
            for (ReplicaState r : m.replicas.values()) s.links.attach(r, m.linkSettings(), now, out);
            for (PeerState p : m.sentinels.values()) s.links.attach(p, s.peerLinkSettings(), now, out);
            out.event(m, EventType.MONITOR, Describe.of(m, m.master), "quorum " + m.quorum);
            // peers known from an earlier run may have failed over meanwhile; with none, nobody knows better
            m.addressUnconfirmedUntil = m.sentinels.isEmpty() ? 0 : now + 2 * s.timing.publishPeriod();
        }
        out.persist();
    }

    /** sentinelTimer: periodic commands, then (outside TILT) down checks, election and failover, per master. */
    private void tick(long now, Effects out) {
        boolean tilt = Tilt.onTick(s, now, out);
        s.links.reassertOpen(now, s.timing.minLinkReconnectPeriod(), out);
        for (MasterState m : new ArrayList<>(s.masters.values())) {
            Periodic.send(s, m, m.master, now, out);
            for (ReplicaState r : m.replicas.values()) Periodic.send(s, m, r, now, out);
            for (PeerState p : m.sentinels.values()) Periodic.send(s, m, p, now, out);
            if (tilt) continue;
            long infoPeriod = s.timing.infoPeriod();
            reopenStaleLinks(m, now, out);
            SubjectiveDown.check(m, m.master, infoPeriod, now, out);
            for (ReplicaState r : m.replicas.values()) SubjectiveDown.check(m, r, infoPeriod, now, out);
            for (PeerState p : m.sentinels.values()) SubjectiveDown.check(m, p, infoPeriod, now, out);
            Ghosts.forget(s, m, now, out);
            decide(m, now, true, out);
            if (s.crashed) return;
        }
    }

    /**
     * The decisions of a tick that an answer can unblock (ODOWN, starting the failover, its next phases), taken
     * at once when a vote or an INFO arrives instead of at the next tick: each tick boundary on the way from
     * +sdown to +switch-master used to cost up to 100 ms. Never in TILT, as on a tick.
     */
    private void react(MasterState m, long now, Effects out) {
        if (s.tilt || s.crashed || s.masters.get(m.name) != m) return;
        decide(m, now, false, out);
    }

    /** ODOWN, starting the failover and its next steps; on a tick also the periodic questions to the peers. */
    private void decide(MasterState m, long now, boolean onTick, Effects out) {
        ObjectiveDown.check(m, now, s.timing.askPeriod(), out);
        if (Failover.startIfNeeded(s, m, now, out)) Periodic.askPeers(s, m, now, true, out);
        Failover.step(s, m, now, out);
        if (s.crashed) return;
        if (onTick) Periodic.askPeers(s, m, now, false, out);
        Failover.finish(s, m, now, out);
    }

    private void reopenStaleLinks(MasterState m, long now, Effects out) {
        if (m.master.link != null) s.links.reopenIfStale(m.master.link, m.downAfterMillis, now, out);
        for (ReplicaState r : m.replicas.values()) {
            if (r.link != null) s.links.reopenIfStale(r.link, m.downAfterMillis, now, out);
        }
        for (PeerState p : m.sentinels.values()) {
            if (p.link != null) s.links.reopenIfStale(p.link, m.downAfterMillis, now, out);
        }
    }

    private void pingReplied(PingReplied p, long now) {
        LinkState link = s.links.get(p.target());
        if (link == null) return;
        link.pendingCommands = Math.max(0, link.pendingCommands - 1);
        link.lastPingReplyAt = now;
        if (validPingReply(p)) {
            link.pingSentAt = 0;
            link.lastOkPingReplyAt = now;
            link.failure = null;
        }
    }

    /** Rule: PONG, LOADING and MASTERDOWN prove the instance is alive; any other error does not. */
    static boolean validPingReply(PingReplied p) {
        if (!p.error()) return "PONG".equalsIgnoreCase(p.reply());
        return p.reply().startsWith("LOADING") || p.reply().startsWith("MASTERDOWN");
    }

    private void infoReceived(InfoReceived i, long now, Effects out) {
        LinkState link = s.links.get(i.target());
        if (link == null) return;
        link.pendingCommands = Math.max(0, link.pendingCommands - 1);
        link.infoReplySeq = ++link.infoAnswers;
        InfoSnapshot info = InfoParser.parse(i.info());
        for (MasterState m : new ArrayList<>(s.masters.values())) {
            List<NodeState> at = nodesAt(m, i.target());
            for (NodeState ri : at) {
                ri.infoInFlight = false;
                InfoRefresh.apply(s, m, ri, info, i.info(), now, out);
            }
            if (!at.isEmpty() && m.failoverInProgress()) react(m, now, out);
        }
    }

    private void voteReplied(VoteReplied v, long now) {
        LinkState link = s.links.get(v.peer());
        if (link != null) link.pendingCommands = Math.max(0, link.pendingCommands - 1);
        MasterState m = s.masters.get(v.masterName());
        if (m == null) return;
        PeerState peer = m.sentinelAt(v.peer().address());
        if (peer == null) return;
        // An answer still in flight when the master switched is about the old address: it says nothing of this one.
        boolean sameMaster = peer.askedAbout == null || peer.askedAbout.equals(m.master.address);
        peer.lastMasterDownReplyAt = now;
        peer.masterDown = v.down() && sameMaster;
        if (!"*".equals(v.leaderRunId())) {
            peer.votedFor = v.leaderRunId();
            peer.votedForEpoch = v.leaderEpoch();
        }
    }

    /** Shown in replies and metrics until the link connects (or, for a refused command, until a valid PONG). */
    private void linkFailed(LinkFailed f, long now) {
        LinkState link = s.links.get(f.target());
        if (link == null) return;
        if (link.failure != f.failure()) link.failingSince = now;
        link.failure = f.failure();
        link.failureDetail = f.detail();
    }

    private void commandFailed(CommandFailed f, long now, Effects out) {
        LinkState link = s.links.get(f.target());
        if (link == null) return;
        if (countedAsPending(f.command())) link.pendingCommands = Math.max(0, link.pendingCommands - 1);
        if (f.command() == CommandFailed.Command.HAND_OVER) {
            for (MasterState m : new ArrayList<>(s.masters.values())) {
                if (m.master.link != null && m.master.link.target.equals(f.target())) {
                    CoordinatedFailover.refused(m, f.reason(), now, out);
                }
            }
            return;
        }
        if (f.command() != CommandFailed.Command.INFO) return;
        link.infoAnswers++;
        for (MasterState m : s.masters.values()) {
            for (NodeState ri : nodesAt(m, f.target())) ri.infoInFlight = false;
        }
    }

    /**
     * Only commands whose answer comes back as an input are counted in pendingCommands: PUBLISH, the promotion and
     * REPLICAOF succeed silently, so counting them would leak until the link stops sending anything.
     */
    static boolean countedAsPending(CommandFailed.Command command) {
        return command == CommandFailed.Command.PING || command == CommandFailed.Command.INFO
                || command == CommandFailed.Command.ASK_PEER;
    }

    private void linkChanged(Target target, boolean connected, long now) {
        LinkState link = s.links.get(target);
        if (link == null) return;
        link.connected = connected;
        link.pendingCommands = 0;
        if (connected) {
            link.connectedSince = now;
            if (link.failure != LinkFailure.NO_PERMISSION) link.failure = null;
        }
        // Rule: silence counts from the loss, not from the last PONG (up to a ping period earlier): redis-sentinel
        // reconnects and queues a PING at once, which starts act_ping_time. Else a master restarted well within
        // down-after could go SDOWN, even fail over.
        if (!connected && link.pingSentAt == 0) link.pingSentAt = now;
        for (MasterState m : s.masters.values()) {
            for (NodeState ri : nodesAt(m, target)) ri.infoInFlight = false;
        }
    }

    /**
     * A link that just came up gets its PING (and INFO) now, as redis-sentinel sends them on connect, not at the next
     * tick: an instance back just before down-after runs out answers in time.
     */
    private void sendAtOnce(Target target, long now, Effects out) {
        for (MasterState m : s.masters.values()) {
            for (InstanceState ri : instancesAt(m, target)) Periodic.send(s, m, ri, now, out);
        }
    }

    /** The master and replicas of {@code m} reached through {@code target}. */
    private static List<NodeState> nodesAt(MasterState m, Target target) {
        List<NodeState> found = new ArrayList<>(2);
        if (m.master.link != null && m.master.link.target.equals(target)) found.add(m.master);
        for (ReplicaState r : m.replicas.values()) {
            if (r.link != null && r.link.target.equals(target)) found.add(r);
        }
        return found;
    }

    private static List<InstanceState> instancesAt(MasterState m, Target target) {
        List<InstanceState> found = new ArrayList<>(2);
        if (m.master.link != null && m.master.link.target.equals(target)) found.add(m.master);
        for (ReplicaState r : m.replicas.values()) {
            if (r.link != null && r.link.target.equals(target)) found.add(r);
        }
        for (PeerState p : m.sentinels.values()) {
            if (p.link != null && p.link.target.equals(target)) found.add(p);
        }
        return found;
    }
}
