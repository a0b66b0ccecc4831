"""A master, its replicas and sentinels of one kind, plus a client that writes through the sentinels."""
import threading
import time

from procs import wait_until
from resp import Conn, RespError, info_fields, pairs_to_dict, try_call

MASTER = "mymaster"


def start_replication(scope, replicas=2):
    """A master and `replicas` replicas, returned once every replica's link is up."""
    master = scope.redis("master")
    reps = [scope.redis("replica%d" % (i + 1), replica_of=master.port) for i in range(replicas)]
    for r in reps:
        wait_until(lambda: info_fields(r.port).get("master_link_status") == "up", 20, r.name + " link up")
    return master, reps


def replicas_seen(sentinel_port, count):
    """True when the sentinel lists `count` replicas, each with its own INFO read and its link to the master up."""
    reply = try_call(sentinel_port, "SENTINEL", "REPLICAS", MASTER)
    if not isinstance(reply, list) or len(reply) != count:
        return False
    entries = [pairs_to_dict(r) for r in reply]
    return all(e.get("flags") == "slave" and e.get("master-link-status") == "ok" for e in entries)


def peers_seen(sentinel_port, count):
    reply = try_call(sentinel_port, "SENTINEL", "SENTINELS", MASTER)
    return isinstance(reply, list) and len(reply) == count


def start_sentinels(scope, template, master, count=3, replicas=2, **conf):
    sentinels = [scope.sentinel(template, [(MASTER, master.port)], name="sentinel%d" % (i + 1), **conf)
                 for i in range(count)]
    for s in sentinels:
        wait_until(lambda: replicas_seen(s.port, replicas) and peers_seen(s.port, count - 1), 30,
                   s.name + " discovers replicas and peers", 0.05)
    return sentinels


def master_addr(sentinel_port, timeout=0.2):
    reply = try_call(sentinel_port, "SENTINEL", "GET-MASTER-ADDR-BY-NAME", MASTER, timeout=timeout)
    if isinstance(reply, list) and len(reply) == 2:
        return int(reply[1])
    return None


class Writer:
    """Writes every 5 ms to the master the sentinels report; on any error asks a sentinel again (in turn)."""

    def __init__(self, sentinel_ports, timeout=0.2):
        self.sentinel_ports = sentinel_ports
        self.timeout = timeout
        self.successes = []  # (monotonic time, master port)
        self.failures = 0
        self.running = True
        self.thread = threading.Thread(target=self._loop, daemon=True)

    def start(self):
        self.thread.start()
        return self

    def _loop(self):
        port, conn, asked, i = None, None, 0, 0
        while self.running:
            try:
                if port is None:
                    port = master_addr(self.sentinel_ports[asked % len(self.sentinel_ports)], self.timeout)
                    asked += 1
                if port is not None:
                    conn = conn or Conn(port, self.timeout)
                    conn.call("SET", "bench", i)
                    self.successes.append((time.monotonic(), port))
            except (OSError, RespError, ConnectionError):
                self.failures += 1
                if conn:
                    conn.close()
                port, conn = None, None
            i += 1
            time.sleep(0.005)  # the write rate
        if conn:
            conn.close()

    def first_success(self, since, port=None, not_port=None):
        for t, p in list(self.successes):
            if t >= since and (port is None or p == port) and (not_port is None or p != not_port):
                return t
        return None

    def stop(self):
        self.running = False
        self.thread.join(5)
