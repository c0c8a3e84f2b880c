#!/usr/bin/python3
"""Writes the soak run's report (Markdown, on stdout) from what bench/soak.sh collected, and decides the verdict.

Exit status 1 when a todo is stored twice, the application did not survive the run, nothing was published, or a
published todo is not in the application's store where the protocol (as the run configured it) promises it; 0
otherwise. Where the protocol cannot promise it, every lost todo is reported with its cause instead.
"""

import argparse
import collections
import datetime
import json
import os
import platform
import re
import sqlite3
import subprocess
import sys

DURABLE_STOMP = ("STOMP with client-individual acknowledgements on a durable queue: at-least-once. A todo the broker "
                 "receipted (persistent, so it survives a broker restart or crash) stays queued until the application "
                 "ACKs it, which it does only once the todo is committed to its store; a delivery cut short is "
                 "delivered again and recognised by the store. Nothing may be lost across a disconnect, none stored "
                 "twice: a lost todo fails the run.")

PROTOCOLS = {
    "stomp-ws": {
        "what": "RabbitMQ Web-STOMP; durable subscription on `/topic/soak.todos`, client-individual acks, heart-beats "
                "10 s; publisher: python3-stomp, one persistent todo a second with a receipt",
        "promise": DURABLE_STOMP,
        "published": "Todos published (receipted by the broker)",
    },
    "stomp-tcp": {
        "what": "RabbitMQ's STOMP port (`stomp://`, STOMP over TCP); durable subscription on `/topic/soak.todos`, "
                "client-individual acks, heart-beats 10 s; publisher: python3-stomp, one persistent todo a second with "
                "a receipt",
        "promise": DURABLE_STOMP,
        "published": "Todos published (receipted by the broker)",
    },
    "sockjs-xhr": {
        "what": "`sockjs-stomp-server.js --no-websocket` (npm sockjs, so SockJS xhr-streaming, with xhr_send for what "
                "the client sends; STOMP 1.2 on top); the server's durable queue `/queue/soak.todos`, client-individual "
                "acks, heart-beats 10 s; publisher: `POST /control/push?destination=/queue/soak.todos`, one todo a "
                "second",
        "promise": "STOMP with client-individual acknowledgements on a durable queue, over SockJS's HTTP streaming: "
                   "at-least-once. The server keeps a queued todo until the ACK that names it comes (the application "
                   "ACKs after committing) and queues what a session had not acknowledged again when the session "
                   "ends. This test server keeps its queues in memory across its (control-API) restarts, as a "
                   "broker keeps durable queues; a crash of the process would lose them, so it is not injected. "
                   "Nothing may be lost: a lost todo fails the run.",
        "published": "Todos published (the server answered 2xx to the push)",
    },
    "json-ws": {
        "what": "`json-ws-server.js --echo-keepalive` (npm ws, a plain JSON WebSocket; the application sends "
                "`{\"keepalive\":\"live\"}` every 10 s and the server echoes it); publisher: `POST /control/push`, one "
                "todo a second",
        "promise": "None by itself: a plain WebSocket has no acknowledgement and no replay, so a todo pushed while the "
                   "client is disconnected, or written to a connection that then breaks, is lost. What recovers it is "
                   "the catch-up URL (`links/pendingListUrl`): after every connect the application GETs the server's "
                   "pending list, which this server keeps with every todo it pushed.",
        "published": "Todos published (the server answered 2xx to the push)",
    },
    "socketio": {
        "what": "`socketio-server.js` (npm socket.io 4, namespace `/`, event `todo`, ping every 10 s, timeout 5 s, "
                "connection state recovery for 60 s); publisher: `POST /control/emit?event=todo`, one todo a second, "
                "emitted without an ack",
        "promise": "A broadcast without an ack is at-most-once. Socket.IO's connection state recovery (this server: "
                   "60 s) replays the broadcasts a session missed when the client comes back in time with its session "
                   "id and offset after its connection dropped (a cut, a stall, `server-drop`), but not after the "
                   "server disconnected it (`server-restart`) nor later than that. The rest only comes back through "
                   "the catch-up URL (`links/pendingListUrl`, the server's pending list of every todo it emitted).",
        "published": "Todos published (the server answered 2xx to the emit)",
    },
    "sse": {
        "what": "`sse-server.js` (npm better-sse, event `todo`, `retry: 300`, a keep-alive comment every second, ids "
                "1, 2, ...); publisher: `POST /control/push`, one todo a second",
        "promise": "Server-Sent Events have no acknowledgement; what the protocol recovers is what the server replays "
                   "after the `Last-Event-ID` the client reconnects with. This server keeps every event (in memory, "
                   "across its control-API restarts) and replays everything after that id, so nothing may be lost: a "
                   "lost todo fails the run. (A server that keeps fewer events, or is restarted without them, loses "
                   "what it no longer has; a todo pushed before the client's first connection is never replayed, so "
                   "the soak publishes after it.)",
        "published": "Todos published (the server answered 2xx to the push)",
    },
}

