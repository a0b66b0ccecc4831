#!/usr/bin/env python3
"""Mass failover: K masters, each with one replica (real redis-server), under 3 sentinels of one kind (quorum 2,
down-after 1000 ms, failover-timeout 10000 ms), every replica and peer discovered first; then all K masters are
SIGKILLed at the same instant (by pid). Times are from the kill, in ms:

- all_writable: every promoted replica accepts a SET (polled, pipelined, every ~20 ms)
- all_switched: every master's address is the promoted replica on all 3 sentinels (get-master-addr-by-name)
- try_failover / aborted: +try-failover and -failover-abort-not-elected events, summed over the 3 sentinels
  (PSUBSCRIBE * on each)
- cpu_s: the 3 sentinels' utime+stime (/proc/<pid>/stat) from the kill to the end of the run
- metrics (ours, metrics on): state file writes (each one fsyncs on the core thread), GC pauses and TILT seconds
  from the kill to the end, summed over the 3 sentinels, read from /metrics

Before the kill the script waits until no sentinel is in TILT (one that stalled 2 s while starting would sit out
30 s), and reports who was (tilted_before_kill). A run that has not finished by --deadline seconds is reported as
not finished (finished: false, times: null).

  bench/mass_failover.py [--a CMD] [--b CMD] [--counts 20,50,100] [--reps 2] [--deadline 120]
                         [--trace-dir DIR] [--out FILE]
"""
import collections
import os
import signal
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
import common  # noqa: E402
from procs import Scope, wait_until  # noqa: E402
from probes import FsyncCount, Poller, pipeline, scrape, scraped_delta  # noqa: E402
from resp import Conn, EventLog, info_fields, pairs_to_dict  # noqa: E402

DOWN_AFTER_MS = 1000
FAILOVER_TIMEOUT_MS = 10000
KEYS = ["all_writable_ms", "all_switched_ms", "all_writable_or_deadline_ms", "median_writable_ms",
        "first_writable_ms", "first_odown_ms", "try_failover", "aborted", "cpu_s"]
COUNTED = ["+try-failover", "-failover-abort-not-elected", "+elected-leader", "+new-epoch", "+switch-master",
           "+failover-end", "-failover-abort-no-good-slave", "+tilt", "+odown", "+sdown"]


def start_pairs(scope, count):
    """count masters, each with one replica linked to it; started in parallel, returned once all links are up."""
    masters = [scope.redis("m%d" % i, wait=False) for i in range(count)]
    for m in masters:
        m.wait_ping(20)
    replicas = [scope.redis("r%d" % i, replica_of=m.port, wait=False) for i, m in enumerate(masters)]
    for r in replicas:
        r.wait_ping(20)
    for r in replicas:
        wait_until(lambda: info_fields(r.port).get("master_link_status") == "up", 30, r.name + " link up", 0.02)
    return masters, replicas


def discovered(sentinel_port, names):
    """True when the sentinel knows, for every master, its one replica (link ok) and the 2 other sentinels."""
    try:
        with Conn(sentinel_port, timeout=5) as c:
            peers = pipeline(c, [("SENTINEL", "SENTINELS", n) for n in names])
            reps = pipeline(c, [("SENTINEL", "REPLICAS", n) for n in names])
    except (OSError, ConnectionError):
        return False
    for p, r in zip(peers, reps):
        if not isinstance(p, list) or len(p) != 2 or not isinstance(r, list) or len(r) != 1:
            return False
        e = pairs_to_dict(r[0])
        if e.get("flags") != "slave" or e.get("master-link-status") != "ok":
            return False
    return True


def start_sentinels(scope, template, names_ports):
    sentinels = [scope.sentinel(template, names_ports, name="sentinel%d" % (i + 1), down_after=DOWN_AFTER_MS,
                                failover_timeout=FAILOVER_TIMEOUT_MS, quorum=2) for i in range(3)]
    names = [n for n, _ in names_ports]
    for s in sentinels:
        wait_until(lambda: discovered(s.port, names) or s._check_alive(), 90,
                   s.name + " discovers every replica and peer", 0.25)
    return sentinels


