#!/usr/bin/env python3
"""A lightweight fake Redis master on many ports from one process, for sentinel scale tests: enough of PING, INFO
(server and replication fields of a master without replicas), SUBSCRIBE/PUBLISH (per port, as a real master keeps
its own channels), CLIENT and AUTH for a sentinel to monitor it. Anything else gets Redis's unknown-command error.

  python3 fakeredis.py <file with one port per line>
"""
import asyncio
import os
import sys

HOST = "127.0.0.1"


def bulk(text):
    data = text.encode()
    return b"$%d\r\n%s\r\n" % (len(data), data)


def array(items):
    return b"*%d\r\n" % len(items) + b"".join(i if isinstance(i, bytes) else bulk(i) for i in items)


class FakeMaster:
    def __init__(self, port):
        self.port = port
        self.run_id = os.urandom(20).hex()
        self.channels = {}  # channel -> set of writers

    def info(self):
        return ("# Server\r\nredis_version:7.0.15\r\nredis_mode:standalone\r\nprocess_id:%d\r\nrun_id:%s\r\n"
                "tcp_port:%d\r\nuptime_in_seconds:100\r\n\r\n# Replication\r\nrole:master\r\nconnected_slaves:0\r\n"
                "master_failover_state:no-failover\r\nmaster_replid:%s\r\nmaster_repl_offset:0\r\n"
                % (os.getpid(), self.run_id, self.port, self.run_id))

    def reply(self, args, writer, subscribed):
        cmd = args[0].upper()
        if cmd == b"PING":
            return array([b"$4\r\npong\r\n", b"$0\r\n\r\n"]) if subscribed else b"+PONG\r\n"
        if cmd == b"INFO":
            return bulk(self.info())
        if cmd == b"SUBSCRIBE":
            out = b""
            for ch in args[1:]:
                self.channels.setdefault(ch, set()).add(writer)
                subscribed.add(ch)
                out += array(["subscribe", ch.decode(), b":%d\r\n" % len(subscribed)])
            return out
        if cmd == b"PUBLISH" and len(args) == 3:
            targets = self.channels.get(args[1], set())
            for w in list(targets):
                w.write(array(["message", args[1].decode(), args[2].decode()]))
            return b":%d\r\n" % len(targets)
        if cmd in (b"CLIENT", b"AUTH", b"SELECT"):
            return b"+OK\r\n"
        return b"-ERR unknown command '%s', with args beginning with: \r\n" % args[0]

    async def serve(self, reader, writer):
        subscribed = set()
        try:
            while True:
                args = await read_command(reader)
                if args is None:
                    break
                writer.write(self.reply(args, writer, subscribed))
                await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError, ValueError):
            pass
        finally:
            for ch in subscribed:
                self.channels.get(ch, set()).discard(writer)
            writer.close()


async def read_command(reader):
    line = await reader.readline()
    if not line:
        return None
    if not line.startswith(b"*"):
        return line.split()  # inline command
    args = []
    for _ in range(int(line[1:])):
        n = int((await reader.readline())[1:])
        args.append((await reader.readexactly(n + 2))[:-2])
    return args


async def main(ports):
    for port in ports:
        master = FakeMaster(port)
        await asyncio.start_server(master.serve, HOST, port, reuse_address=True)
    print("ready", len(ports), flush=True)
    await asyncio.Event().wait()


if __name__ == "__main__":
    with open(sys.argv[1]) as f:
        asyncio.run(main([int(line) for line in f if line.strip()]))
