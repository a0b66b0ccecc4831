"""What every benchmark shares: the two sentinel commands, A B A B interleaving, medians and ratios, JSON output."""
import argparse
import json
import os
import signal
import statistics
import sys
import time

# SIGTERM (timeout, kill <pid>) and SIGHUP unwind like Ctrl-C, so every Scope still kills its processes by pid
signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
signal.signal(signal.SIGHUP, lambda *_: sys.exit(129))

# metrics on, as a user runs it: the harness gives each sentinel its own free loopback port for {metrics_port}
OURS = "bin/sentinel {conf} --metrics-port {metrics_port}"
REDIS = "redis-sentinel {conf}"


def parser(description):
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--a", default=OURS, help="sentinel A command, {conf} = the config file, {metrics_port} = a free "
                   "loopback port (default: %(default)s)")
    p.add_argument("--b", default=REDIS, help="sentinel B command (default: %(default)s)")
    p.add_argument("--a-label", default="ours")
    p.add_argument("--b-label", default="redis-sentinel")
    p.add_argument("--out", help="write the results as JSON here")
    return p


def impls(args):
    return [(args.a_label, args.a), (args.b_label, args.b)]


def log(*parts):
    print(time.strftime("%H:%M:%S"), *parts, file=sys.stderr, flush=True)


def interleave(args, reps, run_one):
    """Runs run_one(label, template, rep) for A then B, reps times (B first on odd reps, so neither always
    runs first). Returns [{'impl': label, 'rep': i, **result}]."""
    results = []
    for rep in range(reps):
        order = impls(args) if rep % 2 == 0 else list(reversed(impls(args)))
        for label, template in order:
            log("rep %d/%d %s" % (rep + 1, reps, label))
            result = run_one(label, template, rep)
            log("  ->", json.dumps(result))
            results.append(dict(impl=label, rep=rep, **result))
    return results


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def values(results, impl, key):
    return [r.get(key) for r in sorted((r for r in results if r["impl"] == impl), key=lambda r: r["rep"])]


def pair_ratios(results, a, b, key):
    """ratio A/B per repetition (the pair that ran next to each other)."""
    out = []
    for x, y in zip(values(results, a, key), values(results, b, key)):
        out.append(x / y if x is not None and y not in (None, 0) else None)
    return out


def summary(results, a, b, keys):
    """{key: {a: median, b: median, ratio: median of per-pair ratios, ratios: [...]}}"""
    return {k: {a: median(values(results, a, k)), b: median(values(results, b, k)),
                "ratio": median(pair_ratios(results, a, b, k)), "ratios": pair_ratios(results, a, b, k)}
            for k in keys}


def write_json(path, data):
    if not path:
        print(json.dumps(data, indent=2))
        return
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "w") as f:
        json.dump(data, f, indent=2)
    log("wrote", path)
