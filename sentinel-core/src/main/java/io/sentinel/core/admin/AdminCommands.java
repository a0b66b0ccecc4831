package io.sentinel.core.admin;

import io.sentinel.core.Effects;
import io.sentinel.core.SentinelState;
import io.sentinel.core.action.Reply;
import io.sentinel.core.config.MasterConfig;
import io.sentinel.core.config.Timing;
import io.sentinel.core.detect.SubjectiveDown;
import io.sentinel.core.election.VoteLedger;
import io.sentinel.core.event.EventType;
import io.sentinel.core.failover.Failover;
import io.sentinel.core.failover.ReplicaRanking;
import io.sentinel.core.input.SentinelCommand;
import io.sentinel.core.model.Address;
import io.sentinel.core.model.IpLiteral;
import io.sentinel.core.monitor.Describe;
import io.sentinel.core.monitor.InstanceState;
import io.sentinel.core.monitor.MasterReset;
import io.sentinel.core.monitor.MasterState;
import io.sentinel.core.reply.Resp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The {@code SENTINEL} subcommands that change state or vote, answered as redis-sentinel 7.0 answers them. */
public final class AdminCommands {
    static final String NO_SUCH_MASTER = "ERR No such master with that name";
    static final String NOT_INTEGER = "ERR value is not an integer or out of range";

    private AdminCommands() {
    }

    public static void handle(SentinelState s, SentinelCommand c, long now, Effects out) {
        List<String> a = c.args();
        String sub = a.isEmpty() ? "" : a.get(0).toLowerCase(Locale.ROOT);
        Resp reply = switch (sub) {
            case "monitor" -> a.size() == 5 ? monitor(s, a, now, out) : arity(sub);
            case "remove" -> a.size() == 2 ? remove(s, a.get(1), out) : arity(sub);
            case "set" -> a.size() >= 3 ? SetCommand.run(s, a, out) : arity(sub);
            case "reset" -> a.size() == 2 ? reset(s, a.get(1), now, out) : arity(sub);
            case "failover" -> a.size() == 2 ? failover(s, a.get(1), now, out) : arity(sub);
            case "flushconfig" -> a.size() == 1 ? flush(out) : arity(sub);
            case "is-master-down-by-addr" -> a.size() == 5 ? isMasterDown(s, a, now, out) : arity(sub);
            case "debug" -> debug(s, a);
            case "simulate-failure" -> a.size() >= 2 ? simulateFailure(s, a) : arity(sub);
            case "config" -> a.size() >= 2 ? ConfigSetCommand.run(s, a, out) : arity(sub);
            default -> Resp.error("ERR unknown subcommand '" + (a.isEmpty() ? "" : a.get(0))
                    + "'. Try SENTINEL HELP.");
        };
        out.add(new Reply(c.requestId(), reply));
    }

    static Resp arity(String sub) {
        return Resp.error("ERR wrong number of arguments for 'sentinel|" + sub + "' command");
    }

