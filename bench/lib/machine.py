"""The machine a run happened on: captured once at the start of bench/run-all, rendered into the report."""
import datetime
import json
import os
import subprocess
import sys


def _run(argv):
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=30)
        return (done.stdout + done.stderr).rstrip()
    except OSError as e:
        return "(%s)" % e


def capture():
    model = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")),
                 "?")
    return {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "nproc": _run(["nproc"]),
        "cpu_model": model,
        "free_h": _run(["free", "-h"]),
        "kernel": _run(["uname", "-sr"]),
        "loadavg": open("/proc/loadavg").read().strip(),
        "java": _run(["java", "-version"]).splitlines()[0],
        "redis_sentinel": _run(["redis-sentinel", "--version"]),
        "commit": _run(["git", "rev-parse", "--short", "HEAD"]),
    }


def load(results):
    path = os.path.join(results, "machine.json")
    if not os.path.exists(path):
        return capture()
    with open(path) as f:
        return json.load(f)


def section(results):
    m = load(results)
    return ["## Machine", "",
            "- %s CPUs (nproc), %s; %s" % (m["nproc"], m["cpu_model"], m["kernel"]),
            "- %s; %s" % (m["java"], m["redis_sentinel"]),
            "- commit %s; load average at the start: %s" % (m["commit"], m["loadavg"]),
            "- shared and noisy (other builds and tests ran at the same time): quote the ratios, not the absolute "
            "numbers", "",
            "```", "$ free -h", m["free_h"], "```", ""]


if __name__ == "__main__":
    out = sys.argv[1]
    with open(out, "w") as f:
        json.dump(capture(), f, indent=2)
