#!/usr/bin/env python3
"""Reconnect storm: N clients (default 1,000) connect to one sentinel at the same instant, as every application
does after +switch-master, and each sends SENTINEL get-master-addr-by-name once. Latency per client is from the
start of its connect to the complete reply; reported as p50 / p99 / max with the number of errors (refused,
reset, timeout, error reply).

One sentinel of a kind at a time monitors the same master (with one replica), freshly started for each
repetition (A B, then B A, ...). After --settle seconds it gets --storms storms, --gap seconds apart: the first
one is reported as "cold", the rest pooled as "warm" (the headline: a sentinel hit after a failover has been up
for a while). The clients are one epoll loop in this process, standard library only: the connects are issued back
to back (connect_spread_ms), and the client's own overhead is in both sides' numbers alike.

Needs N + 100 open files: the script raises its soft RLIMIT_NOFILE to 10,032 (or N + 100 if more) within the hard
limit, and stops if the hard limit is below N + 100 (raise it first: `ulimit -Hn`, as root). The sentinels inherit
the limit: redis-sentinel lowers its maxclients (default 10000) to its open-file limit minus 32 (with a plain
`ulimit -n 1024` that is 992, fewer than the storm's clients); the value it ran with is recorded (maxclients).

  bench/storm.py [--a CMD] [--b CMD] [--clients 1000] [--reps 4] [--storms 4] [--out FILE]
"""
import errno
import os
import resource
import select
import socket
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
import common  # noqa: E402
from cluster import MASTER, replicas_seen, start_replication  # noqa: E402
from procs import HOST, Scope, wait_until  # noqa: E402
from resp import encode, info_fields  # noqa: E402

KEYS = ["p50_ms", "p99_ms", "max_ms", "errors", "over_900_ms", "cold_p50_ms", "cold_p99_ms", "cold_max_ms",
        "cold_errors", "cold_over_900_ms", "cpu_ms_per_storm"]
REQUEST = encode(["SENTINEL", "GET-MASTER-ADDR-BY-NAME", MASTER])