CLUSTER = ("a three-node RabbitMQ 3.10 cluster (scripts/rabbitmq-cluster-fixture.sh, pause_minority, net_ticktime 10 s), "
           "each node through its own fault-injecting TCP proxy; the quorum queue `/amq/queue/todo-cluster` "
           "(replicated on three nodes), client-individual acks, the application's default prefetch-count, heart-beats 10 s; publisher: "
           "python3-stomp following the cluster (all three STOMP ports, receipts, re-sends what has no receipt after "
           "a reconnect), one persistent todo a second")
CLUSTER_PROMISE = ("A quorum queue confirms (receipts) a message once a majority of its three replicas has it, and "
                   "keeps it until the consumer's ACK: with one node down, paused or restarted at a time the queue "
                   "keeps its majority and elects a new leader, the application fails over to another node's URL and "
                   "is delivered again what it had not acknowledged. At-least-once: nothing may be lost, none stored "
                   "twice (a publisher re-send after a lost receipt reaches the queue twice and is recognised by the "
                   "store).")


def read_lines(path):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return [line.rstrip("\n") for line in f]
    except OSError:
        return []


def mb(kb):
    return "%.1f MB" % (int(kb) / 1024.0)


def log_time(line, day):
    """The wall-clock time of an app.log line (QT_MESSAGE_PATTERN starts with hh:mm:ss.zzz), as unix seconds."""
    m = re.match(r"(\d\d):(\d\d):(\d\d)\.(\d\d\d) ", line)
    if not m:
        return None
    h, mi, s, ms = (int(x) for x in m.groups())
    t = datetime.datetime.combine(day, datetime.time(h, mi, s, ms * 1000))
    return t.timestamp()


