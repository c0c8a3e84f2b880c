#!/usr/bin/python3
"""The soak run's publisher for the Node test servers: one todo a second through the server's own control API.

    push_publisher.py --server json-ws|socketio|sse|sockjs --port SERVER_PORT --run-id ID --out DIR
                      [--destination /queue/soak.todos] [--rate 1] [--drain-timeout 90]

Every todo has its own id and is POSTed (python3 standard library, a fresh HTTP connection each time) to the server,
not through the soak's proxy:
  json-ws   POST /control/push                      body: the todo object (the server wraps it in its envelope and
                                                    keeps it in its pending list, GET /pending)
  socketio  POST /control/emit?event=todo           body: the todo object (emitted to namespace "/", kept in /pending)
  sse       POST /control/push                      body: {"event":"todo","data":ENVELOPE} (kept for Last-Event-ID)
  sockjs    POST /control/push?destination=D        body: the envelope (D a /queue/...: a durable queue)
A 2xx answer means the server took the todo: it counts as published. Anything else (the port closed by a restart,
an error status) leaves the todo pending, and it is POSTed again a second later, until the server takes it. So a
todo whose answer was lost after the server took it may be pushed twice (the subscriber's store recognises it).

Files in --out:
  published.txt   one todo id per line, appended when the server answered 2xx (the published set)
  pushes.tsv      one line per published todo: id, unix time of the answer, receivers the server counted for it
                  (json-ws: connections written to; socketio: sockets in the namespace; sse: open streams;
                  sockjs: 1 = queued), tries
  publisher.json  counters, rewritten every few seconds and at exit: created, confirmed, sends, resends, failed
                  (POSTs not answered 2xx), outstanding, pushedWhileNoReceiver
SIGTERM (or SIGINT) stops creating todos; the publisher then keeps POSTing the pending ones until all are taken or
--drain-timeout seconds have passed, writes publisher.json and exits (0: all published, 1: not).
"""

import argparse
import http.client
import json
import os
import sys
import time
import urllib.parse

import soak_common


def say(text):
    print("%s push-publisher: %s" % (time.strftime("%H:%M:%S"), text), file=sys.stderr, flush=True)


class Publisher:
    def __init__(self, args):
        self.args = args
        self.pending = {}  # todo id -> [request path, body, tries]
        self.counters = {"created": 0, "confirmed": 0, "sends": 0, "resends": 0, "failed": 0, "outstanding": 0,
                         "pushedWhileNoReceiver": 0}
        self.stopping = False
        self.failing_since = None
        os.makedirs(args.out, exist_ok=True)
        self.published = open(os.path.join(args.out, "published.txt"), "a", encoding="utf-8")
        self.pushes = open(os.path.join(args.out, "pushes.tsv"), "a", encoding="utf-8")

    def todo(self, n, todo_id):
        return {"id": todo_id, "title": "Soak todo %d" % n, "time": time.strftime("%Y-%m-%d %H:%M:%S"),
                "handlerUrl": "/service/assets/index.html#/soak?id=%s" % todo_id,
                "metaData": {"urgency": 0, "urgencyText": "普通", "bname": "soak"}}

    def request(self, n, todo_id):
        todo = self.todo(n, todo_id)
        envelope = {"data": {"menuTipsMap": None, "sysMsgList": [todo], "extraData": None}, "fromUserId": None}
        server = self.args.server
        if server == "json-ws":
            return "/control/push", todo
        if server == "socketio":
            return "/control/emit?event=todo", todo
        if server == "sse":
            return "/control/push", {"event": "todo", "data": envelope}
        return "/control/push?destination=" + urllib.parse.quote(self.args.destination, safe=""), envelope

    def post(self, todo_id):
        path, body, tries = self.pending[todo_id]
        self.pending[todo_id][2] = tries + 1
        self.counters["sends"] += 1
        if tries:
            self.counters["resends"] += 1
        try:
            connection = http.client.HTTPConnection("127.0.0.1", self.args.port, timeout=5)
            connection.request("POST", path, json.dumps(body, ensure_ascii=False).encode("utf-8"),
                               {"Content-Type": "application/json;charset=UTF-8"})
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
            connection.close()
        except (OSError, http.client.HTTPException) as error:
            self.failed("%s" % error)
            return False
        if not 200 <= response.status < 300:
            self.failed("HTTP %d %s" % (response.status, text[:100]))
            return False
        try:
            answer = json.loads(text)
        except ValueError:
            answer = {}
        receivers = answer.get("delivered", answer.get("receivers", -1))
        if receivers == 0:
            self.counters["pushedWhileNoReceiver"] += 1
        del self.pending[todo_id]
        self.counters["confirmed"] += 1
        self.published.write(todo_id + "\n")
        self.published.flush()
        self.pushes.write("%s\t%.3f\t%s\t%d\n" % (todo_id, time.time(), receivers, tries + 1))
        self.pushes.flush()
        if self.failing_since is not None:
            say("the server takes pushes again (after %.1f s)" % (time.monotonic() - self.failing_since))
            self.failing_since = None
        return True

    def failed(self, reason):
        self.counters["failed"] += 1
        if self.failing_since is None:
            self.failing_since = time.monotonic()
            say("push refused (%s); retrying every second" % reason)

    def write_counters(self):
        soak_common.write_counters(self.args.out, dict(self.counters, outstanding=len(self.pending),
                                                       runId=self.args.run_id, stopping=self.stopping,
                                                       reconnects=0, server=self.args.server))

    def run(self):
        interval = 1.0 / self.args.rate
        next_send = time.monotonic()
        next_retry = 0.0
        next_report = 0.0
        n = 0
        drain_deadline = None
        while True:
            now = time.monotonic()
            if self.stopping and drain_deadline is None:
                drain_deadline = now + self.args.drain_timeout
            if self.pending and now >= next_retry:  # the older ones first, in order
                for todo_id in list(self.pending):
                    if not self.post(todo_id):
                        break
                next_retry = now + 1.0
            if not self.stopping and now >= next_send:
                n += 1
                todo_id = "%s-%06d" % (self.args.run_id, n)
                path, body = self.request(n, todo_id)
                self.pending[todo_id] = [path, body, 0]
                self.counters["created"] += 1
                if len(self.pending) == 1:
                    self.post(todo_id)
                next_send += interval
                if next_send < now - 5:
                    next_send = now
            if now >= next_report:
                self.write_counters()
                next_report = now + 5
            if drain_deadline is not None and (not self.pending or now >= drain_deadline):
                break
            time.sleep(0.05)
        self.write_counters()
        return 0 if not self.pending else 1


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--server", required=True, choices=["json-ws", "socketio", "sse", "sockjs"])
    p.add_argument("--port", type=int, required=True, help="the server's port (its control API)")
    p.add_argument("--destination", default="/queue/soak.todos", help="sockjs: the queue")
    p.add_argument("--run-id", required=True, help="prefix of every todo id")
    p.add_argument("--out", required=True, help="directory for published.txt, pushes.tsv and publisher.json")
    p.add_argument("--rate", type=float, default=1.0, help="todos per second (default 1)")
    p.add_argument("--drain-timeout", type=float, default=90.0)
    args = p.parse_args()
    soak_common.run_until_stopped(Publisher(args))


if __name__ == "__main__":
    main()
