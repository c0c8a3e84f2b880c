#!/usr/bin/env bash
# Installs what is missing, builds, and runs Todo Notifier against the embedded demo push server, so that
# todos arrive within seconds with no server of your own: the tray application (todo-notifier --demo) on a
# desktop, the headless todo-notifier-cli where there is no display. Extra arguments go to the program.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh run
cmake -S . -B build-release -G Ninja -DCMAKE_BUILD_TYPE=Release -DTODO_BUILD_TESTS=OFF >/dev/null
if [[ -n ${DISPLAY:-} ]]; then
    cmake --build build-release -j"${TODO_JOBS:-2}" --target todo-notifier
    echo "Todo Notifier runs in the system tray on the demo push server; a todo arrives every few seconds."
    echo "Quit it from its tray menu (or Ctrl+C here)."
    exec build-release/app/gui/todo-notifier --demo "$@"
fi
echo "No desktop session here (DISPLAY is not set), so the tray application cannot start: running the" >&2
echo "headless client, todo-notifier-cli, on the demo push server instead." >&2
cmake --build build-release -j"${TODO_JOBS:-2}" --target todo-notifier-cli
echo "Listening to the demo push server; a todo arrives every few seconds. Ctrl+C to stop."
exec build-release/app/cli/todo-notifier-cli listen --demo "$@"
