package io.sentinel.core.admin;

import io.sentinel.core.Effects;
import io.sentinel.core.SentinelState;
import io.sentinel.core.action.Outcome;
import io.sentinel.core.action.Reply;
import io.sentinel.core.config.MasterConfig;
import io.sentinel.core.config.Timing;
import io.sentinel.core.event.EventType;
import io.sentinel.core.failover.CoordinatedFailover;
import io.sentinel.core.failover.Failover;
import io.sentinel.core.failover.ReplicaRanking;
import io.sentinel.core.info.ServerFailover;
import io.sentinel.core.input.AdminRequest;
import io.sentinel.core.model.Address;
import io.sentinel.core.model.IpLiteral;
import io.sentinel.core.monitor.Describe;
import io.sentinel.core.monitor.MasterReset;
import io.sentinel.core.monitor.MasterState;
import io.sentinel.core.monitor.PeerState;
import io.sentinel.core.monitor.ReplicaState;
import java.util.ArrayList;

/** The {@code SENTINEL} subcommands that change state: decided as redis-sentinel 7.0 decides them. */
public final class AdminCommands {
    private AdminCommands() {
    }

    public static void handle(SentinelState s, AdminRequest r, long now, Effects out) {
        out.add(new Reply(r.requestId(), decide(s, r, now, out)));
    }

    private static Outcome decide(SentinelState s, AdminRequest r, long now, Effects out) {
        if (r instanceof AdminRequest.Monitor m) {
            return monitor(s, m, now, out);
        } else if (r instanceof AdminRequest.Remove m) {
            return remove(s, m.name(), out);
        } else if (r instanceof AdminRequest.SetMaster m) {
            return SetCommand.run(s, m, out);
        } else if (r instanceof AdminRequest.Reset m) {
            return reset(s, m.pattern(), now, out);
        } else if (r instanceof AdminRequest.Failover m) {
            return failover(s, m, now, out);
        } else if (r instanceof AdminRequest.FlushConfig) {
            out.persist();
            return Outcome.OK;
        } else if (r instanceof AdminRequest.ConfigSet m) {
            return ConfigSetCommand.run(s, m.changes(), out);
        } else if (r instanceof AdminRequest.SetTiming m) {
            Timing t = s.timing;
            for (AdminRequest.SetTiming.Period p : m.periods()) t = t.with(p.name(), p.millis());
            s.timing = t;
            return Outcome.OK;
        } else if (r instanceof AdminRequest.SimulateFailure m) {
            s.simulateFailureFlags = (m.crashAfterElection() ? SentinelState.SIMULATE_CRASH_AFTER_ELECTION : 0)
                    | (m.crashAfterPromotion() ? SentinelState.SIMULATE_CRASH_AFTER_PROMOTION : 0);
            return Outcome.OK;
        }
        throw new IllegalStateException("unhandled admin request " + r);
    }

    private static Outcome monitor(SentinelState s, AdminRequest.Monitor r, long now, Effects out) {
        // as Redis stores what getaddrinfo made of it: 127.1 is 127.0.0.1
        String ip = IpLiteral.normalize(r.host());
        if (!s.config.resolveHostnames() && ip == null) return new Outcome.InvalidHost();
        if (s.masters.containsKey(r.name())) return new Outcome.DuplicateMaster();
        MasterConfig config = MasterConfig.withDefaults(r.name(), new Address(ip != null ? ip : r.host(), r.port()),
                r.quorum());
        MasterState m = new MasterState(config, now);
        m.announce = s::announced;
        m.confirmAddress(); // a new master: no peer knows anything newer about it
        s.masters.put(m.name, m);
        s.links.attach(m.master, m.linkSettings(), now, out);
        out.persist();
        out.event(m, EventType.MONITOR, Describe.of(m, m.master), "quorum " + m.quorum);
        return Outcome.OK;
    }

    private static Outcome remove(SentinelState s, String name, Effects out) {
        MasterState m = s.masters.remove(name);
        if (m == null) return new Outcome.NoSuchMaster();
        out.event(m, EventType.UNMONITOR, Describe.of(m, m.master));
        s.links.detach(m.master, out);
        for (ReplicaState r : m.replicas.values()) s.links.detach(r, out);
        for (PeerState p : m.sentinels.values()) s.links.detach(p, out);
        out.persist();
        return Outcome.OK;
    }

    private static Outcome reset(SentinelState s, String pattern, long now, Effects out) {
        int count = 0;
        for (MasterState m : new ArrayList<>(s.masters.values())) {
            if (!Glob.matches(pattern, m.name)) continue;
            MasterReset.reset(s, m, now, out);
            out.event(m, EventType.RESET_MASTER, Describe.of(m, m.master));
            count++;
        }
        return new Outcome.Count(count);
    }

    /** Checked in Valkey's order: the name, FAILOVER support (coordinated), a failover going on, a replica. */
    private static Outcome failover(SentinelState s, AdminRequest.Failover r, long now, Effects out) {
        MasterState m = s.masters.get(r.name());
        if (m == null) return new Outcome.NoSuchMaster();
        if (r.coordinated() && m.master.failover == ServerFailover.UNREPORTED) {
            return new Outcome.FailoverNotSupported();
        }
        if (m.failoverInProgress()) return new Outcome.FailoverInProgress();
        if (ReplicaRanking.select(m, s.timing, now) == null) return new Outcome.NoGoodReplica();
        if (r.coordinated()) CoordinatedFailover.start(s, m, now, out);
        else Failover.start(s, m, true, now, out);
        return Outcome.OK;
    }
}
