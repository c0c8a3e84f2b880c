"""What the soak's publishers share."""

import json
import os
import signal
import sys


def write_counters(out_dir, data):
    """Writes DATA to OUT_DIR/publisher.json atomically (the soak reads it while the publisher runs)."""
    tmp = os.path.join(out_dir, "publisher.json.tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(data, f)
    os.replace(tmp, os.path.join(out_dir, "publisher.json"))


def run_until_stopped(publisher):
    """Runs PUBLISHER until it is done; SIGTERM or SIGINT asks it to stop publishing and drain. Exits with its code."""

    def stop(signum, frame):
        publisher.stopping = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    sys.exit(publisher.run())
