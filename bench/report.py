#!/usr/bin/env python3
"""Writes docs/benchmarks.md (and the failover timeline PNG) from the JSON files in a results dir.

  bench/report.py [--results bench/results] [--doc docs/benchmarks.md] [--command 'bench/run-all']
"""
import argparse
import json
import os
import statistics
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
import machine  # noqa: E402
import plot  # noqa: E402

PHASE_NAMES = {
    "sdown": "first +sdown", "odown": "first +odown", "promoted": "+promoted-slave",
    "switch_first": "first +switch-master", "switch_last": "last +switch-master (all 3)",
    "write_new_master": "first write on the new master", "replicas_linked": "other replica linked to new master",
    "write_resumed": "first write after the restart", "replicas_resynced": "both replicas online again",
}


def load(results, name):
    path = os.path.join(results, name + ".json")
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return json.load(f)


def fmt(v, digits=0):
    if v is None:
        return "–"
    if isinstance(v, bool):
        return "yes" if v else "no"
    return ("{:,.%df}" % digits).format(v)


def ratio(v):
    return "–" if v is None else "%.2f×" % v


def table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def with_count(runs, impl, key, text):
    """'text (k/n runs)' when the value is missing in some runs, e.g. an +sdown that only sometimes happens."""
    if runs is None:
        return text
    vals = [r.get(key) for r in runs if r["impl"] == impl]
    seen = len([v for v in vals if v is not None])
    return text if seen == len(vals) else "%s (%d/%d runs)" % (text, seen, len(vals))


def worst(runs, impl, key):
    vals = [r.get(key) for r in runs if r["impl"] == impl and r.get(key) is not None]
    return max(vals) if vals else None


def summary_rows(summary, a, b, keys, names, digits=0, runs=None):
    """digits: decimals for every key, or a {key: decimals} dict (0 for the keys it lacks)."""
    rows = []
    for k in keys:
        s = summary.get(k)
        d = digits.get(k, 0) if isinstance(digits, dict) else digits
        if s:
            rows.append([names.get(k, k), with_count(runs, a, k, fmt(s[a], d)),
                         with_count(runs, b, k, fmt(s[b], d)), ratio(s["ratio"]),
                         " ".join("%.2f" % r if r is not None else "–" for r in s["ratios"])])
    return rows


def failover_section(data):
    a, b = data["a_label"], data["b_label"]
    out = ["## 1. Failover time", "",
           "1 master + 2 replicas + 3 sentinels (all %s, or all %s), quorum 2, down-after-milliseconds %d, "
           "failover-timeout 10000. A client writes every 5 ms to the master the sentinels report (asking "
           "`get-master-addr-by-name` again after any error, 200 ms timeouts). Times are ms after the signal; "
           "events come from `PSUBSCRIBE *` on every sentinel. Ratio = median of the per-pair ratios %s/%s "
           "(each pair ran back to back); below 1 means %s is faster."
           % (a, b, data["down_after_ms"], a, b, a), "",
           "![failover timeline](benchmarks/failover-timeline.png)", ""]
    titles = {"sigkill": "SIGKILL the master", "sigstop": "SIGSTOP the master",
              "restart": "SIGKILL the master and restart it on its port %d ms later, within down-after (must not "
                         "fail over)" % data.get("restart_delay_ms", 300)}
    for mode, m in data["modes"].items():
        reps = len([r for r in m["runs"] if r["impl"] == a])
        out += ["### %s (%d runs each)" % (titles.get(mode, mode), reps), ""]
        keys = list(m["summary"].keys())
        rows = summary_rows(m["summary"], a, b, keys, PHASE_NAMES, runs=m["runs"])
        for row, k in zip(rows, [k for k in keys if m["summary"].get(k)]):
            row.insert(3, "%s / %s" % (fmt(worst(m["runs"], a, k)), fmt(worst(m["runs"], b, k))))
        out.append(table(["phase (ms after the signal)", a + " median", b + " median", "max (%s / %s)" % (a, b),
                          "ratio", "per-pair ratios"], rows))
        if mode == "restart":
            out += ["", "Failover after the restart: " + "; ".join(
                "%s rep %d: %s" % (r["impl"], r["rep"] + 1,
                                   "failover (+switch-master at %s ms)" % fmt(r["switch_first"]) if r["failover"]
                                   else "no failover" + (", +sdown/-sdown blip" if r["sdown"] is not None else ""))
                for r in m["runs"])]
        out.append("")
    return out


