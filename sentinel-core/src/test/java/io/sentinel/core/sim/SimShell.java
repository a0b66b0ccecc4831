package io.sentinel.core.sim;

import io.sentinel.core.action.Action;
import io.sentinel.core.action.AskPeer;
import io.sentinel.core.action.CancelHandOver;
import io.sentinel.core.action.CloseLink;
import io.sentinel.core.action.HandOver;
import io.sentinel.core.action.OpenLink;
import io.sentinel.core.action.Outcome;
import io.sentinel.core.action.PersistState;
import io.sentinel.core.action.PromoteReplica;
import io.sentinel.core.action.Publish;
import io.sentinel.core.action.PublishHello;
import io.sentinel.core.action.ReleaseClients;
import io.sentinel.core.action.Reply;
import io.sentinel.core.action.RepointReplica;
import io.sentinel.core.action.RequestInfo;
import io.sentinel.core.action.RunScript;
import io.sentinel.core.action.SaveConfig;
import io.sentinel.core.action.SendPing;
import io.sentinel.core.input.CommandFailed.Command;
import io.sentinel.core.input.CommandFailed;
import io.sentinel.core.input.HelloReceived;
import io.sentinel.core.input.InfoReceived;
import io.sentinel.core.input.Input;
import io.sentinel.core.input.LinkConnected;
import io.sentinel.core.input.LinkLost;
import io.sentinel.core.input.PingReplied;
import io.sentinel.core.input.VoteReplied;
import io.sentinel.core.input.VoteRequested;
import io.sentinel.core.model.Address;
import io.sentinel.core.model.Role;
import io.sentinel.core.model.Target;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * What the real shell does for a sentinel, over the simulated network: links that connect when the target is up and
 * reachable, commands with a delay and a timeout, pub/sub for hellos, peers asked through their own core, and
 * PersistState first (a failed write drops the rest of the batch).
 */
final class SimShell {
    static final long COMMAND_TIMEOUT_MILLIS = 1000;
    static final long RECONNECT_MILLIS = 1000;

    private record PendingAsk(SimSentinel asker, AskPeer ask, Consumer<Input> reply) { }

    private final SimCluster c;
    private final Map<Long, PendingAsk> asks = new HashMap<>();
    private long nextRequestId = 1;
    double persistFailRate;

    SimShell(SimCluster cluster) {
        this.c = cluster;
    }

    void execute(SimSentinel s, List<Action> batch) {
        for (int i = 0; i < batch.size(); i++) {
            Action a = batch.get(i);
            if (a instanceof PersistState p) {
                if (persistFailRate > 0 && c.random.nextDouble() < persistFailRate) {
                    c.trace.add(c.clock.now(), s.node, "PersistState FAILED, " + (batch.size() - 1) + " dropped");
                    return;
                }
                c.invariants.onPersist(s, p.config());
                s.persisted = p.config();
                c.trace.add(c.clock.now(), s.node, p);
            } else {
                route(s, a);
            }
        }
    }

    /** {@code -Dsim.traceAll=true} also traces the routine PING, INFO and hello traffic. */
    private static final boolean TRACE_ALL = Boolean.getBoolean("sim.traceAll");

    private void route(SimSentinel s, Action a) {
        if (TRACE_ALL) c.trace.add(c.clock.now(), s.node, a);
        if (a instanceof SendPing p) {
            command(s, p.target(), Command.PING, (dst, reply) -> reply.accept(new PingReplied(p.target(), "PONG",
                    false)));
        } else if (a instanceof RequestInfo r) {
            command(s, r.target(), Command.INFO, (dst, reply) -> reply.accept(info(r.target(), dst)));
        } else if (a instanceof PublishHello h) {
            command(s, h.target(), Command.PUBLISH_HELLO, (dst, reply) -> {
                publishHello(dst, h.payload());
                reply.accept(null);
            });
        } else if (a instanceof OpenLink o) {
            openLink(s, o.target());
        } else if (a instanceof CloseLink cl) {
            c.trace.add(c.clock.now(), s.node, a);
            s.links.remove(cl.target());
        } else if (a instanceof Publish p) {
            c.trace.add(c.clock.now(), s.node, p);
        } else {
            routeRare(s, a);
        }
    }