def main():
    p = argparse.ArgumentParser()
    for name in ("store", "run-dir", "run-id", "minutes", "elapsed", "catchup", "faults", "rss-warm", "rss-end",
                 "rss-max", "app-alive", "publisher-status", "proxy-stats", "command", "app"):
        p.add_argument("--" + name, required=True)
    p.add_argument("--protocol", default="stomp-ws", choices=sorted(PROTOCOLS))
    p.add_argument("--cluster", default="0")
    p.add_argument("--catch-up", default="0")
    a = p.parse_args()
    run = a.run_dir
    protocol = a.protocol
    cluster = a.cluster == "1"
    catch_up = a.catch_up == "1"
    info = PROTOCOLS[protocol]
    # Where a loss breaks a promise (and fails the run); plain WebSocket and Socket.IO promise it only with catch-up.
    strict = protocol not in ("json-ws", "socketio") or catch_up
    pushed_by_http = protocol in ("sockjs-xhr", "json-ws", "socketio", "sse")

    published = [i for i in read_lines(os.path.join(run, "out", "published.txt")) if i]
    published_set = set(published)
    try:
        with open(os.path.join(run, "out", "publisher.json"), encoding="utf-8") as f:
            pub = json.load(f)
    except (OSError, ValueError):
        pub = {}
    pushes = {}  # todo id -> (unix time, receivers)
    for line in read_lines(os.path.join(run, "out", "pushes.tsv")):
        fields = line.split("\t")
        if len(fields) >= 3:
            try:
                pushes[fields[0]] = (float(fields[1]), int(fields[2]))
            except ValueError:
                pass

    db = sqlite3.connect("file:%s?mode=ro" % a.store, uri=True)
    rows = db.execute("SELECT key, todo_id, deliveries FROM todos").fetchall()
    ours = [r for r in rows if r[1].startswith(a.run_id + "-")]
    others = len(rows) - len(ours)
    by_id = collections.Counter(r[1] for r in ours)
    duplicates = {i: n for i, n in by_id.items() if n > 1}
    stored_set = set(by_id)
    missing = sorted(published_set - stored_set)
    unconfirmed_stored = sorted(stored_set - published_set)  # delivered although the publisher saw no receipt
    redelivered = [r for r in ours if r[2] > 1]
    extra_deliveries = sum(r[2] - 1 for r in redelivered)

    log = read_lines(os.path.join(run, "app.log"))
    connected_re = re.compile(r"connected: STOMP|\b(?:json-ws|sse|socketio) connected to ")
    connects = sum(1 for line in log if connected_re.search(line))
    attempts = sum(1 for line in log if re.search(r"connecting to .* attempt", line))
    catchups = sum(1 for line in log if "catch-up: GET" in line)
    catchup_failed = sum(1 for line in log if "catch-up failed" in line)
    # Failovers: a connection established to another URL than the one before.
    failovers = 0
    url = last_url = None
    for line in log:
        m = re.search(r'connecting to "?([a-z+]+://[^" ]+)"? attempt', line)
        if m:
            url = m.group(1)
        elif connected_re.search(line):
            if last_url is not None and url != last_url:
                failovers += 1
            last_url = url
    notified = collections.Counter(m.group(1) for line in log
                                   for m in [re.search(r'notifying todo "([^"]+)"', line)] if m)
    notified_twice = {k: n for k, n in notified.items() if n > 1}
    warnings = collections.Counter()
    for line in log:
        m = re.search(r" (?:warning|critical|fatal) (.{0,100})", line)
        if m:
            warnings[re.sub(r"\d+", "N", m.group(1))] += 1

    # The app's disconnected periods (for classifying losses): from a "lost"/"ended" line to the next connect.
    day = datetime.date.fromtimestamp(os.path.getmtime(os.path.join(run, "app.log"))) if log else None
    down = []  # (start, end) unix times
    lost_at = None
    for line in log:
        t = log_time(line, day) if day else None
        if t is None:
            continue
        if re.search(r"connection to .* (?:lost|ended for good)", line) and lost_at is None:
            lost_at = t
        elif connected_re.search(line) and lost_at is not None:
            down.append((lost_at, t))
            lost_at = None
    if lost_at is not None:
        down.append((lost_at, float("inf")))

    def cause(todo_id, detail=False):
        """Why a published todo did not reach the store, from the server's count at the push and the app's log."""
        push = pushes.get(todo_id)
        if push is None:
            return "receipted by the broker, never stored"
        when, receivers = push
        if receivers == 0:
            return "pushed while disconnected (no client at the server), no replay in this protocol"
        for start, stop in down:
            if start - 1 <= when <= stop:
                return ("pushed while the client was disconnected (the server still wrote it to the dead connection), "
                        "no replay in this protocol")
        later = [start for start, _ in down if when < start <= when + 60]
        if later:
            return ("written to a connection that broke %.0f s later, no acknowledgement in this protocol"
                    % (later[0] - when) if detail else
                    "written to a connection that broke within a minute, no acknowledgement in this protocol")
        return "delivered to a live connection but not stored (no disconnect within a minute)"

    causes = collections.Counter(cause(i) for i in missing)
    no_receiver = [i for i, (_, n) in pushes.items() if n == 0 and i in published_set]
    no_receiver_stored = sum(1 for i in no_receiver if i in stored_set)

    faults = read_lines(os.path.join(run, "faults.log"))
    rss = [tuple(int(x) for x in line.split("\t")) for line in read_lines(os.path.join(run, "rss.tsv")) if line]
    warm, end, peak = int(a.rss_warm), int(a.rss_end), int(a.rss_max)
    growth = end - warm

    failures = []
    if missing and strict:
        failures.append("%d published todo(s) missing from the store" % len(missing))
    if duplicates:
        failures.append("%d todo(s) stored more than once" % len(duplicates))
    if a.app_alive != "yes":
        failures.append("the application did not survive the run")
    if not published:
        failures.append("nothing was published")
    verdict = "PASS" if not failures else "FAIL: " + "; ".join(failures)

    try:
        qt = subprocess.run(["qtpaths6", "--qt-version"], capture_output=True, text=True).stdout.strip()
    except OSError:
        qt = "?"
    out = []
    w = out.append
    if protocol == "stomp-ws" and not cluster:
        w("# Soak run: %s" % verdict)
    else:
        w("# Soak run, %s%s%s: %s" % (protocol, " on a RabbitMQ cluster" if cluster else "",
                                      "" if catch_up or protocol not in ("json-ws", "socketio")
                                      else " without the catch-up URL", verdict))
    w("")
    w("`%s` — %s, run `%s`, %s min planned, %d s of publishing and faults, catch-up %s s." %
      (a.command, platform.platform(), a.run_id, a.minutes, int(a.elapsed), a.catchup))
    what = CLUSTER if cluster else info["what"]
    if catch_up:
        what += "; the catch-up URL is the server's `/pending` (through the proxy)"
    w("todo-notifier (Release, Qt %s, QT_QPA_PLATFORM=offscreen) through a fault-injecting TCP proxy to %s." %
      (qt or "?", what))
    w("")
    promise = CLUSTER_PROMISE if cluster else info["promise"]
    if protocol in ("json-ws", "socketio"):
        promise += (" This run has the catch-up URL, so nothing may be lost: a lost todo fails the run." if catch_up
                    else " This run has no catch-up URL: a lost todo is reported with its cause and does not fail "
                         "the run.")
    w("**What the protocol promises.** " + promise)
    w("")
    w("| | |")
    w("| --- | --- |")
    if pushed_by_http:
        w("| %s | %d (created %s, POSTs %s, refused and retried %s, still not taken at the end %s) |"
          % (info["published"], len(published), pub.get("created", "?"), pub.get("sends", "?"),
             pub.get("failed", "?"), pub.get("outstanding", "?")))
    else:
        w("| %s | %d (created %s, sends %s, resent %s, publisher reconnects %s%s, still unreceipted at the end %s) |"
          % (info["published"], len(published), pub.get("created", "?"), pub.get("sends", "?"),
             pub.get("resends", "?"), pub.get("reconnects", "?"),
             (", of them failovers to another node %s" % pub.get("failovers", "?")) if cluster else "",
             pub.get("outstanding", "?")))
    w("| Todos stored by the app (this run) | %d distinct ids in %d rows |" % (len(stored_set), len(ours)))
    if pushed_by_http:
        recovery = {"sockjs-xhr": "the queue", "sse": "Last-Event-ID replay",
                    "json-ws": "the catch-up URL" if catch_up else "nothing: no catch-up URL",
                    "socketio": "connection state recovery" + (" or the catch-up URL" if catch_up else "")}[protocol]
        w("| Pushed while no client was connected (the server's count at the push) | %d, of them stored %d "
          "(recovery: %s) |" % (len(no_receiver), no_receiver_stored, recovery))
    label = "Receipted but not stored" if not pushed_by_http else "Published but not stored (lost)"
    w("| %s | %d%s |" % (label, len(missing), (": " + ", ".join(missing[:10])) if missing else ""))
    if missing and pushed_by_http:
        w("| Lost, by cause | %s%s |" % ("; ".join("%s: %d" % (k, n) for k, n in causes.most_common()),
                                        "" if strict else " (the protocol does not promise these: no failure)"))
    w("| Stored twice (same todo id, two rows) | %d%s |" % (len(duplicates), (": " + ", ".join(list(duplicates)[:10]))
                                                          if duplicates else ""))
    if not pushed_by_http:
        w("| Stored without a receipt seen by the publisher | %d (delivered, receipt lost to a fault) |"
          % len(unconfirmed_stored))
    w("| Redelivered and de-duplicated by the store | %d todos, %d extra deliveries%s |"
      % (len(redelivered), extra_deliveries,
         " (every catch-up delivers the whole pending list again)" if catch_up else ""))
    w("| Notifications shown twice for one todo | %d (of %d todos notified one by one; the rest went into burst or "
      "catch-up summaries) |" % (len(notified_twice), len(notified)))
    reconnect_line = "%d, i.e. %d reconnects (%d connection attempts)" % (connects, max(0, connects - 1), attempts)
    if cluster:
        reconnect_line += "; %d failovers to another node's URL" % failovers
    if catch_up:
        reconnect_line += "; %d catch-up GETs (%d failed)" % (catchups, catchup_failed)
    w("| App connections (%s) | %s |" % ("CONNECTED" if protocol in ("stomp-ws", "stomp-tcp", "sockjs-xhr")
                                        else "connected", reconnect_line))
    w("| Faults injected | %d: %s |" % (len([f for f in faults if not f.endswith(" skipped")]), a.faults))
    w("| Proxy | %s |" % a.proxy_stats)
    w("| App resident memory (VmRSS) | after 1 min %s, at the end %s, max %s; growth %s (%+.1f%%) over %d samples |"
      % (mb(warm), mb(end), mb(peak), mb(growth), 100.0 * growth / warm if warm else 0.0, len(rss)))
    server_state = server_summary(run, protocol)
    if server_state:
        w("| Server's view at the end | %s |" % server_state)
    w("| Other rows in the store | %d |" % others)
    w("")
    if faults:
        w("Fault timeline (seconds after publishing started): " + ", ".join(faults)
          + ".")
        w("")
    if missing and pushed_by_http:
        details = []
        for i in missing[:20]:
            when, receivers = pushes.get(i, (0, -1))
            details.append("%s pushed at %s to %d receiver(s): %s" % (
                i, datetime.datetime.fromtimestamp(when).strftime("%H:%M:%S") if when else "?", receivers,
                cause(i, detail=True)))
        w("Lost todos (app disconnected at %s): " % (", ".join(
            "%s-%s" % tuple(datetime.datetime.fromtimestamp(t).strftime("%H:%M:%S") if t != float("inf") else "end"
                            for t in d) for d in down) or "never")
          + "; ".join(details) + ("; ..." if len(missing) > 20 else "") + ".")
        w("")
    if rss:
        step = max(1, len(rss) // 12)
        w("RSS samples (s: MB): " + ", ".join("%d: %.1f" % (t, kb / 1024.0) for t, kb in rss[::step]) + ".")
        w("")
    if warnings:
        w("App warnings (by kind, digits folded): " + "; ".join("%s ×%d" % (k.strip(), n)
                                                            for k, n in warnings.most_common(8)) + ".")
        w("")
    logs = "app.log, publisher.log, proxy*.log, faults.log, rss.tsv"
    if cluster:
        logs += ", cluster.log, cluster/node*/log/"
    elif protocol in ("stomp-ws", "stomp-tcp"):
        logs += ", broker.log"
    else:
        logs += ", server.log, node/server.log, server-state.json, out/pushes.tsv"
    w("Logs: `%s` (%s)." % (os.path.relpath(run), logs))
    print("\n".join(out))
    return 0 if not failures else 1


def server_summary(run, protocol):
    """One line from the Node server's control API, saved by soak.sh at the end as server-state.json."""
    try:
        with open(os.path.join(run, "server-state.json"), encoding="utf-8") as f:
            state = json.load(f)
    except (OSError, ValueError):
        return ""
    try:
        if protocol == "sockjs-xhr":
            sessions = state.get("sessions", [])
            queue = state.get("queues", {}).get("/queue/soak.todos", {})
            transports = collections.Counter(s.get("transport") for s in sessions)
            return ("%d SockJS sessions (%s); queue /queue/soak.todos: acked %s, redelivered %s, pending %s, unacked %s"
                    % (len(sessions), ", ".join("%s %d" % kv for kv in transports.items()), queue.get("acked"),
                       queue.get("redelivered"), queue.get("pending"), queue.get("unacked")))
        if protocol == "sse":
            streams = state if isinstance(state, list) else []
            resumed = [s for s in streams if s.get("lastEventId")]
            return ("%d event streams, %d of them reconnects with Last-Event-ID, %d events replayed to them"
                    % (len(streams), len(resumed), sum(s.get("replayed", 0) for s in streams)))
        if protocol == "json-ws":
            connections = state if isinstance(state, list) else []
            return "%d WebSocket connections" % len(connections)
        if protocol == "socketio":
            sockets = state.get("sockets", [])
            recovered = sum(1 for s in sockets if s.get("recovered"))
            sessions = state.get("sessions", [])
            upgraded = sum(1 for s in sessions if s.get("upgraded"))
            reasons = collections.Counter(s.get("disconnectReason") for s in sockets if s.get("disconnectReason"))
            return ("%d Engine.IO sessions (%d upgraded from polling), %d Socket.IO connections, %d of them recovered "
                    "(missed broadcasts replayed); disconnect reasons: %s"
                    % (len(sessions), upgraded, len(sockets), recovered,
                       ", ".join("%s %d" % kv for kv in reasons.most_common()) or "none"))
    except (AttributeError, TypeError):
        return ""
    return ""


if __name__ == "__main__":
    sys.exit(main())