def throughput_section(data):
    a, b = data["a_label"], data["b_label"]
    out = ["## 2. Query throughput", "",
           "`redis-benchmark -h 127.0.0.1 -p <port> -c %d -n %d -P <1|16> --csv <command>`, against one sentinel "
           "of each kind monitoring the same master (2 replicas); one unrecorded warm-up round first. CPU per "
           "request = the sentinel's utime+stime (/proc/<pid>/stat) during the run / requests. Note that "
           "redis-benchmark shares the machine's CPUs with the sentinel." % (data["clients"], data["requests"]), "",
           ]
    rows = []
    for case, c in data["cases"].items():
        s = c["summary"]
        rows.append([case, fmt(s["rps"][a]), fmt(s["rps"][b]), ratio(s["rps"]["ratio"]),
                     "%s / %s" % (fmt(s["p50_ms"][a], 3), fmt(s["p50_ms"][b], 3)),
                     "%s / %s" % (fmt(s["p99_ms"][a], 3), fmt(s["p99_ms"][b], 3)),
                     "%s / %s" % (fmt(s["cpu_us_per_request"][a], 2), fmt(s["cpu_us_per_request"][b], 2)),
                     ratio(s["cpu_us_per_request"]["ratio"])])
    out.append(table(["case", a + " req/s", b + " req/s", "req/s ratio", "p50 ms (%s / %s)" % (a, b),
                      "p99 ms", "CPU µs/request", "CPU ratio"], rows))
    out.append("")
    return out


def footprint_section(data):
    a, b = data["a_label"], data["b_label"]
    names = {"first_ping_ms": "start → first PONG (ms)",
             "replicas_discovered_ms": "start → SENTINEL replicas shows 2 (ms)",
             "rss_mib": "VmRSS after %d s (MiB)" % data["settle_s"],
             "pss_mib": "PSS after %d s (MiB, shared pages split)" % data["settle_s"],
             "rss_mib_after_idle": "VmRSS after the idle minute (MiB)",
             "idle_cpu_ms_per_min": "idle CPU (ms per minute)",
             "idle_cpu_late_ms_per_min": "idle CPU from %s s after start (ms per minute)"
             % data.get("late_start_s", "?"), "threads": "threads"}
    out = ["## 3. Footprint", "",
           "Each kind monitors its own master with 2 replicas; start time is measured from just before exec (for "
           "ours this includes the `bin/sentinel` launcher script). RSS is read %d s after start, then CPU time "
           "(utime+stime) over %d s of idle monitoring, both kinds running side by side, and again over %s s "
           "from %s s after start (a JVM is still compiling its idle paths during the first minute or two)." %
           (data["settle_s"], data["idle_s"], data.get("late_idle_s", "-"), data.get("late_start_s", "-")), ""]
    out.append(table(["metric", a + " median", b + " median", "ratio", "per-pair ratios"],
                     summary_rows(data["summary"], a, b, list(names), names, 1)))
    out.append("")
    return out


def scale_section(data, extra=None):
    a, b = data["a_label"], data["b_label"]
    out = ["## 4. Scale", "", data["description"], ""]
    rows, errors = [], []
    for d in [data] + ([extra] if extra else []):
        a = d["a_label"]
        for case, c in d["cases"].items():
            s = c["summary"]
            rows.append([case, a, fmt(s["all_monitored_ms"][a]), fmt(s["all_monitored_ms"][b]),
                         ratio(s["all_monitored_ms"]["ratio"]),
                         fmt(s["cpu_ms_per_min_per_master"][a], 2), fmt(s["cpu_ms_per_min_per_master"][b], 2),
                         ratio(s["cpu_ms_per_min_per_master"]["ratio"]), fmt(s["rss_mib"][a], 1),
                         fmt(s["rss_mib"][b], 1)])
            errors += ["- %s, %s (rep %d): %s" % (case, r["impl"], r["rep"] + 1, r["error"])
                       for r in c["runs"] if r.get("error")]
    out.append(table(["masters", "A", "A: all monitored (ms)", b, "ratio", "A: CPU ms/min per master", b,
                      "ratio", "A: RSS MiB", b], rows))
    if extra:
        out += ["", "`%s` = `%s`" % (extra["a_label"], extra["a"])]
    if errors:
        out += ["", "Runs that did not finish (– in the table):", ""] + errors
    out.append("")
    return out


