#!/usr/bin/env bash
# bench/prepare.sh TARGET...: what a benchmark run needs before it starts, shared by bench/run.sh and
# bench/burst_spread.sh. Installs what is missing (scripts/install-deps.sh test, Node and npm, the reference clients
# of bench/stompjs with npm ci), then configures build-bench as a Release build without tests and builds TARGETs there.
# Environment: TODO_JOBS (build jobs, 2).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh test
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    apt-get install -y -q --no-install-recommends nodejs npm
fi
(cd bench/stompjs && npm ci --no-audit --no-fund --loglevel=error)
cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DTODO_BUILD_TESTS=OFF >/dev/null
cmake --build build-bench -j"${TODO_JOBS:-2}" --target "$@"
