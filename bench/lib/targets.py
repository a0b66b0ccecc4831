"""The targets we compare against (issue 10, ours / redis-sentinel in the same run), each with our value,
redis-sentinel's, and whether (and by how much) it is met."""


def _row(name, ours, redis, limit, met, miss):
    """met None: no verdict (a ratio over a zero, as a --quick run's idle CPU can be)."""
    verdict = "–" if met is None else "met" if met else "**missed** " + miss
    return "| %s | %s | %s | %s | %s |" % (name, ours, redis, limit, verdict)


def _ratio_limit(r, sign="≤"):
    return "ratio %s 1.0 (median %s)" % (sign, "–" if r is None else "%.2f×" % r)


def _ratio_met(r, high=False):
    return None if r is None else (r >= 1.0 if high else r <= 1.0)


def _ratio_miss(r):
    return "" if r is None else "by %.0f%%" % (abs(r - 1.0) * 100)


def _failover(data, rows):
    s = data["modes"]["sigkill"]["summary"]["write_new_master"]
    a, b = data["a_label"], data["b_label"]
    limit = data["down_after_ms"] + 300
    ours = s[a]
    rows.append(_row("SIGKILL → first write on the new master (median)", "%.0f ms" % ours, "%.0f ms" % s[b],
                     "≤ %d ms (down-after + 300)" % limit, ours <= limit, "by %.0f ms" % (ours - limit)))


def _throughput(data, rows):
    for case, c in data["cases"].items():
        for key, name, unit, digits, better_high in [("rps", "throughput", "req/s", 0, True),
                                                     ("p99_ms", "p99", "ms", 3, False),
                                                     ("cpu_us_per_request", "CPU per request", "µs", 2, False)]:
            s = c["summary"][key]
            r = s["ratio"]
            rows.append(_row("%s `%s`" % (name, case), ("%.*f %s" % (digits, s[data["a_label"]], unit)),
                             "%.*f %s" % (digits, s[data["b_label"]], unit),
                             _ratio_limit(r, "≥" if better_high else "≤"), _ratio_met(r, better_high),
                             _ratio_miss(r)))


def _footprint(data, rows):
    s = data["summary"]
    a, b = data["a_label"], data["b_label"]
    rss = s["rss_mib"][a]
    rows.append(_row("VmRSS after %d s" % data["settle_s"], "%.1f MiB" % rss, "%.1f MiB" % s["rss_mib"][b],
                     "≤ 48 MiB", rss <= 48, "by %.1f MiB (%.0f%%)" % (rss - 48, (rss / 48 - 1) * 100)))
    ping = s["first_ping_ms"][a]
    rows.append(_row("start → first PONG", "%.0f ms" % ping, "%.0f ms" % s["first_ping_ms"][b], "≤ 300 ms",
                     ping <= 300, "by %.0f ms" % (ping - 300)))
    windows = [("idle_cpu_ms_per_min", "idle CPU over %d s" % data["idle_s"])]
    if "idle_cpu_late_ms_per_min" in s:
        windows.append(("idle_cpu_late_ms_per_min", "idle CPU over %d s, from %d s after start"
                        % (data["late_idle_s"], data["late_start_s"])))
    for key, name in windows:
        cpu, rcpu, r = s[key][a], s[key][b], s[key]["ratio"]
        rows.append(_row(name, "%.0f ms/min" % cpu, "%.0f ms/min" % rcpu, _ratio_limit(r), _ratio_met(r),
                         _ratio_miss(r)))


