#!/usr/bin/python3
"""The soak run's publisher: one todo a second, each with its own id, until told to stop.

    publisher.py --port STOMP_PORT --destination /topic/soak.todos --run-id ID --out DIR [--rate 1]
    publisher.py --ports P1,P2,P3 --destination /amq/queue/todo-cluster --run-id ID --out DIR   (a cluster)

Sends over plain STOMP (Debian's python3-stomp; run with /usr/bin/python3) as guest/guest, every message
`persistent:true` with a receipt. RabbitMQ sends a SEND's receipt once the broker has taken responsibility for the
message (publisher confirm), so a receipted todo must reach the subscriber. The publisher outlives broker restarts:
when the connection drops it reconnects (every second) and sends again every todo whose receipt has not come.
With --ports (a cluster's nodes) a reconnect tries the node after the one it lost first, then the others in turn
(a failover when it lands on another node); a node that accepts TCP but sends no CONNECTED within 10 s (paused) is
given up. On RabbitMQ 3.10 a publisher on a surviving node is disconnected too when the queue's leader dies: it
reconnects and re-sends, so a todo may reach the queue twice (the subscriber's store recognises it), never zero times.

Files in --out:
  published.txt   one todo id per line, appended when its receipt arrives (the confirmed set)
  publisher.json  counters, rewritten every few seconds and at exit: created, confirmed, sends, resends,
                  reconnects, failovers (reconnects to another node), outstanding (created but not confirmed)
SIGTERM (or SIGINT) stops creating todos; the publisher then keeps sending the unconfirmed ones until all are
confirmed or --drain-timeout seconds have passed, writes publisher.json and exits (0: all confirmed, 1: not).
"""

import argparse
import json
import logging
import os
import sys
import threading
import time

import soak_common

try:
    import stomp
except ImportError:
    sys.exit("publisher: cannot import stomp (apt-get install python3-stomp; run with /usr/bin/python3)")

logging.getLogger("stomp.py").setLevel(logging.CRITICAL)

RESEND_AFTER = 30.0  # seconds without a receipt on a live connection
CONNECTED_TIMEOUT = 10.0  # seconds from CONNECT to CONNECTED before the node is given up


def say(text):
    print("%s publisher: %s" % (time.strftime("%H:%M:%S"), text), file=sys.stderr, flush=True)


class Listener(stomp.ConnectionListener):
    def __init__(self, publisher, generation):
        self.publisher = publisher
        self.generation = generation  # the connection it listens to; a late event of an older one is ignored
        self.connected = threading.Event()

    def on_connected(self, frame):
        self.connected.set()

    def on_receipt(self, frame):
        self.publisher.confirm(frame.headers.get("receipt-id", ""))

    def on_disconnected(self):
        self.publisher.lost(self.generation)

    def on_error(self, frame):
        message = frame.headers.get("message", "")
        if message != self.publisher.last_error:
            say("broker ERROR: %s" % message)
        self.publisher.last_error = message