    private void routeRare(SimSentinel s, Action a) {
        c.trace.add(c.clock.now(), s.node, a);
        if (a instanceof AskPeer q) {
            c.invariants.onAsk(s, q);
            command(s, q.peer(), Command.ASK_PEER, (dst, reply) -> askPeer(s, q, dst, reply));
        } else if (a instanceof PromoteReplica p) {
            c.invariants.onPromote(s, p);
            command(s, p.target(), Command.PROMOTE, (dst, reply) -> {
                if (refusedDuringFailover(dst, p.abortFailover(), p.target(), Command.PROMOTE, reply)) return;
                c.redisNode(dst).promote();
                c.trace.add(c.clock.now(), dst, "REPLICAOF NO ONE");
                reply.accept(null);
            });
        } else if (a instanceof RepointReplica r) {
            command(s, r.target(), Command.REPOINT, (dst, reply) -> {
                if (refusedDuringFailover(dst, r.abortFailover(), r.target(), Command.REPOINT, reply)) return;
                c.redisNode(dst).repoint(r.master(), c.clock.now());
                c.trace.add(c.clock.now(), dst, "REPLICAOF " + r.master());
                reply.accept(null);
            });
        } else if (a instanceof HandOver h) {
            c.invariants.onHandOver(s, h);
            command(s, h.master(), Command.HAND_OVER, (dst, reply) -> {
                String error = c.redisNode(dst).failoverTo(c.redisAt(h.replica()), h.timeoutMillis(), c.clock.now());
                c.trace.add(c.clock.now(), dst, "FAILOVER TO " + h.replica() + (error == null ? "" : ": " + error));
                reply.accept(error == null ? null : new CommandFailed(h.master(), Command.HAND_OVER, error));
            });
        } else if (a instanceof CancelHandOver x) {
            command(s, x.master(), Command.CANCEL_HAND_OVER, (dst, reply) -> {
                c.redisNode(dst).abortFailover();
                c.trace.add(c.clock.now(), dst, "FAILOVER ABORT, CLIENT UNPAUSE");
                reply.accept(null);
            });
        } else if (a instanceof ReleaseClients r) {
            command(s, r.target(), Command.RELEASE_CLIENTS, (dst, reply) -> reply.accept(null));
        } else if (a instanceof SaveConfig sc) {
            command(s, sc.target(), Command.SAVE_CONFIG, (dst, reply) -> reply.accept(null));
        } else if (a instanceof Reply r) {
            PendingAsk pa = asks.remove(r.requestId());
            if (pa == null) return;
            c.invariants.onVoteReply(s, pa.ask(), r.outcome());
            pa.reply().accept(voteReplied(pa.ask(), r.outcome()));
        } else if (a instanceof RunScript) {
            return; // scripts are the shell's business; the trace above is enough here
        } else {
            throw new IllegalStateException("unrouted action " + a);
        }
    }

    /** As Redis: REPLICAOF during a FAILOVER is refused, unless FAILOVER ABORT goes first in the transaction. */
    private boolean refusedDuringFailover(String dst, boolean abortFirst, Target t, Command kind,
            Consumer<Input> reply) {
        SimRedis r = c.redisNode(dst);
        if (r.handOverTo == null) return false;
        if (abortFirst) {
            r.abortFailover();
            return false;
        }
        reply.accept(new CommandFailed(t, kind, "ERR REPLICAOF not allowed while failing over."));
        return true;
    }

    /** Runs {@code task} in sentinel {@code s} unless it died or restarted; a paused process runs it when it wakes. */
    void runIn(SimSentinel s, int incarnation, Runnable task) {
        if (s.lagMillis > 0) {
            c.clock.after(s.lagMillis, () -> runNow(s, incarnation, task));
            return;
        }
        runNow(s, incarnation, task);
    }

    private void runNow(SimSentinel s, int incarnation, Runnable task) {
        if (!s.alive || s.incarnation != incarnation) return;
        if (s.paused(c.clock.now())) {
            c.clock.at(s.pausedUntil, () -> runNow(s, incarnation, task));
            return;
        }
        task.run();
    }

    void deliver(SimSentinel s, int incarnation, Input input, Runnable then) {
        runIn(s, incarnation, () -> {
            c.step(s, input);
            if (then != null) then.run();
        });
    }

    /**
     * Sends one command: the target acts on arrival and may answer (null = success without an input). No answer
     * within the timeout is a CommandFailed, as the real links time out every command.
     */
    private void command(SimSentinel s, Target t, Command kind, BiConsumer<String, Consumer<Input>> atTarget) {
        SimSentinel.Link link = s.links.get(t);
        int inc = s.incarnation;
        if (link == null || !link.connected) {
            c.clock.after(0, () -> deliver(s, inc, new CommandFailed(t, kind, "link down"), null));
            return;
        }
        boolean[] done = new boolean[1];
        c.clock.after(COMMAND_TIMEOUT_MILLIS, () -> {
            if (done[0] || s.links.get(t) != link || !link.connected) return;
            done[0] = true;
            deliver(s, inc, new CommandFailed(t, kind, "timeout"), null);
        });
        String dst = c.nodeOf(t);
        if (dst == null || !c.net.canTalk(s.node, dst) || c.net.dropped()) return;
        c.clock.after(c.net.delay(), () -> arrive(dst, s.node, () -> atTarget.accept(dst, in -> {
            if (c.net.dropped()) return;
            c.clock.after(c.net.delay(), () -> {
                if (done[0] || s.links.get(t) != link || !link.connected || !c.net.canTalk(s.node, dst)) return;
                done[0] = true;
                if (in != null) deliver(s, inc, in, null);
            });
        })));
    }

