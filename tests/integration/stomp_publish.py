#!/usr/bin/python3
"""Publish test messages to a STOMP broker over plain TCP, with Debian's stomp.py 8.

Run with /usr/bin/python3 (python3-stomp is only importable there). Examples:
  stomp_publish.py --destination /queue/todo-test --count 1000 --receipt
  stomp_publish.py --destination /exchange/amq.fanout --body-template '{"n": {i}}' --rate 50
  stomp_publish.py --declare-queue todo-test      # only make sure the durable queue exists
Every message carries `seq:{i}` and `persistent:true` (plus any --header K:V). On success prints
`published N` on stdout (with --times-json one JSON line instead: published, first_send_us, last_send_us in
microseconds since the epoch) and exits 0; on any failure prints the reason on stderr and exits 1.
"""

import argparse
import json
import logging
import os
import sys
import threading
import time
import uuid

try:
    import stomp
except ImportError:
    sys.exit("stomp_publish: cannot import stomp (apt-get install python3-stomp; run with /usr/bin/python3)")


# stomp.py logs socket-level noise as warnings; failures are reported by this script instead.
logging.getLogger("stomp.py").setLevel(logging.CRITICAL)


class Watcher(stomp.ConnectionListener):
    """Records CONNECTED / ERROR / RECEIPT / disconnection so we can wait with timeouts."""

    def __init__(self):
        self.cond = threading.Condition()
        self.connected = False
        self.disconnected = False
        self.error = None
        self.receipts = set()

    def _set(self, **kw):
        with self.cond:
            for k, v in kw.items():
                setattr(self, k, v)
            self.cond.notify_all()

    def on_connected(self, frame):
        self._set(connected=True)

    def on_error(self, frame):
        msg = frame.headers.get("message", "")
        body = (frame.body or "").strip()
        self._set(error=(msg + (": " + body if body else "")) or "ERROR frame")

    def on_disconnected(self):
        self._set(disconnected=True)

    def on_receipt(self, frame):
        with self.cond:
            self.receipts.add(frame.headers.get("receipt-id"))
            self.cond.notify_all()

    def wait(self, predicate, timeout, what):
        deadline = time.monotonic() + timeout
        with self.cond:
            while not predicate():
                if self.error is not None:
                    raise RuntimeError("broker error while waiting for %s: %s" % (what, self.error))
                if self.disconnected:
                    raise RuntimeError("connection closed while waiting for %s" % what)
                left = deadline - time.monotonic()
                if left <= 0:
                    raise RuntimeError("timed out after %gs waiting for %s" % (timeout, what))
                self.cond.wait(left)

    def check(self):
        with self.cond:
            if self.error is not None:
                raise RuntimeError("broker error: %s" % self.error)
            if self.disconnected:
                raise RuntimeError("connection closed by the broker")


def parse_args():
    env = os.environ
    p = argparse.ArgumentParser(description="Publish test messages over STOMP/TCP (stomp.py).")
    p.add_argument("--broker-host", default="127.0.0.1", help="TCP host (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=int(env.get("TODO_RMQ_STOMP_PORT", "26613")),
                   help="STOMP port (default $TODO_RMQ_STOMP_PORT or 26613)")
    p.add_argument("--host", default="/", help="STOMP 'host' header = RabbitMQ vhost (default /)")
    p.add_argument("--login", default=env.get("TODO_RMQ_LOGIN", "guest"))
    p.add_argument("--passcode", default=env.get("TODO_RMQ_PASSCODE", "guest"))
    p.add_argument("--destination", "-d", help="e.g. /queue/todo-test, /topic/x, /exchange/amq.fanout")
    p.add_argument("--count", "-n", type=int, default=1)
    p.add_argument("--body-template", default="message {i}", help="'{i}' is replaced by the index (from 0)")
    p.add_argument("--body-file", help="send this file's content (with '{i}' replaced) instead of --body-template")
    p.add_argument("--header", action="append", default=[], metavar="K:V", help="extra header, repeatable")
    p.add_argument("--timestamp-header", metavar="NAME",
                   help="stamp each message with NAME:<microseconds since the epoch> just before it is sent")
    p.add_argument("--rate", type=float, default=0.0, help="messages per second, 0 = as fast as possible")
    p.add_argument("--receipt", action="store_true",
                   help="request a receipt on the last message and wait for it")
    p.add_argument("--declare-queue", metavar="NAME",
                   help="only make sure the durable queue NAME exists (publishes nothing)")
    p.add_argument("--timeout", type=float, default=30.0, help="seconds to wait for CONNECTED/receipts")
    p.add_argument("--times-json", action="store_true",
                   help="print the count and the first and last send times as one JSON line")
    p.add_argument("--verbose", "-v", action="store_true", help="show stomp.py's own log")
    a = p.parse_args()
    if not a.declare_queue and not a.destination:
        p.error("--destination or --declare-queue is required")
    if a.count < 0 or a.rate < 0:
        p.error("--count and --rate must be >= 0")
    extra = {}
    for h in a.header:
        k, sep, v = h.partition(":")
        if not sep or not k:
            p.error("--header expects K:V, got %r" % h)
        extra[k] = v
    a.extra_headers = extra
    if a.body_file:
        with open(a.body_file, encoding="utf-8") as f:
            a.body_template = f.read()
    return a


