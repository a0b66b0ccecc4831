package io.sentinel.core.sim;

import io.sentinel.core.model.Address;
import io.sentinel.core.model.Role;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A simulated redis-server: role, run id, replication offset (grows on a master, follows it on a connected replica),
 * priority, link to its master. Answers INFO in Redis 7.0's format with the fields InfoParser reads. A SIGKILL makes
 * it silent; a restart comes back with a new run id and an empty dataset, in the role it last had (CONFIG REWRITE).
 */
final class SimRedis {
    final String node;
    final Address address;
    final int priority;
    private final SplittableRandom random;

    boolean alive = true;
    String runId;
    Role role;
    Address master;
    long offset;
    boolean linkUp;
    /** When the master link went down; 0 when it never was up since the last REPLICAOF (Redis shows -1). */
    long linkDownSince;
    long syncReadyAt;
    /** A FAILOVER TO in progress (waiting-for-sync): its target and deadline; the master's writes are paused. */
    Address handOverTo;
    long handOverUntil;

    SimRedis(String node, Address address, int priority, Address master, SplittableRandom random) {
        this.node = node;
        this.address = address;
        this.priority = priority;
        this.random = random;
        this.runId = newRunId();
        this.role = master == null ? Role.MASTER : Role.REPLICA;
        this.master = master;
    }

    private String newRunId() {
        StringBuilder b = new StringBuilder(40);
        for (int i = 0; i < 40; i++) b.append(Character.forDigit(random.nextInt(16), 16));
        return b.toString();
    }

    /** REPLICAOF NO ONE: the offset history goes on from here. */
    void promote() {
        role = Role.MASTER;
        master = null;
        linkUp = false;
        linkDownSince = 0;
    }

    /** REPLICAOF host port: the link comes up after a (re)sync delay. */
    void repoint(Address newMaster, long now) {
        if (newMaster.equals(address)) return;
        role = Role.REPLICA;
        master = newMaster;
        linkUp = false;
        linkDownSince = 0;
        syncReadyAt = now + 200 + random.nextLong(1000);
    }

    void crash() {
        alive = false;
        linkUp = false;
        abortFailover();
    }

    void restart(long now) {
        alive = true;
        runId = newRunId();
        offset = 0;
        linkUp = false;
        linkDownSince = 0;
        syncReadyAt = now + 200 + random.nextLong(1000);
    }

    /** {@code FAILOVER TO target TIMEOUT t}, answered as Redis 7.0 does: null when taken, else the error. */
    String failoverTo(SimRedis target, long timeoutMillis, long now) {
        if (role != Role.MASTER) return "ERR FAILOVER is not valid when server is a replica.";
        if (handOverTo != null) return "ERR FAILOVER already in progress.";
        if (target == null || !target.alive || target.role != Role.REPLICA || !address.equals(target.master)
                || !target.linkUp) {
            return "ERR FAILOVER target replica is not online.";
        }
        handOverTo = target.address;
        handOverUntil = now + timeoutMillis;
        return null;
    }

    /** FAILOVER ABORT (and CLIENT UNPAUSE): writes go on. */
    void abortFailover() {
        handOverTo = null;
        handOverUntil = 0;
    }

    /**
     * One step of a hand-over: past its deadline it is dropped; once the target has every write (the master's
     * writes being paused) the two swap roles, as PSYNC FAILOVER does. Returns true when they swapped.
     */
    boolean stepHandOver(SimRedis target, boolean reachable, long now) {
        if (handOverTo == null || !alive) return false;
        if (now > handOverUntil) {
            abortFailover();
            return false;
        }
        if (!reachable || !target.alive || !target.linkUp || target.offset != offset
                || !address.equals(target.master)) return false;
        abortFailover();
        target.promote();
        repoint(target.address, now);
        return true;
    }

    /** One replication step (every 100 ms): a master takes writes, a replica follows a reachable master. */
    void replicate(SimRedis upstream, boolean reachable, long now) {
        if (!alive) return;
        if (role == Role.MASTER) {
            if (handOverTo == null) offset += 10; // paused while it hands over
            return;
        }
        boolean up = upstream != null && upstream != this && upstream.alive && reachable && now >= syncReadyAt;
        if (up) {
            offset = upstream.offset;
            linkUp = true;
        } else if (linkUp) {
            linkUp = false;
            linkDownSince = now;
            syncReadyAt = now + 500 + random.nextLong(1000);
        }
    }

    /** The INFO reply; {@code replicas} are the instances replicating from this one with their link up. */
    String info(long now, List<SimRedis> replicas) {
        StringBuilder b = new StringBuilder(900);
        line(b, "# Server");
        line(b, "redis_version:7.0.15");
        line(b, "redis_mode:standalone");
        line(b, "run_id:" + runId);
        line(b, "tcp_port:" + address.port());
        line(b, "");
        line(b, "# Replication");
        if (role == Role.MASTER) {
            line(b, "role:master");
        } else {
            replicaFields(b, now);
        }
        line(b, "connected_slaves:" + replicas.size());
        for (int i = 0; i < replicas.size(); i++) {
            SimRedis r = replicas.get(i);
            line(b, "slave" + i + ":ip=" + r.address.host() + ",port=" + r.address.port() + ",state=online,offset="
                    + r.offset + ",lag=0");
        }
        line(b, "master_failover_state:" + (handOverTo != null ? "waiting-for-sync" : "no-failover"));
        line(b, "master_replid:" + runId);
        line(b, "master_repl_offset:" + offset);
        line(b, "second_repl_offset:-1");
        return b.toString();
    }

    private void replicaFields(StringBuilder b, long now) {
        line(b, "role:slave");
        line(b, "master_host:" + master.host());
        line(b, "master_port:" + master.port());
        line(b, "master_link_status:" + (linkUp ? "up" : "down"));
        line(b, "master_last_io_seconds_ago:" + (linkUp ? 0 : -1));
        line(b, "master_sync_in_progress:0");
        line(b, "slave_read_repl_offset:" + offset);
        line(b, "slave_repl_offset:" + offset);
        if (!linkUp) line(b, "master_link_down_since_seconds:" + (linkDownSince == 0 ? -1 : (now - linkDownSince)
                / 1000));
        line(b, "slave_priority:" + priority);
        line(b, "slave_read_only:1");
        line(b, "replica_announced:1");
    }

    private static void line(StringBuilder b, String s) {
        b.append(s).append("\r\n");
    }

    @Override
    public String toString() {
        return node + "(" + address + " " + (alive ? role.wireName() : "dead")
                + (role == Role.REPLICA ? " of " + master + (linkUp ? " up" : " down") : "") + " off=" + offset + ")";
    }
}
