"""The targets we compare against, each with our value, redis-sentinel's, and whether (and by how much) it is met."""


def _row(name, ours, redis, limit, met, miss):
    return "| %s | %s | %s | %s | %s |" % (name, ours, redis, limit, "met" if met else "**missed** " + miss)


def _failover(data, rows):
    s = data["modes"]["sigkill"]["summary"]["write_new_master"]
    a, b = data["a_label"], data["b_label"]
    limit = data["down_after_ms"] + 300
    ours = s[a]
    rows.append(_row("SIGKILL → first write on the new master (median)", "%.0f ms" % ours, "%.0f ms" % s[b],
                     "≤ %d ms (down-after + 300)" % limit, ours <= limit, "by %.0f ms" % (ours - limit)))


def _throughput(data, rows):
    for case, c in data["cases"].items():
        r = c["summary"]["rps"]["ratio"]
        s = c["summary"]["rps"]
        rows.append(_row("throughput `%s`" % case, "%.0f req/s" % s[data["a_label"]],
                         "%.0f req/s" % s[data["b_label"]], "ratio ≥ 1.0 (median %.2f×)" % r, r >= 1.0,
                         "by %.0f%%" % ((1.0 - r) * 100)))


def _footprint(data, rows):
    s = data["summary"]
    a, b = data["a_label"], data["b_label"]
    rss = s["rss_mib"][a]
    rows.append(_row("VmRSS after %d s" % data["settle_s"], "%.1f MiB" % rss, "%.1f MiB" % s["rss_mib"][b],
                     "≤ 64 MiB", rss <= 64, "by %.1f MiB (%.0f%%)" % (rss - 64, (rss / 64 - 1) * 100)))
    ping = s["first_ping_ms"][a]
    rows.append(_row("start → first PONG", "%.0f ms" % ping, "%.0f ms" % s["first_ping_ms"][b], "≤ 500 ms",
                     ping <= 500, "by %.0f ms" % (ping - 500)))
    cpu, rcpu = s["idle_cpu_ms_per_min"][a], s["idle_cpu_ms_per_min"][b]
    limit = 2 * rcpu
    rows.append(_row("idle CPU over %d s" % data["idle_s"], "%.0f ms/min" % cpu, "%.0f ms/min" % rcpu,
                     "≤ 2× redis-sentinel (%.0f ms/min)" % limit, cpu <= limit,
                     "by %.0f ms/min (%.1f× redis-sentinel)" % (cpu - limit, cpu / rcpu if rcpu else float("inf"))))
    if "idle_cpu_late_ms_per_min" in s:
        cpu, rcpu = s["idle_cpu_late_ms_per_min"][a], s["idle_cpu_late_ms_per_min"][b]
        limit = 2 * rcpu
        rows.append(_row("idle CPU over %d s, from %d s after start" % (data["late_idle_s"], data["late_start_s"]),
                         "%.0f ms/min" % cpu, "%.0f ms/min" % rcpu, "≤ 2× redis-sentinel (%.0f ms/min)" % limit,
                         cpu <= limit, "by %.0f ms/min (%.1f× redis-sentinel)"
                         % (cpu - limit, cpu / rcpu if rcpu else float("inf"))))


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


def section(failover, throughput, footprint, scale=None):
    rows = []
    if failover:
        _failover(failover, rows)
    if throughput:
        _throughput(throughput, rows)
    if footprint:
        _footprint(footprint, rows)
    if scale:
        _scale(scale, rows)
    return ["## Targets", "",
            "| target | ours | redis-sentinel | limit | result |", "|---|---|---|---|---|"] + rows + [""]
