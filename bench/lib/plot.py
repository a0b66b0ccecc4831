"""docs/benchmarks/failover-timeline.png: per phase, the median time after the signal (bar) and the range over
the runs (whisker), ours vs redis-sentinel, one panel per fault."""
import os
import sys

PHASES = [("sdown", "first +sdown"), ("odown", "first +odown"), ("promoted", "+promoted-slave"),
          ("switch_first", "first +switch-master"), ("switch_last", "last +switch-master"),
          ("write_new_master", "first write, new master"), ("replicas_linked", "replica linked to new master")]
COLORS = ["#1f77b4", "#d62728"]


def _values(runs, impl, key):
    return [r[key] for r in runs if r["impl"] == impl and r.get(key) is not None]


def _panel(ax, data, mode, title, xmax):
    """Whiskers beyond xmax (an outlier such as a split vote) are cut there and their value written instead."""
    import statistics
    runs = data["modes"][mode]["runs"]
    labels = [data["a_label"], data["b_label"]]
    height = 0.38
    for i, impl in enumerate(labels):
        ys, meds, lo, hi, labels_at = [], [], [], [], []
        for j, (key, _) in enumerate(PHASES):
            vals = _values(runs, impl, key)
            if not vals:
                continue
            med = statistics.median(vals)
            ys.append(j + (i - 0.5) * height)
            meds.append(med)
            lo.append(med - min(vals))
            hi.append(min(max(vals), xmax) - med)
            text = "%.0f" % med if max(vals) <= xmax else "%.0f (max %.0f →)" % (med, max(vals))
            labels_at.append((min(max(vals), xmax), text))
        ax.barh(ys, meds, height=height, color=COLORS[i], alpha=0.85, label=impl, xerr=[lo, hi], capsize=2,
                error_kw={"elinewidth": 0.8})
        for y, (x, text) in zip(ys, labels_at):
            if x >= xmax:
                ax.text(xmax - 30, y, text, va="center", ha="right", fontsize=7,
                        bbox={"facecolor": "white", "edgecolor": "none", "pad": 1})
            else:
                ax.text(x + 30, y, text, va="center", fontsize=7)
    ax.set_xlim(0, xmax)
    down_after = data["down_after_ms"]
    ax.axvline(down_after, color="gray", linestyle="--", linewidth=0.8)
    ax.axvline(down_after + 300, color="green", linestyle=":", linewidth=0.8)
    ax.set_yticks(range(len(PHASES)))
    ax.set_yticklabels([name for _, name in PHASES], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel("ms after the signal (bar: median, whisker: min–max; dashed: down-after, dotted: +300 ms)",
                  fontsize=8)
    ax.set_title(title, fontsize=10)
    ax.legend(fontsize=8, loc="upper right")


def failover_timeline(data, path):
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib not available (apt-get install -y python3-matplotlib): no plot", file=sys.stderr)
        return False
    modes = [m for m in ("sigkill", "sigstop") if m in data["modes"]]
    titles = {"sigkill": "SIGKILL the master", "sigstop": "SIGSTOP the master"}
    fig, axes = plt.subplots(len(modes), 1, figsize=(9, 3.6 * len(modes)), squeeze=False,
                             sharex=True)
    medians = [v for m in modes for s in data["modes"][m]["summary"].values()
               for k, v in s.items() if k in (data["a_label"], data["b_label"]) and v is not None]
    xmax = max(medians) * 1.35
    for ax, mode in zip(axes[:, 0], modes):
        n = len(_values(data["modes"][mode]["runs"], data["a_label"], "sdown"))
        _panel(ax, data, mode, "%s: failover timeline (%d runs each)" % (titles[mode], n), xmax)
    fig.tight_layout()
    os.makedirs(os.path.dirname(path), exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return True


def mass_failover(data, path):
    """docs/benchmarks/mass-failover.png: per K, the time until all K new masters are writable and until all are
    switched on all 3 sentinels (bar: median, whisker: min-max over the runs), ours vs redis-sentinel, log scale;
    the target (down-after + 1 s) as a line. A run that did not finish counts as the deadline and is noted."""
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib not available (apt-get install -y python3-matplotlib): no plot", file=sys.stderr)
        return False
    import statistics
    labels = [data["a_label"], data["b_label"]]
    cases = list(data["cases"].values())
    fig, axes = plt.subplots(1, 2, figsize=(10, 3.6), sharey=True)
    for ax, key, title in zip(axes, ["all_writable_ms", "all_switched_ms"],
                              ["all K new masters writable", "all K switched on all 3 sentinels"]):
        width = 0.38
        for i, impl in enumerate(labels):
            xs, meds, lo, hi = [], [], [], []
            for j, c in enumerate(cases):
                runs = [r for r in c["runs"] if r["impl"] == impl]
                # a run that did not finish counts as the deadline (a lower bound), marked with ≥
                vals = [r[key] / 1000 if r.get(key) is not None else data["deadline_s"] for r in runs]
                if not vals:
                    continue
                med = statistics.median(vals)
                xs.append(j + (i - 0.5) * width)
                meds.append(med)
                lo.append(med - min(vals))
                hi.append(max(vals) - med)
                unfinished = len([r for r in runs if r.get(key) is None])
                ax.text(xs[-1], max(vals) * 1.08, ("≥ " if unfinished > len(runs) / 2 else "") + "%.1f" % med
                        + (" (%d not done)" % unfinished if unfinished else ""), ha="center", fontsize=7)
            ax.bar(xs, meds, width=width, color=COLORS[i], alpha=0.85, label=impl, yerr=[lo, hi], capsize=2,
                   error_kw={"elinewidth": 0.8})
        ax.axhline(data["down_after_ms"] / 1000 + 1, color="green", linestyle=":", linewidth=0.8,
                   label="down-after + 1 s")
        ax.set_yscale("log")
        top = max([r[key] / 1000 if r.get(key) is not None else data["deadline_s"]
                   for c in cases for r in c["runs"]] + [2])
        ax.set_ylim(0.5, top * 1.8)
        ax.set_xticks(range(len(cases)))
        ax.set_xticklabels(["K = %d" % c["count"] for c in cases])
        ax.set_title(title, fontsize=10)
        ax.set_ylabel("s after the kill (log)", fontsize=8)
        ax.legend(fontsize=7, loc="upper left")
    fig.tight_layout()
    os.makedirs(os.path.dirname(path), exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return True