    private void arrive(String dst, String from, Runnable task) {
        if (!c.net.canTalk(from, dst)) return;
        SimRedis r = c.redisNode(dst);
        if (r != null) {
            if (r.alive) task.run();
            return;
        }
        SimSentinel p = c.sentinelNode(dst);
        runIn(p, p.incarnation, task);
    }

    private Input info(Target t, String dst) {
        SimRedis r = c.redisNode(dst);
        if (r == null) return new CommandFailed(t, Command.INFO, "ERR unknown command 'INFO'");
        List<SimRedis> replicas = new ArrayList<>();
        for (SimRedis x : c.redis) {
            if (x.alive && x.role == Role.REPLICA && r.address.equals(x.master) && x.linkUp) replicas.add(x);
        }
        return new InfoReceived(t, r.info(c.clock.now(), replicas));
    }

    /** On an instance: pub/sub delivers to every sentinel subscribed there. On a peer: its core gets the hello. */
    private void publishHello(String dst, String payload) {
        SimSentinel peer = c.sentinelNode(dst);
        if (peer != null) {
            c.step(peer, new HelloReceived(payload));
            return;
        }
        Target t = Target.redis(c.redisNode(dst).address);
        for (SimSentinel x : c.sentinels) {
            SimSentinel.Link l = x.links.get(t);
            if (!x.alive || l == null || !l.connected || !c.net.canTalk(dst, x.node) || c.net.dropped()) continue;
            int inc = x.incarnation;
            c.clock.after(c.net.delay(), () -> deliver(x, inc, new HelloReceived(payload), null));
        }
    }

    private void askPeer(SimSentinel asker, AskPeer q, String dst, Consumer<Input> reply) {
        long id = nextRequestId++;
        asks.put(id, new PendingAsk(asker, q, reply));
        Address a = q.masterAddress();
        c.step(c.sentinelNode(dst), new VoteRequested(id, a.host(), a.port(), q.epoch(),
                q.runId().equals("*") ? null : q.runId()));
    }

    private static Input voteReplied(AskPeer q, Outcome outcome) {
        if (outcome instanceof Outcome.VoteAnswer v) {
            return new VoteReplied(q.peer(), q.masterName(), v.down(), v.leader() == null ? "*" : v.leader(),
                    v.leaderEpoch());
        }
        return new CommandFailed(q.peer(), Command.ASK_PEER, String.valueOf(outcome));
    }

    private void openLink(SimSentinel s, Target t) {
        if (s.links.containsKey(t)) return;
        SimSentinel.Link l = new SimSentinel.Link(t);
        s.links.put(t, l);
        connectLater(s, s.incarnation, l, c.net.delay());
    }

    private void connectLater(SimSentinel s, int inc, SimSentinel.Link l, long delay) {
        c.clock.after(delay, () -> {
            if (!s.alive || s.incarnation != inc || s.links.get(l.target) != l || l.connected) return;
            String dst = c.nodeOf(l.target);
            if (dst != null && up(dst) && c.net.canTalk(s.node, dst)) {
                l.connected = true;
                linkEvent(s, inc, l, new LinkConnected(l.target, "127.0.0.1"));
            } else {
                connectLater(s, inc, l, RECONNECT_MILLIS);
            }
        });
    }

    private boolean up(String node) {
        SimRedis r = c.redisNode(node);
        if (r != null) return r.alive;
        SimSentinel p = c.sentinelNode(node);
        return p.alive && !p.paused(c.clock.now());
    }

    /** Link events reach the core only if still true when delivered, so core and shell agree on the link. */
    private void linkEvent(SimSentinel s, int inc, SimSentinel.Link l, Input event) {
        boolean connected = event instanceof LinkConnected;
        c.clock.after(0, () -> runIn(s, inc, () -> {
            if (s.links.get(l.target) == l && l.connected == connected) c.step(s, event);
        }));
    }

    /** The connections to {@code node} break (its process died, or a partition reset them); reconnect later. */
    void dropLinksTo(String node) {
        dropLinks(node, 1.0);
    }

    /** A partition resets some of the connections across it (TCP keepalive); the others just time out. */
    void dropCrossingLinks(double probability) {
        dropLinks(null, probability);
    }

    private void dropLinks(String node, double probability) {
        for (SimSentinel s : c.sentinels) {
            if (!s.alive) continue;
            for (SimSentinel.Link l : s.links.values()) {
                String dst = c.nodeOf(l.target);
                if (!l.connected || dst == null) continue;
                if (node != null ? !node.equals(dst) : c.net.canTalk(s.node, dst)) continue;
                if (probability < 1 && c.random.nextDouble() >= probability) continue;
                l.connected = false;
                linkEvent(s, s.incarnation, l, new LinkLost(l.target, "connection reset"));
                connectLater(s, s.incarnation, l, RECONNECT_MILLIS);
            }
        }
    }
}
