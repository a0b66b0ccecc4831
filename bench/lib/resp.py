"""A tiny blocking RESP2 client: enough to talk to redis-server and both sentinels, and to read pub/sub."""
import socket
import threading
import time

HOST = "127.0.0.1"


class RespError(Exception):
    """An error reply (-ERR ...), as opposed to a connection failure (OSError)."""


def encode(args):
    out = [b"*%d\r\n" % len(args)]
    for a in args:
        b = a if isinstance(a, bytes) else str(a).encode()
        out.append(b"$%d\r\n%s\r\n" % (len(b), b))
    return b"".join(out)


class Conn:
    """One connection; replies are decoded to str / int / list / None; error replies raise RespError."""

    def __init__(self, port, timeout=1.0, host=HOST):
        self.sock = socket.create_connection((host, port), timeout=timeout)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.file = self.sock.makefile("rb")

    def call(self, *args):
        self.sock.sendall(encode(args))
        return self.read()

    def send(self, *args):
        self.sock.sendall(encode(args))

    def read(self):
        line = self.file.readline()
        if not line:
            raise ConnectionError("connection closed")
        kind, rest = line[:1], line[1:-2]
        if kind == b"+":
            return rest.decode()
        if kind == b"-":
            raise RespError(rest.decode())
        if kind == b":":
            return int(rest)
        if kind == b"$":
            n = int(rest)
            if n < 0:
                return None
            data = self.file.read(n + 2)
            return data[:-2].decode(errors="replace")
        if kind == b"*":
            n = int(rest)
            return None if n < 0 else [self.read() for _ in range(n)]
        raise ConnectionError("bad reply %r" % line)

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def call(port, *args, timeout=1.0):
    """One command on a fresh connection."""
    with Conn(port, timeout) as c:
        return c.call(*args)


def try_call(port, *args, timeout=1.0):
    """Like call, but None on any failure (refused, timeout, error reply)."""
    try:
        return call(port, *args, timeout=timeout)
    except (OSError, RespError, ConnectionError):
        return None


def info_fields(port, section="replication", timeout=1.0):
    """INFO <section> as a dict, or {} when the server does not answer."""
    text = try_call(port, "INFO", section, timeout=timeout)
    if not text:
        return {}
    return dict(line.split(":", 1) for line in text.split("\r\n") if ":" in line and not line.startswith("#"))


def pairs_to_dict(flat):
    return {flat[i]: flat[i + 1] for i in range(0, len(flat) - 1, 2)}


class EventLog:
    """PSUBSCRIBE * on one sentinel; keeps (monotonic time, channel, message) for every event received."""

    def __init__(self, port, label):
        self.label = label
        self.events = []
        self.conn = Conn(port, timeout=None)
        self.conn.send("PSUBSCRIBE", "*")
        self.conn.read()  # the subscribe confirmation: events after this point are ours
        self.thread = threading.Thread(target=self._loop, daemon=True)
        self.thread.start()

    def _loop(self):
        try:
            while True:
                msg = self.conn.read()
                now = time.monotonic()
                if isinstance(msg, list) and msg[0] == "pmessage":
                    self.events.append((now, msg[2], msg[3]))
        except (OSError, ConnectionError, ValueError):
            return  # closed by close() or the sentinel died

    def first(self, channel, since, prefix=""):
        """Time of the first `channel` event at or after `since` whose message starts with prefix, or None."""
        for t, ch, msg in list(self.events):
            if ch == channel and t >= since and msg.startswith(prefix):
                return t
        return None

    def close(self):
        try:
            self.conn.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.conn.close()
        self.thread.join(2)