def main():
    a = parse_args()
    if a.verbose:
        logging.basicConfig(level=logging.INFO)
        logging.getLogger("stomp.py").setLevel(logging.INFO)
    w = Watcher()
    conn = stomp.Connection12([(a.broker_host, a.port)], heartbeats=(0, 0), vhost=a.host,
                              reconnect_attempts_max=1)
    conn.set_listener("watcher", w)
    try:
        conn.connect(a.login, a.passcode, wait=False, with_connect_command=True)
    except stomp.exception.ConnectFailedException:
        raise RuntimeError("cannot connect to %s:%d" % (a.broker_host, a.port))
    w.wait(lambda: w.connected, a.timeout, "CONNECTED from %s:%d (vhost %r, login %r)"
           % (a.broker_host, a.port, a.host, a.login))

    published = 0
    first_send_us = last_send_us = None
    try:
        if a.declare_queue:
            # RabbitMQ declares /queue/NAME on SUBSCRIBE. Use client acks and prefetch 1 so that at
            # most one already-queued message is handed to us and it is requeued when we leave.
            dest = "/queue/" + a.declare_queue
            conn.subscribe(dest, id="declare", ack="client-individual",
                           headers={"durable": "true", "auto-delete": "false", "prefetch-count": "1"})
            rid = "declare-" + uuid.uuid4().hex
            conn.unsubscribe(id="declare", headers={"receipt": rid})
            w.wait(lambda: rid in w.receipts, a.timeout, "receipt for declaring " + dest)
        else:
            start = time.monotonic()
            last_rid = None
            for i in range(a.count):
                if a.rate > 0:
                    delay = start + i / a.rate - time.monotonic()
                    if delay > 0:
                        time.sleep(delay)
                headers = {"seq": str(i), "persistent": "true"}
                headers.update(a.extra_headers)
                if a.receipt and i == a.count - 1:
                    last_rid = "publish-" + uuid.uuid4().hex
                    headers["receipt"] = last_rid
                w.check()
                body = a.body_template.replace("{i}", str(i))
                send_us = time.time_ns() // 1000
                if a.timestamp_header:
                    headers[a.timestamp_header] = str(send_us)
                if first_send_us is None:
                    first_send_us = send_us
                conn.send(a.destination, body, headers=headers)
                last_send_us = send_us
                published += 1
            if last_rid:
                w.wait(lambda: last_rid in w.receipts, a.timeout, "receipt for the last message")
        # DISCONNECT with a receipt: surfaces an ERROR the broker sent for an earlier frame.
        rid = "bye-" + uuid.uuid4().hex
        conn.send_frame("DISCONNECT", {"receipt": rid})
        w.wait(lambda: rid in w.receipts, a.timeout, "DISCONNECT receipt")
    finally:
        try:
            conn.transport.disconnect_socket()
        except Exception:  # noqa: BLE001 - already closed
            pass
    if a.times_json:
        print(json.dumps({"published": published, "first_send_us": first_send_us, "last_send_us": last_send_us}),
              flush=True)
    else:
        print("published %d" % published, flush=True)


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as e:  # noqa: BLE001 - CLI: report any failure as one clear line
        sys.exit("stomp_publish: %s" % e)