MASS_NAMES = {
    "all_writable_ms": "all K new masters writable (ms)",
    "all_writable_or_deadline_ms": "the same, a run not finished counted as the deadline (ms)",
    "all_switched_ms": "all K switched on all 3 sentinels (ms)",
    "median_writable_ms": "median master writable (ms)", "first_writable_ms": "first master writable (ms)",
    "first_odown_ms": "first +odown (ms)", "try_failover": "+try-failover events (3 sentinels)",
    "aborted": "-failover-abort-not-elected events", "cpu_s": "sentinels' CPU, kill → end (s, 3 summed)",
}


def mass_failover_section(data):
    a, b = data["a_label"], data["b_label"]
    out = ["## 5. Mass failover", "",
           "K masters, each with one replica (real `redis-server`), under 3 sentinels of one kind (quorum 2, "
           "down-after-milliseconds %d, failover-timeout %d); every sentinel has discovered every replica and both "
           "peers before all K masters are SIGKILLed together (by pid, within %s ms). Times are ms after the kill: "
           "a master is writable when a SET on its promoted replica succeeds (all replicas polled, pipelined, every "
           "~20 ms), switched when `get-master-addr-by-name` names the replica on a sentinel. Events are counted "
           "from `PSUBSCRIBE *` on every sentinel, CPU is the 3 sentinels' utime+stime from the kill until all are "
           "switched. A run not done %d s after the kill counts as not finished (– in the table). Ratio = median "
           "of the per-pair ratios %s/%s."
           % (data["down_after_ms"], data["failover_timeout_ms"],
              fmt(max(r["kill_spread_ms"] for c in data["cases"].values() for r in c["runs"]), 1),
              data["deadline_s"], a, b), "",
           "![mass failover](benchmarks/mass-failover.png)", ""]
    for case, c in data["cases"].items():
        reps = len([r for r in c["runs"] if r["impl"] == a])
        out += ["### K = %s (%d runs each)" % (case, reps), ""]
        keys = [k for k in MASS_NAMES if c["summary"].get(k)]
        digits = {"cpu_s": 2}
        rows = summary_rows(c["summary"], a, b, keys, MASS_NAMES, digits, runs=c["runs"])
        for row, k in zip(rows, keys):
            row.insert(3, "%s / %s" % (fmt(worst(c["runs"], a, k), digits.get(k, 0)),
                                       fmt(worst(c["runs"], b, k), digits.get(k, 0))))
        out.append(table(["K = %s" % case, a + " median", b + " median", "worst (%s / %s)" % (a, b), "ratio",
                          "per-pair ratios"], rows))
        unfinished = ["%s rep %d: %d/%s writable, switched %s" % (r["impl"], r["rep"] + 1, r["writable_at_end"],
                                                                 case, "/".join(map(str, r["switched_at_end"])))
                      for r in c["runs"] if not r["finished"]]
        if unfinished:
            out += ["", "Not finished within %d s: %s." % (data["deadline_s"], "; ".join(unfinished))]
        traces = ["`bench/results/extra/%s` (%s rep %d)" % (r["trace"], r["impl"], r["rep"] + 1)
                  for r in c["runs"] if r.get("trace")]
        if traces:
            out += ["", "Events and logs of the first run of each kind that aborted, TILTed, took more than "
                    "down-after + 5 s or did not finish: " + ", ".join(traces) + "."]
        out += ["", "Load average (1 min) at the kill: " + ", ".join(
            "%s %.1f" % (r["impl"], r["load_at_kill"]) for r in c["runs"]) + ".", ""]
        own = [r for r in c["runs"] if r.get("metrics")]
        if own:
            out += ["Own account of %s (from `/metrics`), kill → end, 3 sentinels summed (every state file write "
                    "fsyncs twice on the core thread); TILT before the kill = sentinels the script waited for:"
                    % own[0]["impl"], ""]
            out.append(table(["run", "all writable (ms)", "state writes", "state write time (s)", "GC pauses",
                              "GC pause time (s)", "TILT (s)", "in TILT before the kill"],
                             [[r["rep"] + 1, fmt(r["all_writable_ms"]), fmt(r["metrics"].get("state_writes")),
                               fmt(r["metrics"].get("state_write_s"), 2), fmt(r["metrics"].get("gc_pauses")),
                               fmt(r["metrics"].get("gc_pause_s"), 2), fmt(r["metrics"].get("tilt_s"), 1),
                               ", ".join(r.get("tilted_before_kill") or []) or "–"] for r in own]))
            out.append("")
        tilted = ["%s rep %d (%s)" % (r["impl"], r["rep"] + 1, ", ".join(r["tilted_before_kill"]))
                  for r in c["runs"] if r.get("tilted_before_kill")]
        if tilted:
            out += ["In TILT when discovery was complete (waited out before the kill): " + "; ".join(tilted) + ".",
                    ""]
    return out


