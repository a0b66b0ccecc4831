#!/usr/bin/env python3
"""One state write: ConfigStore.persist, what our core thread runs (temp file, fsync, rename, fsync of the
directory) before a vote or a new epoch may leave. Timed in process by PersistBench (sentinel-server's tests) with
the sentinel's own JVM flags (conf/jvm.flags): the writing thread's CPU time, the wall time and the bytes allocated
per write, after a warm-up of the same writes. K masters as mass_failover.py configures them, each knowing one
replica and two peers; each write changes one master's vote and leader epoch and the current epoch (round robin).

Both layouts: sentinel.conf rewritten in place (the default, as redis-sentinel does) and the state file of a
read-only config; each in the temp dir (a real disk) and on tmpfs (/dev/shm: nothing behind fsync, so what is left
is our own CPU). Ours only: redis-sentinel's rewrite cannot be timed apart from the outside.

  bench/persist.py [--masters 1,20,100] [--warmup 1000] [--writes 1000] [--reps 3]
                   [--baseline DIR [--baseline-label L]] [--out FILE]

--baseline: another checkout (a worktree of an older commit that has PersistBench), built and measured the same
way, interleaved with this one (this, baseline, then baseline, this, ...), for a before/after comparison.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
import common  # noqa: E402

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TMPFS = "/dev/shm"


def classpath(root):
    """Builds the test classes offline and returns the harness's classpath."""
    subprocess.run(["nice", "-n", "10", "mvn", "-B", "-o", "-q", "test-compile", "-pl", "sentinel-server", "-am"],
                   cwd=root, check=True, stdout=subprocess.DEVNULL)
    with tempfile.NamedTemporaryFile("r", prefix="persist-cp-") as f:
        subprocess.run(["nice", "-n", "10", "mvn", "-B", "-o", "-q", "dependency:build-classpath", "-pl",
                        "sentinel-server", "-Dmdep.outputFile=" + f.name, "-Dmdep.includeScope=runtime"],
                       cwd=root, check=True, stdout=subprocess.DEVNULL)
        deps = f.read().strip()
    own = [os.path.join(root, p) for p in ("sentinel-core/target/classes", "sentinel-server/target/classes",
                                           "sentinel-server/target/test-classes")]
    return ":".join(own + [deps])


def run(root, cp, args, layout, place):
    """One JVM: every K once; returns PersistBench's JSON lines."""
    with tempfile.TemporaryDirectory(prefix="persist-bench-", dir=place) as d:
        argv = ["java", "@" + os.path.join(root, "conf/jvm.flags"), "-cp", cp, "io.sentinel.server.config.PersistBench",
                "--masters", args.masters, "--warmup", str(args.warmup), "--writes", str(args.writes), "--dir", d]
        if layout == "state-file":
            argv.append("--state-file")
        done = subprocess.run(argv, cwd=root, check=True, capture_output=True, text=True)
    return [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]


def checkout(root, label):
    """{label, root, commit, runs: []} for a checkout, built."""
    root = os.path.abspath(root)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True,
                            text=True).stdout.strip()
    return {"label": label, "root": root, "commit": commit, "cp": classpath(root), "runs": []}


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--masters", default="1,20,100")
    p.add_argument("--warmup", type=int, default=1000)
    p.add_argument("--writes", type=int, default=1000)
    p.add_argument("--reps", type=int, default=3, help="JVMs per layout and place")
    p.add_argument("--baseline", help="another checkout to measure beside this one")
    p.add_argument("--baseline-label", default="baseline")
    p.add_argument("--out")
    args = p.parse_args()
    ours = checkout(HERE, "ours")
    sides = [ours] + ([checkout(args.baseline, args.baseline_label)] if args.baseline else [])
    places = [("disk", tempfile.gettempdir())] + ([("tmpfs", TMPFS)] if os.path.isdir(TMPFS) else [])
    load = open("/proc/loadavg").read().split()[0]
    for rep in range(args.reps):
        for layout in ("rewrite", "state-file"):
            for place, path in places:
                for side in (sides if rep % 2 == 0 else list(reversed(sides))):
                    common.log("persist: rep %d/%d, %s, %s on %s (%s)" % (rep + 1, args.reps, side["label"],
                                                                       layout, place, path))
                    for r in run(side["root"], side["cp"], args, layout, path):
                        side["runs"].append(dict(r, rep=rep, place=place, dir=path))
    for side in sides:
        del side["cp"], side["root"]
    out = dict(ours, warmup=args.warmup, writes=args.writes, reps=args.reps, load_at_start=load)
    if args.baseline:
        out["baseline"] = sides[1]
    common.write_json(args.out, out)


if __name__ == "__main__":
    main()