def _scale(data, rows):
    """1,000 masters on one sentinel: CPU per master no more than redis-sentinel's at 200."""
    big = next((c for c in data["cases"].values() if c["count"] == 1000), None)
    ref = next((c for c in data["cases"].values() if c["count"] == 200), None)
    if not big or not ref:
        return
    a, b = data["a_label"], data["b_label"]
    ours, limit = big["summary"]["cpu_ms_per_min_per_master"][a], ref["summary"]["cpu_ms_per_min_per_master"][b]
    rows.append(_row("CPU per master, 1,000 masters", "%.2f ms/min" % ours,
                     "%.2f ms/min (at 1,000: %.2f)" % (limit, big["summary"]["cpu_ms_per_min_per_master"][b]),
                     "≤ redis-sentinel's at 200 masters", ours <= limit,
                     "by %.2f ms/min (%.2f×)" % (ours - limit, ours / limit if limit else float("inf"))))


def _mass_failover(data, rows):
    """K = 50 and 100: all new masters writable within down-after + 1 s and in <= 0.5x redis-sentinel's time;
    no aborted election in any run (all sentinels healthy)."""
    a, b = data["a_label"], data["b_label"]
    limit = data["down_after_ms"] + 1000
    for case, c in data["cases"].items():
        s = c["summary"].get("all_writable_or_deadline_ms") or c["summary"]["all_writable_ms"]
        runs = [r for r in c["runs"] if r["impl"] == a]
        done = [r for r in runs if r["finished"]]
        if c["count"] >= 50:
            ours = s[a]
            worst = max(r.get("all_writable_or_deadline_ms", r["all_writable_ms"]) or 0 for r in runs)
            text = "%s ms (worst %s)" % (_f(ours), _f(worst)) if len(done) == len(runs) else \
                "%s ms (%d/%d finished in %d s; worst ≥ %s)" % (_f(ours), len(done), len(runs),
                                                                 data["deadline_s"], _f(worst))
            rows.append(_row("mass failover K = %s: all new masters writable (median)" % case, text,
                             "%s ms" % _f(s[b]), "≤ %d ms (down-after + 1 s)" % limit,
                             ours is not None and ours <= limit and len(done) == len(runs),
                             "by %s ms" % _f(ours - limit) if ours is not None else "(not finished)"))
            r = s["ratio"]
            rows.append(_row("mass failover K = %s: ratio of that time" % case, "%.2f×" % r if r else "–", "",
                             "≤ 0.5×", r is not None and r <= 0.5,
                             "(%.2f×)" % r if r is not None else "(not finished)"))
        aborted = sum(r["aborted"] for r in runs)
        rows.append(_row("mass failover K = %s: aborted elections (all runs)" % case,
                         "%d in %d runs" % (aborted, len(runs)),
                         "%d" % sum(r["aborted"] for r in c["runs"] if r["impl"] == b), "0", aborted == 0,
                         "(%s per run)" % ", ".join(str(r["aborted"]) for r in runs)))


def _storm(data, rows):
    s = data["summary"]["p99_ms"]
    a, b = data["a_label"], data["b_label"]
    r = s["ratio"]
    rows.append(_row("reconnect storm, %d clients: p99 (warm)" % data["clients"], "%.1f ms" % s[a], "%.1f ms" % s[b],
                     _ratio_limit(r), _ratio_met(r), _ratio_miss(r)))
    s = data["summary"].get("cold_p99_ms")
    if s:
        r = s["ratio"]
        rows.append(_row("reconnect storm: p99, first storm on a fresh sentinel", "%.1f ms" % s[a],
                         "%.1f ms" % s[b], _ratio_limit(r), _ratio_met(r), _ratio_miss(r)))


def _f(v):
    return "–" if v is None else "{:,.0f}".format(v)


def section(failover, throughput, footprint, scale=None, mass=None, storm=None):
    rows = []
    if failover:
        _failover(failover, rows)
    if mass:
        _mass_failover(mass, rows)
    if throughput:
        _throughput(throughput, rows)
    if storm:
        _storm(storm, rows)
    if footprint:
        _footprint(footprint, rows)
    if scale:
        _scale(scale, rows)
    return ["## Targets", "", "From issue 10; ratios are ours / redis-sentinel, median of the per-pair ratios of "
            "the same run.", "",
            "| target | ours | redis-sentinel | limit | result |", "|---|---|---|---|---|"] + rows + [""]
