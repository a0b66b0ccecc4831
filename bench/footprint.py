#!/usr/bin/env python3
"""Footprint: time from process start to the first PING answer and until SENTINEL replicas shows both replicas;
RSS (VmRSS) after 30 s monitoring one master with two replicas; CPU time over the next 60 s of idle monitoring.

Each kind monitors its own master + 2 replicas (so the two sentinels do not become peers). Per repetition the two
start one after the other (alternating which goes first), then idle side by side, so both see the same noise.

  bench/footprint.py [--a CMD] [--b CMD] [--reps 3] [--settle 30] [--idle 60] [--out FILE]
"""
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
import common  # noqa: E402
from cluster import MASTER, start_replication  # noqa: E402
from procs import Scope, wait_until  # noqa: E402
from resp import try_call  # noqa: E402

KEYS = ["first_ping_ms", "replicas_discovered_ms", "rss_mib", "pss_mib", "idle_cpu_ms_per_min",
        "idle_cpu_late_ms_per_min", "threads"]


def status_field(proc, name):
    with open("/proc/%d/status" % proc.pid) as f:
        for line in f:
            if line.startswith(name + ":"):
                return int(line.split()[1])
    return None


def pss_mib(proc):
    """Proportional set size: shared pages (libjvm, the class data sharing archive) split among their users."""
    with open("/proc/%d/smaps_rollup" % proc.pid) as f:
        for line in f:
            if line.startswith("Pss:"):
                return round(int(line.split()[1]) / 1024, 1)
    return None


def start_timed(scope, template, master_port, name):
    """Starts a sentinel and times (from just before exec) its first PONG and its discovery of 2 replicas."""
    s = scope.sentinel(template, [(MASTER, master_port)], name=name, wait=False)
    s.wait_ping(60)
    t_ping = time.monotonic()
    wait_until(lambda: len(try_call(s.port, "SENTINEL", "REPLICAS", MASTER, timeout=0.5) or []) == 2, 60,
               name + " discovers 2 replicas", 0.005)
    t_replicas = time.monotonic()
    return s, {"first_ping_ms": round((t_ping - s.started_at) * 1000, 1),
               "replicas_discovered_ms": round((t_replicas - s.started_at) * 1000, 1)}


def run_rep(args, masters, rep):
    order = common.impls(args) if rep % 2 == 0 else list(reversed(common.impls(args)))
    results = {}
    with Scope() as scope:
        procs = {}
        for label, template in order:
            common.log("rep %d/%d start %s" % (rep + 1, args.reps, label))
            procs[label], results[label] = start_timed(scope, template, masters[label].port, "sentinel-" + label)
        last_start = max(p.started_at for p in procs.values())
        time.sleep(max(0.0, last_start + args.settle - time.monotonic()))
        cpu_before = {}
        for label, p in procs.items():
            results[label]["rss_mib"] = round(p.rss_kib() / 1024, 1)
            results[label]["pss_mib"] = pss_mib(p)
            results[label]["threads"] = status_field(p, "Threads")
            cpu_before[label] = p.cpu_seconds()
        time.sleep(args.idle)
        for label, p in procs.items():
            cpu_ms = (p.cpu_seconds() - cpu_before[label]) * 1000
            results[label]["idle_cpu_ms_per_min"] = round(cpu_ms * 60 / args.idle, 1)
            results[label]["rss_mib_after_idle"] = round(p.rss_kib() / 1024, 1)
        if args.late_idle > 0:
            # a JVM still compiles its idle paths in the first minutes: a later window shows the steady state
            time.sleep(args.late_gap)
            cpu_before = {label: p.cpu_seconds() for label, p in procs.items()}
            time.sleep(args.late_idle)
            for label, p in procs.items():
                cpu_ms = (p.cpu_seconds() - cpu_before[label]) * 1000
                results[label]["idle_cpu_late_ms_per_min"] = round(cpu_ms * 60 / args.late_idle, 1)
    for label in results:
        common.log("  %s -> %s" % (label, results[label]))
    return [dict(impl=label, rep=rep, **results[label]) for label, _ in common.impls(args)]


def main():
    p = common.parser(__doc__)
    p.add_argument("--reps", type=int, default=3)
    p.add_argument("--settle", type=float, default=30, help="seconds after start before reading RSS")
    p.add_argument("--idle", type=float, default=60, help="seconds of idle CPU measurement")
    p.add_argument("--late-gap", type=float, default=30, help="seconds between the idle window and the late one")
    p.add_argument("--late-idle", type=float, default=60,
                   help="seconds of a second idle window after --late-gap (0: none)")
    args = p.parse_args()
    a, b = args.a_label, args.b_label
    runs = []
    with Scope() as scope:
        masters = {}
        for label, _ in common.impls(args):
            masters[label], _ = start_replication(scope)
        for rep in range(args.reps):
            runs += run_rep(args, masters, rep)
    out = {"a": args.a, "b": args.b, "a_label": a, "b_label": b, "settle_s": args.settle, "idle_s": args.idle,
           "late_start_s": args.settle + args.idle + args.late_gap, "late_idle_s": args.late_idle,
           "runs": runs, "summary": common.summary(runs, a, b, [k for k in KEYS + ["rss_mib_after_idle"]
                                                    if all(k in r for r in runs)])}
    common.write_json(args.out, out)


if __name__ == "__main__":
    main()