STORM_NAMES = {
    "p50_ms": "p50, warm (ms)", "p99_ms": "p99, warm (ms)", "max_ms": "max, warm (ms)",
    "errors": "errors per storm, warm", "over_900_ms": "replies over 900 ms, warm (%d storms pooled)",
    "cold_p50_ms": "p50, first storm (ms)", "cold_p99_ms": "p99, first storm (ms)",
    "cold_max_ms": "max, first storm (ms)", "cold_errors": "errors, first storm",
    "cold_over_900_ms": "replies over 900 ms, first storm",
    "cpu_ms_per_storm": "sentinel CPU per storm (ms)",
}


def storm_section(data):
    a, b = data["a_label"], data["b_label"]
    reps = len([r for r in data["runs"] if r["impl"] == a])
    backlog = {impl: sorted(set(r["backlog"] for r in data["runs"] if r["impl"] == impl)) for impl in (a, b)}
    out = ["## 6. Reconnect storm", "",
           "%s clients connect to one sentinel at the same instant (non-blocking connects issued back to back from "
           "one epoll loop, standard library Python) and each sends `SENTINEL get-master-addr-by-name` once; latency "
           "is from the start of its connect to the complete reply. Per repetition a fresh sentinel of one kind "
           "(%d each, interleaved) monitors one master with a replica and gets %d storms %.0f s apart, %.0f s after "
           "it discovered the replica: the first is reported apart (\"first storm\"), the other %d pooled "
           "(\"warm\"). Open-file limit of the run: %s (soft, hard); listen backlog (`ss -ltn`): %s %s, %s %s; "
           "net.core.somaxconn %s."
           % (fmt(data["clients"]), reps, data["storms"], data["gap_s"], data["settle_s"], data["storms"] - 1,
              "/".join(map(str, data["nofile"])), a, backlog[a], b, backlog[b], data["somaxconn"]), ""]
    names = dict(STORM_NAMES, over_900_ms=STORM_NAMES["over_900_ms"] % (data["storms"] - 1))
    keys = [k for k in names if data["summary"].get(k)]
    rows = summary_rows(data["summary"], a, b, keys, names, digits=1, runs=data["runs"])
    out.append(table(["metric", a + " median", b + " median", "ratio", "per-pair ratios"], rows))
    overflowed = {impl: (len([st for r in data["runs"] if r["impl"] == impl for st in r["storms"]
                              if st["listen_overflows"]]),
                         len([st for r in data["runs"] if r["impl"] == impl for st in r["storms"]])) for impl in (a, b)}
    out += ["", "Storms in which the accept queue overflowed (the kernel dropped handshakes; those clients retry "
            "their SYN after 1 s): %s %d of %d, %s %d of %d." % (a, overflowed[a][0], overflowed[a][1], b,
                                                                  overflowed[b][0], overflowed[b][1]),
            "", "Accept-queue overflows (TcpExt ListenOverflows, whole machine) and replies over 900 ms, per storm:",
            ""]
    rows = [[r["impl"], r["rep"] + 1, " ".join(str(st["listen_overflows"]) for st in r["storms"]),
             " ".join(str(st["over_900_ms"]) for st in r["storms"]),
             " ".join(fmt(st["connect_spread_ms"]) for st in r["storms"])] for r in data["runs"]]
    out.append(table(["sentinel", "rep", "overflows", "over 900 ms", "connect spread (ms)"], rows))
    out.append("")
    return out


def persist_cells(data, mode, place, k):
    """median over the repetitions of (CPU µs, wall µs, KiB allocated) per write, and the CPU range."""
    runs = [r for r in data["runs"] if r["mode"] == mode and r["place"] == place and r["masters"] == k]
    if not runs:
        return None
    cpu = sorted(r["cpu_us"]["median"] for r in runs)
    wall = [r["wall_us"]["median"] for r in runs]
    alloc = [r["allocated_kib_per_write"] for r in runs]
    return statistics.median(cpu), statistics.median(wall), statistics.median(alloc), (cpu[0], cpu[-1])


