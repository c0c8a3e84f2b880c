#!/usr/bin/python3
"""Writes the soak run's report (Markdown, on stdout) from what bench/soak.sh collected, and decides the verdict.

Exit status 1 when a todo the broker receipted is not in the application's store, a todo is stored twice, or the
application did not survive the run; 0 otherwise.
"""

import argparse
import collections
import json
import os
import platform
import re
import sqlite3
import subprocess
import sys


def read_lines(path):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return [line.rstrip("\n") for line in f]
    except OSError:
        return []


def mb(kb):
    return "%.1f MB" % (int(kb) / 1024.0)


def main():
    p = argparse.ArgumentParser()
    for name in ("store", "run-dir", "run-id", "minutes", "elapsed", "catchup", "faults", "rss-warm", "rss-end",
                 "rss-max", "app-alive", "publisher-status", "proxy-stats", "command", "app"):
        p.add_argument("--" + name, required=True)
    a = p.parse_args()
    run = a.run_dir

    published = [i for i in read_lines(os.path.join(run, "out", "published.txt")) if i]
    published_set = set(published)
    try:
        with open(os.path.join(run, "out", "publisher.json"), encoding="utf-8") as f:
            pub = json.load(f)
    except (OSError, ValueError):
        pub = {}

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
    connects = sum(1 for line in log if "connected: STOMP" in line)
    attempts = sum(1 for line in log if re.search(r"connecting to .* attempt", line))
    notified = collections.Counter(m.group(1) for line in log
                                   for m in [re.search(r'notifying todo "([^"]+)"', line)] if m)
    notified_twice = {k: n for k, n in notified.items() if n > 1}
    warnings = collections.Counter()
    for line in log:
        m = re.search(r" (?:warning|critical|fatal) (.{0,100})", line)
        if m:
            warnings[re.sub(r"\d+", "N", m.group(1))] += 1

    faults = read_lines(os.path.join(run, "faults.log"))
    rss = [tuple(int(x) for x in line.split("\t")) for line in read_lines(os.path.join(run, "rss.tsv")) if line]
    warm, end, peak = int(a.rss_warm), int(a.rss_end), int(a.rss_max)
    growth = end - warm

    failures = []
    if missing:
        failures.append("%d receipted todo(s) missing from the store" % len(missing))
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
    w("# Soak run: %s" % verdict)
    w("")
    w("`%s` — %s, run `%s`, %s min planned, %d s of publishing and faults, catch-up %s s." %
      (a.command, platform.platform(), a.run_id, a.minutes, int(a.elapsed), a.catchup))
    w("todo-notifier (Release, Qt %s, QT_QPA_PLATFORM=offscreen) through a fault-injecting TCP proxy to RabbitMQ "
      "Web-STOMP; durable subscription on `/topic/soak.todos`, client-individual acks, heart-beats 10 s; "
      "publisher: python3-stomp, one persistent todo a second with a receipt." % (qt or "?"))
    w("")
    w("| | |")
    w("| --- | --- |")
    w("| Todos published (receipted by the broker) | %d (created %s, sends %s, resent %s, publisher reconnects %s, "
      "still unreceipted at the end %s) |" % (len(published), pub.get("created", "?"), pub.get("sends", "?"),
                                            pub.get("resends", "?"), pub.get("reconnects", "?"),
                                            pub.get("outstanding", "?")))
    w("| Todos stored by the app (this run) | %d distinct ids in %d rows |" % (len(stored_set), len(ours)))
    w("| Receipted but not stored | %d%s |" % (len(missing), (": " + ", ".join(missing[:10])) if missing else ""))
    w("| Stored twice (same todo id, two rows) | %d%s |" % (len(duplicates), (": " + ", ".join(list(duplicates)[:10]))
                                                          if duplicates else ""))
    w("| Stored without a receipt seen by the publisher | %d (delivered, receipt lost to a fault) |"
      % len(unconfirmed_stored))
    w("| Redelivered and de-duplicated by the store | %d todos, %d extra deliveries |"
      % (len(redelivered), extra_deliveries))
    w("| Notifications shown twice for one todo | %d (of %d todos notified one by one; the rest went into burst or "
      "catch-up summaries) |" % (len(notified_twice), len(notified)))
    w("| App connections (CONNECTED) | %d, i.e. %d reconnects (%d connection attempts) |"
      % (connects, max(0, connects - 1), attempts))
    w("| Faults injected | %d: %s |" % (len(faults), a.faults))
    w("| Proxy | %s |" % a.proxy_stats)
    w("| App resident memory (VmRSS) | after 1 min %s, at the end %s, max %s; growth %s (%+.1f%%) over %d samples |"
      % (mb(warm), mb(end), mb(peak), mb(growth), 100.0 * growth / warm if warm else 0.0, len(rss)))
    w("| Other rows in the store | %d |" % others)
    w("")
    if faults:
        w("Fault timeline (seconds after publishing started): " + ", ".join(f.replace(" ", " ") for f in faults) + ".")
        w("")
    if rss:
        step = max(1, len(rss) // 12)
        w("RSS samples (s: MB): " + ", ".join("%d: %.1f" % (t, kb / 1024.0) for t, kb in rss[::step]) + ".")
        w("")
    if warnings:
        w("App warnings (by kind, digits folded): " + "; ".join("%s ×%d" % (k.strip(), n)
                                                            for k, n in warnings.most_common(8)) + ".")
        w("")
    w("Logs: `%s` (app.log, publisher.log, proxy.log, broker.log, faults.log, rss.tsv)." % os.path.relpath(run))
    print("\n".join(out))
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(main())
