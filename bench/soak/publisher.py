#!/usr/bin/python3
"""The soak run's publisher: one todo a second, each with its own id, until told to stop.

    publisher.py --port STOMP_PORT --destination /topic/soak.todos --run-id ID --out DIR [--rate 1]

Sends over plain STOMP (Debian's python3-stomp; run with /usr/bin/python3) as guest/guest, every message
`persistent:true` with a receipt. RabbitMQ sends a SEND's receipt once the broker has taken responsibility for the
message (publisher confirm), so a receipted todo must reach the subscriber. The publisher outlives broker restarts:
when the connection drops it reconnects (every second) and sends again every todo whose receipt has not come.

Files in --out:
  published.txt   one todo id per line, appended when its receipt arrives (the confirmed set)
  publisher.json  counters, rewritten every few seconds and at exit: created, confirmed, sends, resends,
                  reconnects, outstanding (created but not confirmed)
SIGTERM (or SIGINT) stops creating todos; the publisher then keeps sending the unconfirmed ones until all are
confirmed or --drain-timeout seconds have passed, writes publisher.json and exits (0: all confirmed, 1: not).
"""

import argparse
import json
import logging
import os
import signal
import sys
import threading
import time

try:
    import stomp
except ImportError:
    sys.exit("publisher: cannot import stomp (apt-get install python3-stomp; run with /usr/bin/python3)")

logging.getLogger("stomp.py").setLevel(logging.CRITICAL)

RESEND_AFTER = 30.0  # seconds without a receipt on a live connection


def say(text):
    print("%s publisher: %s" % (time.strftime("%H:%M:%S"), text), file=sys.stderr, flush=True)


class Listener(stomp.ConnectionListener):
    def __init__(self, publisher):
        self.publisher = publisher

    def on_receipt(self, frame):
        self.publisher.confirm(frame.headers.get("receipt-id", ""))

    def on_disconnected(self):
        self.publisher.lost()

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
        self.counters = {"created": 0, "confirmed": 0, "sends": 0, "resends": 0, "reconnects": 0,
                         "connectFailures": 0, "lateReceipts": 0}
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

    def lost(self):
        with self.lock:
            was = self.connected
            self.connected = False
        if was:
            say("connection lost; %d todo(s) without a receipt" % len(self.pending))

    def connect(self):
        connection = stomp.Connection12([("127.0.0.1", self.args.port)], heartbeats=(10000, 10000),
                                        vhost="/", reconnect_attempts_max=1, timeout=5)
        connection.set_listener("soak", Listener(self))
        connection.connect("guest", "guest", wait=True)
        with self.lock:
            if self.connection is not None:
                self.counters["reconnects"] += 1
            self.connection = connection
            self.connected = True
            resend = list(self.pending.items())
        self.last_error = None
        say("connected; sending %d todo(s) without a receipt again" % len(resend))
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
                try:
                    self.connection.disconnect()
                except Exception:
                    pass
            self.connect()
            return True
        except Exception:
            with self.lock:
                self.counters["connectFailures"] += 1
            return False

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
        tmp = os.path.join(self.args.out, "publisher.json.tmp")
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(data, f)
        os.replace(tmp, os.path.join(self.args.out, "publisher.json"))

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
    p.add_argument("--port", type=int, required=True, help="the broker's STOMP port")
    p.add_argument("--destination", required=True)
    p.add_argument("--run-id", required=True, help="prefix of every todo id")
    p.add_argument("--out", required=True, help="directory for published.txt and publisher.json")
    p.add_argument("--rate", type=float, default=1.0, help="todos per second (default 1)")
    p.add_argument("--drain-timeout", type=float, default=90.0)
    args = p.parse_args()
    publisher = Publisher(args)

    def stop(signum, frame):
        publisher.stopping = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    sys.exit(publisher.run())


if __name__ == "__main__":
    main()
