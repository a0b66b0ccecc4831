#!/usr/bin/env python3
"""Query throughput: redis-benchmark -c 50 -n 200000 at -P 1 and -P 16, with `SENTINEL get-master-addr-by-name
mymaster` and `PING`, against one sentinel of each kind monitoring the same master (with 2 replicas). Reports
requests/s, p50/p99 latency (redis-benchmark --csv) and the sentinel's CPU time per request (/proc/<pid>/stat).

  bench/throughput.py [--a CMD] [--b CMD] [--reps 3] [--requests 200000] [--out FILE]
"""
import csv
import io
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
import common  # noqa: E402
from cluster import MASTER, replicas_seen, start_replication  # noqa: E402
from procs import HOST, Scope, wait_until  # noqa: E402

COMMANDS = {
    "get-master-addr-by-name": ["sentinel", "get-master-addr-by-name", MASTER],
    "ping": ["ping"],
}
PIPELINES = [1, 16]
KEYS = ["rps", "p50_ms", "p99_ms", "cpu_us_per_request"]


def benchmark(sentinel, command, pipeline, requests, clients=50):
    argv = ["redis-benchmark", "-h", HOST, "-p", str(sentinel.port), "-c", str(clients), "-n", str(requests),
            "-P", str(pipeline), "--csv"] + command
    cpu_before = sentinel.cpu_seconds()
    done = subprocess.run(argv, capture_output=True, text=True, timeout=600)
    cpu = sentinel.cpu_seconds() - cpu_before
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    if done.returncode != 0 or not rows:
        raise RuntimeError("redis-benchmark failed: %s %s" % (done.stdout, done.stderr))
    row = rows[-1]
    return {"rps": float(row["rps"]), "p50_ms": float(row["p50_latency_ms"]),
            "p99_ms": float(row["p99_latency_ms"]), "cpu_us_per_request": round(cpu / requests * 1e6, 3)}


def main():
    p = common.parser(__doc__)
    p.add_argument("--reps", type=int, default=3)
    p.add_argument("--requests", type=int, default=200000)
    args = p.parse_args()
    a, b = args.a_label, args.b_label
    out = {"a": args.a, "b": args.b, "a_label": a, "b_label": b, "requests": args.requests, "clients": 50,
           "cases": {}}
    with Scope() as scope:
        master, _ = start_replication(scope)
        sentinels = {label: scope.sentinel(template, [(MASTER, master.port)], name="sentinel-" + label)
                     for label, template in common.impls(args)}
        for s in sentinels.values():
            wait_until(lambda: replicas_seen(s.port, 2), 30, s.name + " sees the replicas", 0.05)
        common.log("warm-up (not recorded)")
        for s in sentinels.values():
            for command in COMMANDS.values():
                for pipeline in PIPELINES:
                    benchmark(s, command, pipeline, args.requests // 4)
        for name, command in COMMANDS.items():
            for pipeline in PIPELINES:
                case = "%s -P %d" % (name, pipeline)
                common.log("throughput", case)
                runs = common.interleave(args, args.reps, lambda label, template, rep: benchmark(
                    sentinels[label], command, pipeline, args.requests))
                out["cases"][case] = {"runs": runs, "summary": common.summary(runs, a, b, KEYS)}
    common.write_json(args.out, out)


if __name__ == "__main__":
    main()
