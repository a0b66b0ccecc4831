"""What a mass-failover run reads besides the sentinels' events: which promoted replicas accept writes and which
sentinels switched (Poller), counters from our /metrics, and (for diagnostics) strace's count of fsync calls."""
import os
import signal
import subprocess
import time
import urllib.request

from resp import HOST, Conn, RespError, encode

SCRAPED = {"sentinel_state_write_seconds_count": "state_writes", "sentinel_state_write_seconds_sum": "state_write_s",
           "jvm_gc_pause_seconds_count": "gc_pauses", "jvm_gc_pause_seconds_sum": "gc_pause_s",
           "sentinel_tilt_seconds_total": "tilt_s"}


def scrape(proc):
    """Selected counters from a sentinel's /metrics (ours with metrics on), summed over label sets; {} if none."""
    if getattr(proc, "metrics_port", None) is None:
        return {}
    try:
        with urllib.request.urlopen("http://%s:%d/metrics" % (HOST, proc.metrics_port), timeout=5) as r:
            text = r.read().decode()
    except OSError:
        return {}
    out = {}
    for line in text.splitlines():
        name = line.split("{", 1)[0].split(" ", 1)[0]
        if name in SCRAPED:
            out[SCRAPED[name]] = out.get(SCRAPED[name], 0.0) + float(line.rsplit(" ", 1)[1])
    return out


def scraped_delta(before, after):
    """Per metric: the sum over the sentinels of after - before (the kill to the end of the run)."""
    keys = sorted(set(k for d in after for k in d))
    return {k: round(sum(a.get(k, 0) - b.get(k, 0) for a, b in zip(after, before)), 3) for k in keys}


class FsyncCount:
    """strace -c of fsync/fdatasync on every sentinel from the kill to the end (diagnostics only: --strace)."""

    def __init__(self, scope, sentinels, enabled):
        self.runs = []
        if not enabled:
            return
        for s in sentinels:
            out = os.path.join(s.dir, "strace.txt")
            p = subprocess.Popen(["strace", "-f", "--seccomp-bpf", "-c", "-w", "-e", "trace=fsync,fdatasync",
                                  "-o", out, "-p", str(s.pid)], stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL, start_new_session=True)
            scope_proc = _Attached(p)
            scope.procs.append(scope_proc)  # killed with the scope on any failure
            self.runs.append((p, out))
        time.sleep(1.0)  # attach to every thread

    def stop(self):
        """{'fsync': [calls, seconds], ...} summed over the sentinels."""
        totals = {}
        for p, out in self.runs:
            if p.poll() is None:
                os.kill(p.pid, signal.SIGINT)
            p.wait(10)
            for line in open(out) if os.path.exists(out) else []:
                f = line.split()
                if len(f) >= 5 and f[-1] in ("fsync", "fdatasync"):
                    calls = int(f[3])
                    total = totals.setdefault(f[-1], [0, 0.0])
                    total[0] += calls
                    total[1] = round(total[1] + float(f[1]), 3)
        return totals


class _Attached:
    """A Scope entry for a process started outside Scope.add (killed by pid like the others)."""

    def __init__(self, popen):
        self.popen = popen

    def kill(self):
        if self.popen.poll() is None:
            os.kill(self.popen.pid, signal.SIGKILL)
        self.popen.wait()


def pipeline(conn, commands):
    """Sends every command, then reads every reply: a reply is the value, or the RespError it raised."""
    conn.sock.sendall(b"".join(encode(c) for c in commands))
    out = []
    for _ in commands:
        try:
            out.append(conn.read())
        except RespError as e:
            out.append(e)
    return out


class Poller:
    """One connection per promoted replica and per sentinel; each round pipelines a SET to every replica not yet
    writable and get-master-addr-by-name for every master not yet switched on that sentinel."""

    def __init__(self, names, replicas, sentinels, t0):
        self.names, self.replicas, self.sentinels, self.t0 = names, replicas, sentinels, t0
        self.writable = {}  # master index -> seconds after t0
        self.switched = [dict() for _ in sentinels]  # per sentinel: master index -> seconds after t0
        self.conns = {}

    def _conn(self, key, port):
        if key not in self.conns:
            self.conns[key] = Conn(port, timeout=2)
        return self.conns[key]

    def _round(self, key, port, indexes, command, ok):
        """Runs command(i) for every index on one connection; returns the indexes whose reply satisfies ok."""
        if not indexes:
            return []
        try:
            replies = pipeline(self._conn(key, port), [command(i) for i in indexes])
        except (OSError, ConnectionError):
            self._drop(key)
            return []
        return [i for i, r in zip(indexes, replies) if ok(i, r)]

    def _drop(self, key):
        conn = self.conns.pop(key, None)
        if conn:
            conn.close()

    def poll(self):
        now = time.monotonic() - self.t0
        # a replica answers SET with -READONLY until it is promoted: send to every pending one, then read
        sent = []
        for i in [i for i in range(len(self.names)) if i not in self.writable]:
            try:
                self._conn(("r", i), self.replicas[i].port).send("SET", "bench", i)
                sent.append(i)
            except (OSError, ConnectionError):
                self._drop(("r", i))
        for i in sent:
            try:
                if self.conns[("r", i)].read() == "OK":
                    self.writable[i] = time.monotonic() - self.t0
            except RespError:
                pass
            except (OSError, ConnectionError):
                self._drop(("r", i))
        for k, s in enumerate(self.sentinels):
            pending = [i for i in range(len(self.names)) if i not in self.switched[k]]
            done = self._round(("s", k), s.port, pending,
                               lambda i: ("SENTINEL", "GET-MASTER-ADDR-BY-NAME", self.names[i]),
                               lambda i, r: isinstance(r, list) and len(r) == 2
                               and int(r[1]) == self.replicas[i].port)
            at = time.monotonic() - self.t0
            for i in done:
                self.switched[k][i] = at
        return now

    def done(self):
        return len(self.writable) == len(self.names) and all(len(s) == len(self.names) for s in self.switched)

    def close(self):
        for c in self.conns.values():
            c.close()