def in_tilt(port):
    return info_fields(port, "sentinel").get("sentinel_tilt") == "1"


def ms(seconds):
    return None if seconds is None else round(seconds * 1000, 1)


def event_counts(logs, t0):
    counts = collections.Counter()
    for log in logs:
        for t, ch, _ in list(log.events):
            if t >= t0:
                counts[ch] += 1
    return counts


def write_trace(path, logs, sentinels, t0, result):
    """Every event after the kill (ms after it, sentinel, channel, message) and each sentinel's log."""
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    rows = sorted((t - t0, log.label, ch, msg) for log in logs for t, ch, msg in list(log.events) if t >= t0 - 1)
    with open(path, "w") as f:
        f.write("# %s\n# events: ms after the kill, sentinel, channel, message (PSUBSCRIBE *)\n" % result)
        for t, label, ch, msg in rows:
            f.write("%9.1f %s %s %s\n" % (t * 1000, label, ch, msg))
        for s in sentinels:
            f.write("\n# log of %s (port %d)\n" % (s.name, s.port))
            f.write(s.log_tail(400000))
    common.log("  trace written to", path)
    return os.path.basename(path)


def prepare(scope, template, count):
    """K masters with a replica each and 3 sentinels that know every replica and peer, none in TILT:
    (masters, replicas, names, sentinels, sentinels that were in TILT, seconds waited for them)."""
    common.log("  starting %d masters and %d replicas" % (count, count))
    masters, replicas = start_pairs(scope, count)
    names = ["m%d" % i for i in range(count)]
    common.log("  starting 3 sentinels, waiting for discovery")
    sentinels = start_sentinels(scope, template, list(zip(names, [m.port for m in masters])))
    # healthy sentinels: one that stalled for 2 s while starting is in TILT for 30 s, and would neither act nor
    # agree to ODOWN; wait that out (and report it) instead of measuring it
    t_tilt = time.monotonic()
    tilted = [s.name for s in sentinels if in_tilt(s.port)]
    if tilted:
        common.log("  in TILT before the kill: %s; waiting" % ", ".join(tilted))
        wait_until(lambda: not any(in_tilt(s.port) for s in sentinels), 45, "no sentinel in TILT", 0.25)
    return masters, replicas, names, sentinels, tilted, time.monotonic() - t_tilt


def kill_all(masters):
    """SIGKILLs every master by pid, back to back; (the kill's monotonic time, seconds the kills took)."""
    t0 = time.monotonic()
    for m in masters:
        os.kill(m.pid, signal.SIGKILL)
    spread = time.monotonic() - t0
    for m in masters:
        m.popen.wait()
    return t0, spread


