#!/usr/bin/env python3
"""A fault-injecting TCP proxy for the soak run (python3 standard library only).

    proxy.py --listen PORT --upstream PORT --control PORT

Forwards every connection to 127.0.0.1:PORT on 127.0.0.1:--upstream. A line-based control port on
127.0.0.1:--control takes one command per connection and answers one line:

    cut           reset every connection now (SO_LINGER 0, then close: both sides see an RST)
    stall SECONDS black-hole the path for SECONDS: nothing is read or written on any connection, and new
                  connections are accepted but not connected upstream until the stall ends (as when a NAT
                  or Wi-Fi drops packets without telling anyone); then traffic flows again
    stats         one JSON line: connections accepted, open, cut, stalls, bytes each way
    quit          stop the proxy

It never drops bytes inside a stream: a stall delays them, a cut ends the connection.
"""

import argparse
import asyncio
import json
import socket
import struct
import sys
import time


class Proxy:
    def __init__(self, upstream_port):
        self.upstream_port = upstream_port
        self.flowing = asyncio.Event()
        self.flowing.set()
        self.stall_until = 0.0
        self.records = {}  # id -> {"client": writer, "upstream": writer or None}
        self.stats = {"accepted": 0, "cut": 0, "cutCommands": 0, "stalls": 0, "upBytes": 0, "downBytes": 0,
                      "upstreamRefused": 0}
        self.done = asyncio.Event()

    @staticmethod
    def reset(writer):
        if writer is None:
            return
        try:
            sock = writer.get_extra_info("socket")
            if sock is not None:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        except OSError:
            pass
        writer.transport.abort()

    async def pump(self, reader, writer, counter):
        try:
            while True:
                await self.flowing.wait()
                data = await reader.read(65536)
                if not data:
                    break
                await self.flowing.wait()
                writer.write(data)
                self.stats[counter] += len(data)
                await writer.drain()
        except (ConnectionError, OSError, asyncio.CancelledError):
            pass
        finally:
            try:
                writer.close()
            except Exception:
                pass

    async def handle(self, client_reader, client_writer):
        self.stats["accepted"] += 1
        record = {"client": client_writer, "upstream": None}
        self.records[id(record)] = record
        try:
            await self.flowing.wait()
            try:
                up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.upstream_port)
            except OSError:
                self.stats["upstreamRefused"] += 1
                self.reset(client_writer)
                return
            record["upstream"] = up_writer
            await asyncio.gather(self.pump(client_reader, up_writer, "upBytes"),
                                 self.pump(up_reader, client_writer, "downBytes"))
        finally:
            self.records.pop(id(record), None)

    def cut(self):
        self.stats["cutCommands"] += 1
        records = list(self.records.values())
        for record in records:
            self.reset(record["client"])
            self.reset(record["upstream"])
            self.stats["cut"] += 1
        return len(records)

    async def stall(self, seconds):
        self.stats["stalls"] += 1
        self.flowing.clear()
        self.stall_until = time.monotonic() + seconds
        await asyncio.sleep(seconds)
        if time.monotonic() >= self.stall_until:
            self.flowing.set()

    async def control(self, reader, writer):
        try:
            line = (await reader.readline()).decode("ascii", "replace").split()
            answer = "error unknown command"
            if line and line[0] == "cut":
                answer = "ok cut %d" % self.cut()
            elif line and line[0] == "stall" and len(line) == 2:
                asyncio.ensure_future(self.stall(float(line[1])))
                answer = "ok stall %s" % line[1]
            elif line and line[0] == "stats":
                stats = dict(self.stats, open=len(self.records),
                             stalled=not self.flowing.is_set())
                answer = json.dumps(stats)
            elif line and line[0] == "quit":
                answer = "ok quit"
                self.done.set()
            writer.write((answer + "\n").encode())
            await writer.drain()
        except (ConnectionError, OSError, ValueError) as error:
            print("proxy: control: %s" % error, file=sys.stderr)
        finally:
            writer.close()


async def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--listen", type=int, required=True)
    parser.add_argument("--upstream", type=int, required=True)
    parser.add_argument("--control", type=int, required=True)
    args = parser.parse_args()
    proxy = Proxy(args.upstream)
    server = await asyncio.start_server(proxy.handle, "127.0.0.1", args.listen)
    control = await asyncio.start_server(proxy.control, "127.0.0.1", args.control)
    print("proxy: 127.0.0.1:%d -> 127.0.0.1:%d, control on %d" % (args.listen, args.upstream, args.control),
          flush=True)
    await proxy.done.wait()
    server.close()
    control.close()
    proxy.cut()


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        pass
