#!/usr/bin/env bash
# Installs what is missing, builds, and runs Todo Notifier against the embedded demo push server, so that
# todos arrive within seconds with no server of your own. Extra arguments go to the program.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh run
cmake -S . -B build-release -G Ninja -DCMAKE_BUILD_TYPE=Release -DTODO_BUILD_TESTS=OFF >/dev/null
cmake --build build-release -j"${TODO_JOBS:-2}" --target todo-notifier-cli
echo "Listening to the demo push server; a todo arrives every few seconds. Ctrl+C to stop."
exec build-release/app/cli/todo-notifier-cli listen --demo "$@"
