#!/usr/bin/env python3
"""Starts each sentinel command once and waits for PING, so a stale build (bin/sentinel builds the jar and its
class data sharing archive on first use) is not counted in any benchmark.

  bench/warmup.py [--a CMD] [--b CMD]
"""
import os
import sys
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
import common  # noqa: E402
from procs import HOST, Scope, free_port, wait_until  # noqa: E402


def main():
    args = common.parser(__doc__).parse_args()
    for label, template in common.impls(args):
        common.log("warm-up: starting", label)
        with Scope() as scope:
            s = scope.sentinel(template, [("warmup", free_port())], name="warmup-" + label, wait=False)
            s.wait_ping(600)  # the first bin/sentinel run may build the jar
            common.log("warm-up:", label, "answers PING")
            if s.metrics_port is not None:
                # the benchmarks run with metrics on: check that the template really turned them on
                lines = wait_until(lambda: scrape(s.metrics_port), 30, label + " /metrics", 0.1)
                common.log("warm-up:", label, "serves /metrics on port %d (%d lines)" % (s.metrics_port, lines))


def scrape(port):
    """Lines of http://127.0.0.1:<port>/metrics, or 0 while it does not answer."""
    try:
        with urllib.request.urlopen("http://%s:%d/metrics" % (HOST, port), timeout=1) as r:
            return len(r.read().splitlines())
    except OSError:
        return 0


if __name__ == "__main__":
    main()
