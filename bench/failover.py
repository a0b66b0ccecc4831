#!/usr/bin/env python3
"""Failover time: 1 master + 2 replicas + 3 sentinels of one kind (quorum 2, down-after 1000 ms, failover-timeout
10000 ms) and a client writing every 5 ms through the sentinels. The master is SIGKILLed (or SIGSTOPped, or
SIGKILLed and restarted on its port within down-after); every phase is timed from the signal, in ms.

  bench/failover.py [--a CMD] [--b CMD] [--reps 5] [--variant-reps 3] [--out FILE]
"""
import os
import signal
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
import common  # noqa: E402
from cluster import MASTER, Writer, start_replication, start_sentinels  # noqa: E402
from procs import Scope, wait_until  # noqa: E402
from resp import EventLog, info_fields  # noqa: E402

DOWN_AFTER_MS = 1000
PHASES = ["sdown", "odown", "promoted", "switch_first", "switch_last", "write_new_master", "replicas_linked"]
RESTART_KEYS = ["write_resumed", "replicas_resynced", "sdown", "odown", "switch_first"]


def ms(t, t0):
    return None if t is None else round((t - t0) * 1000, 1)


def earliest(logs, channel, t0, prefix=""):
    times = [t for t in (log.first(channel, t0, prefix) for log in logs) if t is not None]
    return min(times) if times else None


def switch_target(logs, t0):
    """The new master's port from the first +switch-master ('mymaster ip old-port ip new-port')."""
    for log in logs:
        for t, ch, msg in list(log.events):
            if ch == "+switch-master" and t >= t0:
                return int(msg.split()[4])
    return None


def replicas_linked_to(replicas, new_port):
    others = [r for r in replicas if r.port != new_port]
    return all(info_fields(r.port, timeout=0.2).get("master_port") == str(new_port)
               and info_fields(r.port, timeout=0.2).get("master_link_status") == "up" for r in others)


def measure_failover(logs, writer, replicas, old_port, t0, timeout=60):
    """Polls until every phase has happened (or the deadline); returns {phase: ms since t0}."""
    linked_at, new_port = None, None
    deadline = t0 + timeout
    while time.monotonic() < deadline:
        new_port = new_port or switch_target(logs, t0)
        if new_port and linked_at is None and replicas_linked_to(replicas, new_port):
            linked_at = time.monotonic()
        switches = [log.first("+switch-master", t0) for log in logs]
        write_new = writer.first_success(t0, not_port=old_port)
        if linked_at and write_new and all(switches):
            break
        time.sleep(0.01)
    switches = [log.first("+switch-master", t0) for log in logs]
    seen = [s for s in switches if s is not None]
    return {
        "sdown": ms(earliest(logs, "+sdown", t0, "master " + MASTER), t0),
        "odown": ms(earliest(logs, "+odown", t0), t0),
        "promoted": ms(earliest(logs, "+promoted-slave", t0), t0),
        "switch_first": ms(min(seen), t0) if seen else None,
        "switch_last": ms(max(seen), t0) if len(seen) == len(switches) else None,
        "write_new_master": ms(writer.first_success(t0, not_port=old_port), t0),
        "replicas_linked": ms(linked_at, t0),
        "new_master_port_changed": new_port is not None and new_port != old_port,
    }


def measure_restart(logs, writer, master, t0, watch_s):
    """After a kill and quick restart: when writes resume and both replicas resync, and whether anything failed
    over in the next watch_s seconds."""
    resynced_at = None
    end = t0 + watch_s
    while time.monotonic() < end:
        if resynced_at is None:
            f = info_fields(master.port, timeout=0.2)
            online = [k for k, v in f.items() if k.startswith("slave") and "state=online" in v]
            if f.get("role") == "master" and len(online) == 2:
                resynced_at = time.monotonic()
        time.sleep(0.01)
    odown = earliest(logs, "+odown", t0)
    switch = earliest(logs, "+switch-master", t0)
    return {
        "write_resumed": ms(writer.first_success(master.started_at, port=master.port), t0),  # after the restart
        "replicas_resynced": ms(resynced_at, t0),
        "sdown": ms(earliest(logs, "+sdown", t0, "master " + MASTER), t0),
        "odown": ms(odown, t0),
        "switch_first": ms(switch, t0),
        "failover": switch is not None or earliest(logs, "+try-failover", t0) is not None,
    }


def run_once(template, mode, restart_delay):
    with Scope() as scope:
        master, replicas = start_replication(scope)
        sentinels = start_sentinels(scope, template, master, down_after=DOWN_AFTER_MS, failover_timeout=10000)
        logs = [EventLog(s.port, s.name) for s in sentinels]
        writer = Writer([s.port for s in sentinels]).start()
        try:
            wait_until(lambda: len(writer.successes) > 20, 10, "the writer writes")
            time.sleep(0.2)
            t0 = time.monotonic()
            master.signal(signal.SIGSTOP if mode == "sigstop" else signal.SIGKILL)
            if mode == "restart":
                master.popen.wait()
                time.sleep(restart_delay)  # within down-after
                master.start()
                return measure_restart(logs, writer, master, t0, watch_s=DOWN_AFTER_MS / 1000 + 7)
            return measure_failover(logs, writer, replicas, master.port, t0)
        finally:
            writer.stop()
            for log in logs:
                log.close()


def main():
    p = common.parser(__doc__)
    p.add_argument("--reps", type=int, default=5, help="SIGKILL repetitions per implementation")
    p.add_argument("--variant-reps", type=int, default=3, help="SIGSTOP and restart repetitions")
    p.add_argument("--modes", default="sigkill,sigstop,restart")
    p.add_argument("--restart-delay", type=float, default=0.8, help="seconds between SIGKILL and restart")
    args = p.parse_args()
    a, b = args.a_label, args.b_label
    out = {"a": args.a, "b": args.b, "a_label": a, "b_label": b, "down_after_ms": DOWN_AFTER_MS,
           "restart_delay_ms": args.restart_delay * 1000, "modes": {}}
    for mode in args.modes.split(","):
        reps = args.reps if mode == "sigkill" else args.variant_reps
        common.log("failover mode", mode)
        runs = common.interleave(args, reps, lambda label, template, rep: run_once(template, mode, args.restart_delay))
        keys = RESTART_KEYS if mode == "restart" else PHASES
        out["modes"][mode] = {"runs": runs, "summary": common.summary(runs, a, b, keys)}
    common.write_json(args.out, out)


if __name__ == "__main__":
    main()