def raise_nofile(needed):
    """Raises the soft open-file limit to 10,032 (what redis-sentinel needs for its default maxclients 10000;
    the sentinels inherit it) or at least `needed`, within the hard limit; stops when even `needed` is above it."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    cap = hard if hard != resource.RLIM_INFINITY else 1 << 20
    if cap < needed:
        sys.exit("storm.py: needs %d open files, the hard limit is %d: raise it (ulimit -Hn %d, as root) first"
                 % (needed, hard, needed))
    want = min(cap, max(needed, 10032))
    if soft < want:
        resource.setrlimit(resource.RLIMIT_NOFILE, (want, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)


def reply_complete(buf):
    """None while incomplete; True for a 2-element array of bulk strings, False for anything else complete."""
    if buf.startswith(b"-"):
        return False if buf.endswith(b"\r\n") else None
    if not buf.startswith(b"*2\r\n"):
        return False if b"\r\n" in buf else None
    pos = 4
    for _ in range(2):
        end = buf.find(b"\r\n", pos)
        if end < 0:
            return None
        if buf[pos:pos + 1] != b"$":
            return False
        pos = end + 2 + int(buf[pos + 1:end]) + 2
        if pos > len(buf):
            return None
    return True


def storm(port, clients, timeout):
    """[(start, latency s or None, error or None)] for `clients` non-blocking connects issued back to back, each
    sending the request once connected; one epoll loop (cheaper per event than asyncio, so less of the client's
    own time is in the numbers)."""
    ep = select.epoll()
    socks = []
    for _ in range(clients):  # the sockets first, so the connects go out back to back
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        s.setblocking(False)
        socks.append(s)
    state, done = {}, {}
    try:
        for s in socks:
            start = time.monotonic()
            err = s.connect_ex((HOST, port))
            if err not in (0, errno.EINPROGRESS):
                done[s.fileno()] = (start, None, errno.errorcode.get(err, str(err)))
                continue
            state[s.fileno()] = [s, start, b"", False]  # socket, start, reply so far, request sent
            ep.register(s.fileno(), select.EPOLLOUT)
        deadline = time.monotonic() + timeout
        while state and time.monotonic() < deadline:
            for fd, _ in ep.poll(max(0.0, deadline - time.monotonic())):
                entry = state.get(fd)
                if entry is None:
                    continue
                outcome = _step(ep, fd, entry)
                if outcome is not None:
                    done[fd] = (entry[1],) + outcome
                    del state[fd]
                    ep.unregister(fd)
        for fd, entry in state.items():
            done[fd] = (entry[1], None, "timeout")
        return list(done.values())
    finally:
        ep.close()
        for s in socks:
            s.close()


def _step(ep, fd, entry):
    """Advances one client on an epoll event: None while it waits, else (latency s or None, error or None)."""
    sock, start, buf, sent = entry
    if not sent:
        err = sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
        if err:
            return None, errno.errorcode.get(err, str(err))
        sock.send(REQUEST)  # 50 bytes into an empty socket buffer
        entry[3] = True
        ep.modify(fd, select.EPOLLIN)
        return None
    try:
        chunk = sock.recv(4096)
    except BlockingIOError:
        return None
    except OSError as e:
        return None, type(e).__name__
    if not chunk:
        return None, "closed"
    entry[2] = buf = buf + chunk
    complete = reply_complete(buf)
    if complete is None:
        return None
    return (time.monotonic() - start, None) if complete else (None, "bad reply")


def percentile(sorted_values, q):
    if not sorted_values:
        return None
    return sorted_values[min(len(sorted_values) - 1, int(round(q * (len(sorted_values) - 1))))]


def stats(latencies, errors):
    lat = sorted(x * 1000 for x in latencies)
    return {"p50_ms": r1(percentile(lat, 0.50)), "p99_ms": r1(percentile(lat, 0.99)),
            "max_ms": r1(lat[-1] if lat else None), "errors": errors, "over_900_ms": len([x for x in lat if x > 900])}


def r1(v):
    return None if v is None else round(v, 2)


def listen_overflows():
    """TcpExt ListenOverflows + ListenDrops (whole machine): SYNs or handshakes dropped at a full accept queue."""
    with open("/proc/net/netstat") as f:
        lines = [line.split() for line in f if line.startswith("TcpExt:")]
    fields = dict(zip(lines[0][1:], lines[1][1:]))
    return int(fields.get("ListenOverflows", 0)), int(fields.get("ListenDrops", 0))


def listen_backlog(port):
    """The accept queue length the sentinel asked for (Send-Q of its listening socket in `ss -ltn`)."""
    try:
        out = subprocess.run(["ss", "-ltnH", "sport = :%d" % port], capture_output=True, text=True, timeout=5).stdout
        return int(out.split()[2]) if out.split() else None
    except (OSError, ValueError, IndexError):
        return None


def run_once(args, template, master_port):
    with Scope() as scope:
        s = scope.sentinel(template, [(MASTER, master_port)], name="sentinel")
        wait_until(lambda: replicas_seen(s.port, 1), 30, "sentinel discovers the replica", 0.05)
        time.sleep(args.settle)
        result = {"maxclients": info_fields(s.port, "clients").get("maxclients"), "backlog": listen_backlog(s.port)}
        storms = []
        for i in range(args.storms):
            if i:
                time.sleep(args.gap)
            cpu0, drops0 = s.cpu_seconds(), listen_overflows()
            outcomes = storm(s.port, args.clients, args.timeout)
            cpu = s.cpu_seconds() - cpu0
            drops = [b - a for a, b in zip(drops0, listen_overflows())]
            starts = [o[0] for o in outcomes]
            storms.append({"latencies": [o[1] for o in outcomes if o[1] is not None],
                           "errors": [o[2] for o in outcomes if o[2]], "cpu_ms": round(cpu * 1000, 1),
                           "connect_spread_ms": round((max(starts) - min(starts)) * 1000, 1),
                           "listen_overflows": drops[0], "listen_drops": drops[1]})
        cold, warm = storms[0], storms[1:] or storms[:1]
        for key, value in stats(cold["latencies"], len(cold["errors"])).items():
            result["cold_" + key] = value
        result.update(stats([x for st in warm for x in st["latencies"]], sum(len(st["errors"]) for st in warm)))
        result["errors"] = round(result["errors"] / len(warm), 1)  # per storm of N clients
        result["error_kinds"] = sorted(set(e for st in storms for e in st["errors"]))
        result["cpu_ms_per_storm"] = round(sum(st["cpu_ms"] for st in storms) / len(storms), 1)
        result["storms"] = [{k: v for k, v in dict(st, **stats(st["latencies"], len(st["errors"]))).items()
                             if k not in ("latencies", "errors")} | {"errors": len(st["errors"])} for st in storms]
        if not s.alive():
            result["error"] = "the sentinel exited: " + s.log_tail(500)
        return result


def main():
    p = common.parser(__doc__)
    p.add_argument("--clients", type=int, default=1000)
    p.add_argument("--reps", type=int, default=4, help="fresh sentinels per implementation")
    p.add_argument("--storms", type=int, default=4, help="storms per sentinel (the first is reported as cold)")
    p.add_argument("--settle", type=float, default=5, help="seconds between discovery and the first storm")
    p.add_argument("--gap", type=float, default=2, help="seconds between storms")
    p.add_argument("--timeout", type=float, default=10, help="seconds a client waits for its reply")
    args = p.parse_args()
    nofile = raise_nofile(args.clients + 100)
    a, b = args.a_label, args.b_label
    with Scope() as scope:
        master, _ = start_replication(scope, replicas=1)
        runs = common.interleave(args, args.reps, lambda label, template, rep: run_once(args, template, master.port))
    out = {"a": args.a, "b": args.b, "a_label": a, "b_label": b, "clients": args.clients, "storms": args.storms,
           "settle_s": args.settle, "gap_s": args.gap, "timeout_s": args.timeout, "nofile": list(nofile),
           "somaxconn": int(open("/proc/sys/net/core/somaxconn").read()), "runs": runs,
           "summary": common.summary(runs, a, b, KEYS)}
    common.write_json(args.out, out)


if __name__ == "__main__":
    main()
