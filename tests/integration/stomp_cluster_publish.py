#!/usr/bin/python3
"""Publish todos to a RabbitMQ cluster over STOMP/TCP with Debian's stomp.py 8, following the cluster through faults.

Run with /usr/bin/python3 (python3-stomp is only importable there). Example:
  stomp_cluster_publish.py --ports 26813,26823,26833 -d /amq/queue/todo-cluster -n 500 --id-prefix kill-

Every message is a todo {"id": "<prefix><i>", "title": "..."} with `seq:{i}`, `persistent:true` and a receipt of its
own. A message counts as published once its receipt came back. When the connection drops (the node died, or, on
RabbitMQ 3.10, the queue's leader moved away), the publisher connects to the next port in turn and sends again every
message whose receipt it has not seen, in order: so a message may reach the queue twice (its receipt was lost), never
zero times. At most --window messages wait for their receipt at a time.

Prints one JSON line on stdout: {"published": N, "resent": R, "reconnects": K} and exits 0 once every message is
receipted; exits 1 with the reason on stderr when --timeout passes first.
"""

import argparse
import json
import logging
import sys
import threading
import time

try:
    import stomp
except ImportError:
    sys.exit("stomp_cluster_publish: cannot import stomp (apt-get install python3-stomp; run with /usr/bin/python3)")

logging.getLogger("stomp.py").setLevel(logging.CRITICAL)


class Listener(stomp.ConnectionListener):
    def __init__(self):
        self.cond = threading.Condition()
        self.connected = False
        self.down = False
        self.receipts = set()

    def on_connected(self, frame):
        with self.cond:
            self.connected = True
            self.cond.notify_all()

    def on_error(self, frame):  # RabbitMQ closes the connection after an ERROR: treat it as down
        with self.cond:
            self.down = True
            self.cond.notify_all()

    def on_disconnected(self):
        with self.cond:
            self.down = True
            self.cond.notify_all()

    def on_receipt(self, frame):
        with self.cond:
            self.receipts.add(frame.headers.get("receipt-id"))
            self.cond.notify_all()


def parse_args():
    p = argparse.ArgumentParser(description="Publish todos to a STOMP cluster, re-sending what has no receipt.")
    p.add_argument("--ports", required=True, help="comma-separated STOMP ports on 127.0.0.1, tried in turn")
    p.add_argument("--destination", "-d", required=True)
    p.add_argument("--count", "-n", type=int, default=1)
    p.add_argument("--first", type=int, default=0, help="index of the first todo")
    p.add_argument("--id-prefix", default="todo-")
    p.add_argument("--rate", type=float, default=0.0, help="messages per second, 0 = as fast as the window allows")
    p.add_argument("--window", type=int, default=100, help="messages waiting for their receipt at most")
    p.add_argument("--login", default="guest")
    p.add_argument("--passcode", default="guest")
    p.add_argument("--host", default="/", help="STOMP host header (RabbitMQ vhost)")
    p.add_argument("--timeout", type=float, default=120.0, help="seconds until every message must be receipted")
    a = p.parse_args()
    a.ports = [int(x) for x in a.ports.split(",") if x]
    if not a.ports or a.count < 0 or a.window < 1:
        p.error("need --ports, --count >= 0 and --window >= 1")
    return a


def main():
    a = parse_args()
    deadline = time.monotonic() + a.timeout
    pending = {}  # receipt id -> index, sent on the current connection or waiting to be sent again
    receipted = set()
    resent = 0
    reconnects = -1
    next_index = a.first
    end = a.first + a.count
    start = time.monotonic()
    port_turn = 0
    conn = listener = None

    def body(i):
        return json.dumps({"id": "%s%d" % (a.id_prefix, i), "title": "集群待办 %d" % i}, ensure_ascii=False)

    def send(i):
        conn.send(a.destination, body(i), headers={"seq": str(i), "persistent": "true",
                                                   "receipt": "r-%d" % i, "content-type": "application/json"})

    while len(receipted) < a.count:
        if time.monotonic() > deadline:
            sys.exit("stomp_cluster_publish: timed out with %d of %d receipted" % (len(receipted), a.count))
        if conn is None or listener.down:
            if conn is not None:
                try:
                    conn.transport.disconnect_socket()
                except Exception:  # noqa: BLE001 - already gone
                    pass
            port = a.ports[port_turn % len(a.ports)]
            port_turn += 1
            listener = Listener()
            conn = stomp.Connection12([("127.0.0.1", port)], heartbeats=(0, 0), vhost=a.host,
                                      reconnect_attempts_max=1)
            conn.set_listener("l", listener)
            try:
                conn.connect(a.login, a.passcode, wait=False, with_connect_command=True)
                with listener.cond:
                    listener.cond.wait_for(lambda: listener.connected or listener.down, 5)
            except Exception:  # noqa: BLE001 - refused, reset: try the next node
                listener.down = True
            if not listener.connected or listener.down:
                listener.down = True
                time.sleep(0.3)
                continue
            reconnects += 1
            try:
                for rid in sorted(pending, key=pending.get):
                    send(pending[rid])
                    resent += 1
            except Exception:  # noqa: BLE001 - dropped again while re-sending
                listener.down = True
                continue
        with listener.cond:
            done = listener.receipts & set(pending)
        for rid in done:
            receipted.add(pending.pop(rid))
        if next_index < end and len(pending) < a.window:
            if a.rate > 0:
                delay = start + (next_index - a.first) / a.rate - time.monotonic()
                if delay > 0:
                    time.sleep(min(delay, 0.05))
                    continue
            pending["r-%d" % next_index] = next_index
            try:
                send(next_index)
            except Exception:  # noqa: BLE001 - it stays pending and goes out again after the reconnect
                listener.down = True
            next_index += 1
            continue
        with listener.cond:
            listener.cond.wait_for(lambda: listener.down or bool(listener.receipts & set(pending)), 0.2)
    try:
        conn.disconnect()
    except Exception:  # noqa: BLE001
        pass
    print(json.dumps({"published": len(receipted), "resent": resent, "reconnects": reconnects}), flush=True)


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit(130)