    static Long parseLong(String v) {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Resp monitor(SentinelState s, List<String> a, long now, Effects out) {
        Long quorum = parseLong(a.get(4));
        if (quorum == null) return Resp.error("ERR Invalid quorum");
        if (quorum <= 0) return Resp.error("ERR Quorum must be 1 or greater.");
        Long port = parseLong(a.get(3));
        if (port == null) return Resp.error("ERR Invalid port");
        if (port <= 0 || port > 65535) return Resp.error("ERR Invalid port number.");
        // as Redis stores what getaddrinfo made of it: 127.1 is 127.0.0.1
        String ip = IpLiteral.normalize(a.get(2));
        if (!s.config.resolveHostnames() && ip == null) {
            return Resp.error("ERR Invalid IP address or hostname specified");
        }
        if (s.masters.containsKey(a.get(1))) return Resp.error("ERR Duplicate master name.");
        MasterConfig config = MasterConfig.withDefaults(a.get(1), new Address(ip != null ? ip : a.get(2),
                port.intValue()), quorum.intValue());
        MasterState m = new MasterState(config, now);
        m.announce = s::announced;
        s.masters.put(m.name, m);
        s.links.attach(m.master, m.linkSettings(), now, out);
        out.persist();
        out.event(m, EventType.MONITOR, Describe.of(m, m.master) + " quorum " + m.quorum);
        return Resp.OK;
    }

    private static Resp remove(SentinelState s, String name, Effects out) {
        MasterState m = s.masters.remove(name);
        if (m == null) return Resp.error(NO_SUCH_MASTER);
        out.event(m, EventType.UNMONITOR, Describe.of(m, m.master));
        s.links.detach(m.master, out);
        for (InstanceState r : m.replicas.values()) s.links.detach(r, out);
        for (InstanceState p : m.sentinels.values()) s.links.detach(p, out);
        out.persist();
        return Resp.OK;
    }

    private static Resp reset(SentinelState s, String pattern, long now, Effects out) {
        int count = 0;
        for (MasterState m : new ArrayList<>(s.masters.values())) {
            if (!Glob.matches(pattern, m.name)) continue;
            MasterReset.reset(s, m, now, out);
            out.event(m, EventType.RESET_MASTER, Describe.of(m, m.master));
            count++;
        }
        return Resp.integer(count);
    }

    private static Resp failover(SentinelState s, String name, long now, Effects out) {
        MasterState m = s.masters.get(name);
        if (m == null) return Resp.error(NO_SUCH_MASTER);
        if (m.failoverInProgress()) return Resp.error("INPROG Failover already in progress");
        if (ReplicaRanking.select(m, s.timing, now) == null) {
            return Resp.error("NOGOODSLAVE No suitable replica to promote");
        }
        Failover.start(s, m, true, now, out);
        return Resp.OK;
    }

    private static Resp flush(Effects out) {
        out.persist();
        return Resp.OK;
    }

    /**
     * A peer asks whether we see the master at ip:port down and, with a run id, for our vote. In TILT we never
     * say "down". Reply: [down, leader or "*", leader epoch].
     */
    private static Resp isMasterDown(SentinelState s, List<String> a, long now, Effects out) {
        Long port = parseLong(a.get(2));
        Long epoch = parseLong(a.get(3));
        if (port == null || epoch == null) return Resp.error(NOT_INTEGER);
        MasterState m = null;
        for (MasterState candidate : s.masters.values()) {
            Address addr = candidate.master.address;
            // by name or by the IP the name has, as sentinelAddrOrHostnameEqual matches a peer's question
            boolean sameHost = addr.host().equalsIgnoreCase(a.get(1)) || a.get(1).equals(s.resolvedIps.get(addr.host()));
            if (addr.port() == port && sameHost) m = candidate;
        }
        // Differs: SDOWN is checked now, not taken from the last tick, so a peer asking at our down-after deadline
        // gets "down" rather than waiting an ask period (1 s) to ask again.
        if (m != null && !s.tilt) SubjectiveDown.check(m, m.master, s.timing.infoPeriod(), now, out);
        boolean down = !s.tilt && m != null && m.master.isSdown();
        String leader = null;
        long leaderEpoch = 0;
        if (m != null && !"*".equals(a.get(4))) {
            VoteLedger.Vote vote = VoteLedger.vote(s, m, epoch, a.get(4), now, out);
            // Rule: a vote leaves only behind a PersistState of it. The one that first recorded it may have failed
            // (the shell then dropped that batch), so persist again rather than trust it.
            out.persist();
            leader = vote.leader();
            leaderEpoch = leader == null ? 0 : vote.epoch();
        }
        return Resp.array(List.of(Resp.integer(down ? 1 : 0), Resp.bulk(leader == null ? "*" : leader),
                Resp.integer(leaderEpoch)));
    }

    private static Resp debug(SentinelState s, List<String> a) {
        if (a.size() == 1) {
            List<String> kv = new ArrayList<>();
            s.timing.asMap().forEach((k, v) -> {
                kv.add(k);
                kv.add(Long.toString(v));
            });
            return Resp.bulkMap(kv);
        }
        if ((a.size() - 1) % 2 != 0) {
            return Resp.error("ERR Unknown option or number of arguments for SENTINEL DEBUG '" + a.get(1) + "'");
        }
        Timing t = s.timing;
        for (int i = 1; i < a.size(); i += 2) {
            Long v = parseLong(a.get(i + 1));
            if (v == null || v <= 0) {
                return Resp.error("ERR Invalid argument '" + a.get(i + 1) + "' for SENTINEL DEBUG '" + a.get(i) + "'");
            }
            t = t.with(a.get(i), v);
            if (t == null) {
                return Resp.error("ERR Unknown option or number of arguments for SENTINEL DEBUG '" + a.get(i) + "'");
            }
        }
        s.timing = t;
        return Resp.OK;
    }

    private static Resp simulateFailure(SentinelState s, List<String> a) {
        int flags = 0;
        for (int i = 1; i < a.size(); i++) {
            String f = a.get(i).toLowerCase(Locale.ROOT);
            if (f.equals("crash-after-election")) flags |= SentinelState.SIMULATE_CRASH_AFTER_ELECTION;
            else if (f.equals("crash-after-promotion")) flags |= SentinelState.SIMULATE_CRASH_AFTER_PROMOTION;
            else if (f.equals("help")) return Resp.bulks(List.of("crash-after-election", "crash-after-promotion"));
            else return Resp.error("ERR Unknown failure simulation specified");
        }
        s.simulateFailureFlags = flags;
        return Resp.OK;
    }
}