def timings(poller, logs, count, t0):
    writable = sorted(poller.writable.values())
    last_switch = [max(s.values()) if len(s) == count else None for s in poller.switched]
    odown = [t for t in (log.first("+odown", t0) for log in logs) if t is not None]
    return {
        "finished": poller.done(),
        "all_writable_ms": ms(writable[-1]) if len(writable) == count else None,
        "all_switched_ms": ms(max(last_switch)) if all(x is not None for x in last_switch) else None,
        "median_writable_ms": ms(writable[len(writable) // 2]) if len(writable) == count else None,
        "first_writable_ms": ms(writable[0]) if writable else None,
        "first_odown_ms": ms(min(odown) - t0) if odown else None,
        "writable_at_end": len(writable), "switched_at_end": [len(s) for s in poller.switched],
    }


def run_once(template, count, deadline_s, trace_path, strace=False):
    with Scope() as scope:
        masters, replicas, names, sentinels, tilted, tilt_wait = prepare(scope, template, count)
        logs = [EventLog(s.port, s.name) for s in sentinels]
        poller = None
        try:
            time.sleep(0.5)
            load = float(open("/proc/loadavg").read().split()[0])
            fsyncs = FsyncCount(scope, sentinels, strace)
            metrics0, cpu0 = [scrape(s) for s in sentinels], sum(s.cpu_seconds() for s in sentinels)
            t0, kill_spread = kill_all(masters)
            poller = Poller(names, replicas, sentinels, t0)
            while time.monotonic() < t0 + deadline_s and not poller.done():
                poller.poll()
                time.sleep(0.01)
            t_end = time.monotonic()
            cpu = sum(s.cpu_seconds() for s in sentinels) - cpu0
            metrics = scraped_delta(metrics0, [scrape(s) for s in sentinels])
            fsync_calls = fsyncs.stop()
            time.sleep(0.5)  # events still on the way
            counts = event_counts(logs, t0)
            result = dict(count=count, **timings(poller, logs, count, t0), **{
                "try_failover": counts["+try-failover"], "aborted": counts["-failover-abort-not-elected"],
                "cpu_s": round(cpu, 2), "measured_s": round(t_end - t0, 2), "kill_spread_ms": ms(kill_spread),
                "killed_at_monotonic": round(t0, 3),  # to line up other tools' samples (CLOCK_MONOTONIC)
                "load_at_kill": load, "tilted_before_kill": tilted, "tilt_wait_s": round(tilt_wait, 1),
                "events": {k: counts[k] for k in COUNTED}, "metrics": metrics,
                **({"strace_fsync": fsync_calls} if strace else {}),
                "metrics_before_kill": {k: round(sum(d.get(k, 0) for d in metrics0), 3)
                                        for k in sorted(set(k for d in metrics0 for k in d))}})
            slow = result["all_writable_ms"] is None or result["all_writable_ms"] > DOWN_AFTER_MS + 5000
            if trace_path and (not result["finished"] or result["aborted"] or counts["+tilt"] or slow):
                result["trace"] = write_trace(trace_path, logs, sentinels, t0, result)
            return result
        finally:
            if poller:
                poller.close()
            for log in logs:
                log.close()


def censor(runs, deadline_s):
    """all_writable_or_deadline_ms: a run that did not finish counts as the deadline (a lower bound), so the median
    and the ratios do not silently drop it."""
    for r in runs:
        r["all_writable_or_deadline_ms"] = r["all_writable_ms"] if r["finished"] else deadline_s * 1000.0
    return runs


def main():
    p = common.parser(__doc__)
    p.add_argument("--counts", default="20,50,100", help="numbers of masters (each with one replica)")
    p.add_argument("--reps", type=int, default=2, help="repetitions per count and implementation")
    p.add_argument("--deadline", type=float, default=120, help="seconds after the kill before giving up on a run")
    p.add_argument("--trace-dir", help="write events and logs of runs that abort, TILT, take more than "
                                       "down-after + 5 s or do not finish here (the first such run per "
                                       "implementation and count)")
    p.add_argument("--strace", action="store_true", help="diagnostics: count every sentinel's fsync/fdatasync "
                   "calls and wall time in them from the kill to the end (strace -c -w; slows the sentinels down)")
    args = p.parse_args()
    a, b = args.a_label, args.b_label
    out = {"a": args.a, "b": args.b, "a_label": a, "b_label": b, "down_after_ms": DOWN_AFTER_MS,
           "failover_timeout_ms": FAILOVER_TIMEOUT_MS, "deadline_s": args.deadline, "cases": {}}
    traced = set()
    for count in [int(c) for c in args.counts.split(",")]:
        common.log("mass failover: %d masters" % count)

        def one(label, template, rep):
            path = None
            if args.trace_dir and (label, count) not in traced:
                path = os.path.join(args.trace_dir, "mass-failover-%s-%d.txt" % (label.replace(" ", "_"), count))
            r = run_once(template, count, args.deadline, path, args.strace)
            if r.get("trace"):
                traced.add((label, count))
            return r
        runs = censor(common.interleave(args, args.reps, one), args.deadline)
        out["cases"][str(count)] = {"count": count, "runs": runs, "summary": common.summary(runs, a, b, KEYS)}
    common.write_json(args.out, out)


if __name__ == "__main__":
    main()
