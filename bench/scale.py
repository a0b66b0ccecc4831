#!/usr/bin/env python3
"""Scale: one sentinel monitoring N masters (real redis-server for N <= --real-max, else the fake Redis in
bench/lib/fakeredis.py, many ports in one process). Measures the time from start until SENTINEL MASTERS lists all N
with a recent last-ok-ping-reply, RSS, and CPU per monitored master over an idle window.

  bench/scale.py [--a CMD] [--b CMD] [--counts 50,200,1000] [--real-max 50] [--reps 1] [--idle 30] [--out FILE]
"""
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
import common  # noqa: E402
from procs import Scope, free_port  # noqa: E402
from resp import pairs_to_dict, try_call  # noqa: E402

KEYS = ["all_monitored_ms", "rss_mib", "cpu_ms_per_min", "cpu_ms_per_min_per_master"]
FAKE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib", "fakeredis.py")


def start_masters(scope, count, real_max):
    """Ports of `count` masters: real redis-servers, or one fake Redis process listening on all of them."""
    if count <= real_max:
        return [scope.redis("m%d" % i).port for i in range(count)]
    ports = [free_port() for _ in range(count)]
    workdir = scope.mkdtemp("fakeredis")
    ports_file = os.path.join(workdir, "ports")
    with open(ports_file, "w") as f:
        f.write("\n".join(map(str, ports)) + "\n")
    fake = scope.add([sys.executable, FAKE, ports_file], "fakeredis", ports[-1], workdir)
    fake.wait_ping(60)
    return ports


def monitored(port, count, recent_ms=1500):
    """How many masters SENTINEL MASTERS lists as 'master', INFO read, a valid PING reply in the last recent_ms."""
    reply = try_call(port, "SENTINEL", "MASTERS", timeout=5)
    if not isinstance(reply, list):
        return 0
    ok = 0
    for entry in reply:
        e = pairs_to_dict(entry)
        # runid is empty until the sentinel has read the master's INFO; last-ok-ping-reply alone counts from
        # the moment the master was added
        if e.get("flags") == "master" and e.get("runid") and int(e.get("last-ok-ping-reply", 10 ** 9)) < recent_ms:
            ok += 1
    return ok


def wait_all_monitored(s, count, timeout=180):
    """None once all count masters are monitored; else why not (the sentinel exited, or the deadline passed)."""
    deadline = time.monotonic() + timeout
    seen = 0
    while time.monotonic() < deadline:
        if not s.alive():
            last = [line for line in s.log_tail(4000).splitlines() if line.strip() and not line.startswith("\t")]
            return "exited (code %s) after %.0f s with %d/%d monitored: %s" % (
                s.popen.returncode, time.monotonic() - s.started_at, seen, count, last[-1] if last else "")
        seen = monitored(s.port, count)
        if seen == count:
            return None
        time.sleep(0.1)
    return "only %d/%d monitored after %d s" % (seen, count, timeout)


def run_one(scope, template, ports, idle_s, label):
    with Scope() as own:
        masters = [("m%04d" % i, p) for i, p in enumerate(ports)]
        s = own.sentinel(template, masters, name="sentinel-" + label, wait=False, down_after=5000,
                         failover_timeout=60000, quorum=1)
        s.wait_ping(120)
        failure = wait_all_monitored(s, len(ports))
        if failure:
            return {"error": failure}
        all_ms = (time.monotonic() - s.started_at) * 1000
        time.sleep(5)  # let start-up work (first INFO, hellos) settle before the idle window
        cpu0 = s.cpu_seconds()
        time.sleep(idle_s)
        cpu_ms_min = (s.cpu_seconds() - cpu0) * 1000 * 60 / idle_s
        still = monitored(s.port, len(ports))
        return {"all_monitored_ms": round(all_ms), "rss_mib": round(s.rss_kib() / 1024, 1),
                "cpu_ms_per_min": round(cpu_ms_min, 1),
                "cpu_ms_per_min_per_master": round(cpu_ms_min / len(ports), 3),
                "monitored_at_end": still}


def main():
    p = common.parser(__doc__)
    p.add_argument("--counts", default="50,200,1000")
    p.add_argument("--real-max", type=int, default=50, help="up to this many masters, use real redis-servers")
    p.add_argument("--reps", type=int, default=1)
    p.add_argument("--idle", type=float, default=30)
    args = p.parse_args()
    a, b = args.a_label, args.b_label
    out = {"a": args.a, "b": args.b, "a_label": a, "b_label": b, "cases": {},
           "description": "One sentinel, quorum 1, down-after 5000 ms, monitoring N masters without replicas: real "
                          "redis-server processes for N ≤ %d, else one fake-Redis process (bench/lib/fakeredis.py) "
                          "serving every port. 'All monitored' = from exec until SENTINEL MASTERS lists all N as "
                          "master with a runid (INFO read) and last-ok-ping-reply < 1.5 s. CPU = the sentinel's "
                          "utime+stime over %d s idle, starting 5 s after that." % (args.real_max, args.idle)}
    for count in [int(c) for c in args.counts.split(",")]:
        with Scope() as scope:
            common.log("scale: %d masters" % count)
            ports = start_masters(scope, count, args.real_max)
            runs = common.interleave(args, args.reps,
                                     lambda label, template, rep: run_one(scope, template, ports, args.idle, label))
        case = "%d (%s)" % (count, "redis-server" if count <= args.real_max else "fake Redis")
        out["cases"][case] = {"count": count, "runs": runs, "summary": common.summary(runs, a, b, KEYS)}
    common.write_json(args.out, out)


if __name__ == "__main__":
    main()
