#!/usr/bin/env bash
# run-with-keyring.sh CMD [ARGS...]
# Runs CMD inside a private D-Bus session bus with a real Secret Service: gnome-keyring-daemon with a fresh
# HOME and a "login" keyring created and unlocked with a known password (an empty one would make it ask through
# a GUI prompt, which fails headless). Everything is torn down afterwards: the daemon exits with the bus, the
# temporary HOME is removed. Exits with CMD's status.
set -euo pipefail

if [[ -z ${TODO_KEYRING_SESSION:-} ]]; then
    for tool in dbus-run-session gnome-keyring-daemon; do
        if ! command -v "$tool" >/dev/null; then
            echo "run-with-keyring.sh: $tool is missing (scripts/install-deps.sh test installs it)" >&2
            exit 1
        fi
    done
    export TODO_KEYRING_SESSION=1
    exec dbus-run-session -- "$0" "$@"
fi

home=$(mktemp -d "${TMPDIR:-/tmp}/todo-keyring.XXXXXX")
trap 'rm -rf "$home"' EXIT

export HOME=$home
export XDG_CONFIG_HOME=$home/.config XDG_DATA_HOME=$home/.local/share XDG_CACHE_HOME=$home/.cache
export XDG_RUNTIME_DIR=$home/run
mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME"
mkdir -m 700 "$XDG_RUNTIME_DIR"

# The daemon forks, prints its environment (GNOME_KEYRING_CONTROL=...) and owns org.freedesktop.secrets; it
# exits when this session bus goes away.
eval "$(echo -n somepass | gnome-keyring-daemon --unlock --components=secrets | sed 's/^/export /')"

# Wait until the Secret Service answers on this bus (it normally does by the time the daemon has forked).
for _ in $(seq 1 50); do
    if dbus-send --session --print-reply --dest=org.freedesktop.DBus / org.freedesktop.DBus.NameHasOwner \
        string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true'; then
        break
    fi
    sleep 0.1
done

"$@"
