#!/usr/bin/env python3
"""Starts each sentinel command once and waits for PING, so a stale build (bin/sentinel builds the jar and its
class data sharing archive on first use) is not counted in any benchmark.

  bench/warmup.py [--a CMD] [--b CMD]
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
import common  # noqa: E402
from procs import Scope, free_port  # noqa: E402


def main():
    args = common.parser(__doc__).parse_args()
    for label, template in common.impls(args):
        common.log("warm-up: starting", label)
        with Scope() as scope:
            s = scope.sentinel(template, [("warmup", free_port())], name="warmup-" + label, wait=False)
            s.wait_ping(600)  # the first bin/sentinel run may build the jar
        common.log("warm-up:", label, "answers PING")


if __name__ == "__main__":
    main()