def persist_section(data):
    """bench/persist.py: one state write, ours; beside a baseline (an older commit, interleaved) when there is one."""
    baseline = data.get("baseline")
    out = ["## 7. One state write", "",
           "`bench/persist.py`: `ConfigStore.persist` timed in process (PersistBench, with `conf/jvm.flags`), what "
           "our core thread runs before a vote or a new epoch may leave: render, temp file, fsync, rename, fsync of "
           "the directory. K masters as in the mass failover, each knowing one replica and two peers; each write "
           "changes one master's vote and the current epoch. Per write: the thread's CPU time and the wall time "
           "(median of %d writes after %d of warm-up; median over %d JVMs, CPU range in brackets), bytes "
           "allocated. `rewrite`: sentinel.conf rewritten in place (the default); `state-file`: the state file of "
           "a read-only config. `disk`: the temp dir; `tmpfs`: /dev/shm, where fsync has no device behind it, so "
           "what is left is our own CPU. Load average at the start: %s."
           % (data["writes"], data["warmup"], data["reps"], data["load_at_start"]), ""]
    header = ["layout", "on", "K", "CPU (µs)", "wall (µs)", "allocated (KiB)"]
    if baseline:
        header += ["%s: CPU (µs)" % baseline["label"], "wall (µs)", "allocated (KiB)", "CPU ratio"]
    rows = []
    keys = sorted({(r["mode"], r["place"], r["masters"]) for r in data["runs"]},
                  key=lambda x: (x[0] != "rewrite", x[1] != "disk", x[2]))
    for mode, place, k in keys:
        a = persist_cells(data, mode, place, k)
        row = [mode, place, k, "%s [%s-%s]" % (fmt(a[0]), fmt(a[3][0]), fmt(a[3][1])), fmt(a[1]), fmt(a[2], 1)]
        b = persist_cells(baseline, mode, place, k) if baseline else None
        if baseline:
            row += ["–"] * 4 if b is None else ["%s [%s-%s]" % (fmt(b[0]), fmt(b[3][0]), fmt(b[3][1])), fmt(b[1]),
                                                fmt(b[2], 1), ratio(a[0] / b[0])]
        rows.append(row)
    out.append(table(header, rows))
    out += ["", "Measured at `%s`%s." % (data["commit"], ", interleaved with `%s` (%s)" % (
        baseline["commit"], baseline["label"]) if baseline else ""), ""]
    return out


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--results", default="bench/results")
    p.add_argument("--doc", default="docs/benchmarks.md")
    p.add_argument("--command", default="bench/run-all")
    args = p.parse_args()
    failover = load(args.results, "failover")
    throughput = load(args.results, "throughput")
    footprint = load(args.results, "footprint")
    scale = load(args.results, "scale")
    scale_heap = load(args.results, "scale-heap")
    mass = load(args.results, "mass_failover")
    storm = load(args.results, "storm")
    persist = load(args.results, "persist")
    first = failover or throughput or footprint or mass or storm
    lines = ["# Benchmarks: %s vs %s" % (first["a_label"], first["b_label"]), "",
             "Generated by `%s` (bench/report.py) on %s." % (args.command, machine.load(args.results)["date"]),
             "", "- A (%s): `%s`" % (first["a_label"], first["a"]),
             "- B (%s): `%s`" % (first["b_label"], first["b"]), ""]
    lines += machine.section(args.results)
    import targets  # noqa: E402  (late: only the report needs it)
    lines += targets.section(failover, throughput, footprint, scale, mass, storm)
    notes = os.path.join(os.path.dirname(os.path.abspath(__file__)), "notes.md")
    if os.path.exists(notes):
        lines += [open(notes).read().strip(), ""]
    if failover:
        lines += failover_section(failover)
        plot.failover_timeline(failover, os.path.join(os.path.dirname(args.doc), "benchmarks",
                                                      "failover-timeline.png"))
    if throughput:
        lines += throughput_section(throughput)
    if footprint:
        lines += footprint_section(footprint)
    if scale:
        lines += scale_section(scale, scale_heap)
    if mass:
        lines += mass_failover_section(mass)
        plot.mass_failover(mass, os.path.join(os.path.dirname(args.doc), "benchmarks", "mass-failover.png"))
    if storm:
        lines += storm_section(storm)
    if persist:
        lines += persist_section(persist)
    with open(args.doc, "w") as f:
        f.write("\n".join(lines).rstrip() + "\n")
    print("wrote", args.doc, file=sys.stderr)


if __name__ == "__main__":
    main()
