"""Processes for the benchmarks: redis-server and sentinels on free loopback ports, each in its own temp dir.

Everything started through a Scope is killed by pid (SIGCONT first, in case it was stopped, then SIGKILL) and
its temp dir removed when the scope closes, also on errors and Ctrl-C.
"""
import os
import shlex
import shutil
import signal
import socket
import subprocess
import tempfile
import time

from resp import HOST, try_call

CLK_TCK = os.sysconf("SC_CLK_TCK")
_handed_out = set()


def free_port():
    """A port nothing listens on now, never handed out twice in this run (the kernel may reuse it otherwise)."""
    while True:
        with socket.socket() as s:
            s.bind((HOST, 0))
            port = s.getsockname()[1]
        if port not in _handed_out and port < 60000:
            _handed_out.add(port)
            return port


def wait_until(predicate, timeout, what, poll=0.01):
    """Polls predicate until it returns a truthy value (returned) or the deadline passes (TimeoutError)."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError("timed out after %.1f s waiting for %s" % (timeout, what))
        time.sleep(poll)


def sentinel_argv(template, conf, metrics_port=None):
    """'bin/sentinel {conf} --metrics-port {metrics_port}' -> argv; without {conf}, the file goes right after the
    program. {metrics_port} is replaced by metrics_port (a free loopback port the caller chose)."""
    # the process runs in its temp dir: relative paths (bin/sentinel) are made absolute
    words = [os.path.abspath(w) if "/" in w and not os.path.isabs(w) and os.path.exists(w) else w
             for w in shlex.split(template)]
    words = [w.replace("{metrics_port}", str(metrics_port)) for w in words]
    if "{conf}" in template:
        return [w.replace("{conf}", conf) for w in words]
    return words[:1] + [conf] + words[1:]


def sentinel_conf(port, workdir, masters, down_after=1000, failover_timeout=10000, quorum=2):
    """sentinel.conf text; masters is a list of (name, port)."""
    lines = ["port %d" % port, "bind %s" % HOST, "daemonize no", 'logfile ""', 'dir "%s"' % workdir]
    for name, master_port in masters:
        lines += ["sentinel monitor %s %s %d %d" % (name, HOST, master_port, quorum),
                  "sentinel down-after-milliseconds %s %d" % (name, down_after),
                  "sentinel failover-timeout %s %d" % (name, failover_timeout)]
    return "\n".join(lines) + "\n"


class Proc:
    def __init__(self, scope, argv, name, port, workdir):
        self.scope, self.argv, self.name, self.port, self.dir = scope, argv, name, port, workdir
        self.log_path = os.path.join(workdir, name + ".log")
        self.popen = None
        self.started_at = None
        self.start()

    def start(self):
        log = open(self.log_path, "ab")
        self.started_at = time.monotonic()
        self.popen = subprocess.Popen(self.argv, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                      cwd=self.dir, start_new_session=True)
        log.close()
        return self

    @property
    def pid(self):
        return self.popen.pid

    def alive(self):
        return self.popen is not None and self.popen.poll() is None

    def signal(self, sig):
        if self.alive():
            os.kill(self.pid, sig)

    def kill(self):
        if self.popen is None:
            return
        if self.alive():
            os.kill(self.pid, signal.SIGCONT)
            os.kill(self.pid, signal.SIGKILL)
        self.popen.wait()

    def answers_ping(self, timeout=0.5):
        return try_call(self.port, "PING", timeout=timeout) == "PONG"

    def wait_ping(self, timeout=60):
        return wait_until(lambda: self.answers_ping() or self._check_alive(), timeout, self.name + " PING", 0.005)

    def _check_alive(self):
        if not self.alive():
            raise RuntimeError("%s exited with %s:\n%s" % (self.name, self.popen.returncode, self.log_tail(2000)))
        return False

    def log_tail(self, chars):
        with open(self.log_path, errors="replace") as f:
            return f.read()[-chars:]

    def cpu_seconds(self):
        """utime + stime of the process (not its children), from /proc/<pid>/stat."""
        with open("/proc/%d/stat" % self.pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLK_TCK

    def rss_kib(self):
        with open("/proc/%d/status" % self.pid) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        return None


class Scope:
    """Owns processes and temp dirs; closing it kills every process by pid and removes every dir."""

    def __init__(self):
        self.procs, self.dirs = [], []

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def mkdtemp(self, prefix):
        d = tempfile.mkdtemp(prefix="bench-%s-" % prefix)
        self.dirs.append(d)
        return d

    def add(self, argv, name, port, workdir):
        p = Proc(self, argv, name, port, workdir)
        self.procs.append(p)
        return p

    def redis(self, name="redis", replica_of=None, port=None, wait=True):
        """A redis-server; wait=False returns at once (start many, then wait_ping each)."""
        port = port or free_port()
        workdir = self.mkdtemp(name)
        argv = ["redis-server", "--port", str(port), "--bind", HOST, "--save", "", "--appendonly", "no",
                "--dir", workdir, "--daemonize", "no", "--logfile", "", "--repl-diskless-sync-delay", "0"]
        if replica_of:
            argv += ["--replicaof", HOST, str(replica_of)]
        p = self.add(argv, name, port, workdir)
        if wait:
            p.wait_ping(10)
        return p

    def sentinel(self, template, masters, name="sentinel", wait=True, **conf_options):
        """A sentinel from a command template, with a fresh sentinel.conf monitoring masters [(name, port)]."""
        port = free_port()
        workdir = self.mkdtemp(name)
        conf = os.path.join(workdir, "sentinel.conf")
        with open(conf, "w") as f:
            f.write(sentinel_conf(port, workdir, masters, **conf_options))
        metrics_port = free_port() if "{metrics_port}" in template else None
        p = self.add(sentinel_argv(template, conf, metrics_port), name, port, workdir)
        p.metrics_port = metrics_port  # None: the template asks for no metrics port
        if wait:
            p.wait_ping(60)
        return p

    def close(self):
        for p in reversed(self.procs):
            try:
                p.kill()
            except OSError:
                pass
        for d in self.dirs:
            shutil.rmtree(d, ignore_errors=True)
        self.procs, self.dirs = [], []