class Publisher:
    def __init__(self, args):
        self.args = args
        self.lock = threading.Lock()
        self.pending = {}  # todo id -> (body, last send time)
        self.confirmed = set()
        self.counters = {"created": 0, "confirmed": 0, "sends": 0, "resends": 0, "reconnects": 0, "failovers": 0,
                         "connectFailures": 0, "lateReceipts": 0}
        self.ports = [int(p) for p in (args.ports or str(args.port)).split(",") if p.strip()]
        self.next_port = 0  # index into ports: where the next connect begins
        self.port = None  # the node of the current (or last) connection
        self.generation = 0
        self.connection = None
        self.connected = False
        self.last_error = None
        self.stopping = False
        os.makedirs(args.out, exist_ok=True)
        self.published = open(os.path.join(args.out, "published.txt"), "a", encoding="utf-8")

    def body(self, n, todo_id):
        now = time.strftime("%Y-%m-%d %H:%M:%S")
        todo = {"id": todo_id, "title": "Soak todo %d" % n, "time": now,
                "handlerUrl": "/service/assets/index.html#/soak?id=%s" % todo_id,
                "metaData": {"urgency": 0, "urgencyText": "普通", "bname": "soak"}}
        return json.dumps({"data": {"menuTipsMap": None, "sysMsgList": [todo], "extraData": None},
                           "fromUserId": None}, ensure_ascii=False)

    def confirm(self, todo_id):
        with self.lock:
            if todo_id in self.confirmed:
                self.counters["lateReceipts"] += 1
                return
            if self.pending.pop(todo_id, None) is None:
                return
            self.confirmed.add(todo_id)
            self.counters["confirmed"] += 1
            self.published.write(todo_id + "\n")
            self.published.flush()

    def lost(self, generation=None):
        with self.lock:
            if generation is not None and generation != self.generation:
                return
            was = self.connected
            self.connected = False
            if was:
                self.next_port = (self.ports.index(self.port) + 1) % len(self.ports)
        if was:
            say("connection to port %s lost; %d todo(s) without a receipt" % (self.port, len(self.pending)))

    def connect(self):
        order = self.ports[self.next_port:] + self.ports[:self.next_port]
        with self.lock:
            self.generation += 1
            generation = self.generation
        connection = stomp.Connection12([("127.0.0.1", p) for p in order], heartbeats=(10000, 10000),
                                        vhost="/", reconnect_attempts_max=1, timeout=5)
        listener = Listener(self, generation)
        connection.set_listener("soak", listener)
        connection.connect("guest", "guest", wait=False)
        if not listener.connected.wait(CONNECTED_TIMEOUT) or not connection.is_connected():
            host = getattr(connection.transport, "current_host_and_port", None)
            self.drop(connection)
            if host and host[1] in self.ports:  # it answered TCP but not STOMP: begin with the next one
                self.next_port = (self.ports.index(host[1]) + 1) % len(self.ports)
            raise ConnectionError("no CONNECTED from %s" % (host,))
        port = connection.transport.current_host_and_port[1]
        with self.lock:
            if self.connection is not None:
                self.counters["reconnects"] += 1
                if port != self.port:
                    self.counters["failovers"] += 1
            self.connection = connection
            self.port = port
            self.connected = True
            resend = list(self.pending.items())
        self.last_error = None
        say("connected to port %d; sending %d todo(s) without a receipt again" % (port, len(resend)))
        for todo_id, (body, _) in resend:
            self.send(todo_id, body, again=True)

    def send(self, todo_id, body, again=False):
        with self.lock:
            connection = self.connection if self.connected else None
            self.pending[todo_id] = (body, time.monotonic() if connection else 0.0)
        if connection is None:
            return
        try:
            connection.send(self.args.destination, body, content_type="application/json;charset=UTF-8",
                            headers={"persistent": "true", "receipt": todo_id, "todo-id": todo_id})
            with self.lock:
                self.counters["sends"] += 1
                if again:
                    self.counters["resends"] += 1
        except Exception:  # stomp.py raises its own and socket errors
            self.lost()

    def ensure_connected(self):
        with self.lock:
            if self.connected:
                return True
        try:
            if self.connection is not None:
                self.drop(self.connection)
            self.connect()
            return True
        except Exception:
            with self.lock:
                self.counters["connectFailures"] += 1
            return False

    @staticmethod
    def drop(connection):
        """Closes a connection that is dead or unusable without waiting for anything from the server."""
        try:
            connection.transport.disconnect_socket()
        except Exception:
            pass

    def resend_stale(self):
        now = time.monotonic()
        with self.lock:
            stale = [(i, b) for i, (b, t) in self.pending.items() if t == 0.0 or now - t > RESEND_AFTER]
        for todo_id, body in stale:
            self.send(todo_id, body, again=True)

    def write_counters(self):
        with self.lock:
            data = dict(self.counters, outstanding=len(self.pending), connected=self.connected,
                        runId=self.args.run_id, stopping=self.stopping)
        soak_common.write_counters(self.args.out, data)

    def run(self):
        interval = 1.0 / self.args.rate
        next_send = time.monotonic()
        next_report = 0.0
        n = 0
        drain_deadline = None
        while True:
            now = time.monotonic()
            if self.stopping and drain_deadline is None:
                drain_deadline = now + self.args.drain_timeout
            up = self.ensure_connected()
            if up:
                self.resend_stale()
            if not self.stopping and now >= next_send:
                n += 1
                todo_id = "%s-%06d" % (self.args.run_id, n)
                with self.lock:
                    self.counters["created"] += 1
                self.send(todo_id, self.body(n, todo_id))
                next_send += interval
                if next_send < now - 5:  # after a long stall, no burst to make up for it
                    next_send = now
            if now >= next_report:
                self.write_counters()
                next_report = now + 5
            if drain_deadline is not None:
                with self.lock:
                    outstanding = len(self.pending)
                if outstanding == 0 or now >= drain_deadline:
                    break
            time.sleep(0.05 if up else 1.0)
        self.write_counters()
        try:
            self.connection.disconnect()
        except Exception:
            pass
        with self.lock:
            return 0 if not self.pending else 1


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--port", type=int, help="the broker's STOMP port")
    p.add_argument("--ports", help="comma-separated STOMP ports of a cluster's nodes (instead of --port)")
    p.add_argument("--destination", required=True)
    p.add_argument("--run-id", required=True, help="prefix of every todo id")
    p.add_argument("--out", required=True, help="directory for published.txt and publisher.json")
    p.add_argument("--rate", type=float, default=1.0, help="todos per second (default 1)")
    p.add_argument("--drain-timeout", type=float, default=90.0)
    args = p.parse_args()
    if not args.port and not args.ports:
        p.error("--port or --ports is required")
    soak_common.run_until_stopped(Publisher(args))


if __name__ == "__main__":
    main()
