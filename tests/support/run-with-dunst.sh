#!/usr/bin/env bash
# run-with-dunst.sh CMD [ARGS...]
# Runs CMD with a real notification server: dunst on a private X display (xvfb-run) and a private D-Bus session
# bus (dbus-run-session), with a fresh HOME and a test configuration (markup on, nothing expires, the urgency
# written into the formatted message so that a test can read it back with `dunstctl history`). Exits with CMD's
# status; dunst, the bus and the display go away with it.
set -euo pipefail

if [[ -z ${TODO_DUNST_SESSION:-} ]]; then
    for tool in xvfb-run dbus-run-session dunst dunstctl; do
        if ! command -v "$tool" >/dev/null; then
            echo "run-with-dunst.sh: $tool is missing (scripts/install-deps.sh test installs it)" >&2
            exit 1
        fi
    done
    export TODO_DUNST_SESSION=1
    exec xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- "$0" "$@"
fi

home=$(mktemp -d "${TMPDIR:-/tmp}/todo-dunst.XXXXXX")
dunst_pid=
cleanup() {
    if [[ -n $dunst_pid ]]; then
        kill "$dunst_pid" 2>/dev/null || true
        wait "$dunst_pid" 2>/dev/null || true
    fi
    rm -rf "$home"
}
trap cleanup EXIT

export HOME=$home
export XDG_CONFIG_HOME=$home/.config XDG_DATA_HOME=$home/.local/share XDG_CACHE_HOME=$home/.cache
export XDG_RUNTIME_DIR=$home/run
mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME"
mkdir -m 700 "$XDG_RUNTIME_DIR"

cat >"$home/dunstrc" <<'EOF'
[global]
    markup = full
    notification_limit = 0
    idle_threshold = 0
    history_length = 100
    sticky_history = yes
    format = "%s|%b"
    dmenu = "@DMENU@"
[urgency_low]
    timeout = 0
    format = "LOW:%s|%b"
[urgency_normal]
    timeout = 0
    format = "NORMAL:%s|%b"
[urgency_critical]
    timeout = 0
    format = "CRITICAL:%s|%b"
EOF

# dunst's context menu (dunstctl context) runs this instead of dmenu: it picks the first menu line naming what
# $HOME/dmenu-choice holds (a test writes it), as a person picking from the menu would; nothing without one.
cat >"$home/dmenu.sh" <<'SCRIPT'
#!/bin/sh
choice=$(cat "$HOME/dmenu-choice" 2>/dev/null) || exit 0
[ -n "$choice" ] || exit 0
grep -F -m1 -- "$choice"
SCRIPT
chmod +x "$home/dmenu.sh"
sed -i "s|@DMENU@|$home/dmenu.sh|" "$home/dunstrc"

dunst -config "$home/dunstrc" >"$home/dunst.log" 2>&1 &
dunst_pid=$!

# Wait until dunst owns the name on this bus.
for _ in $(seq 1 100); do
    if dbus-send --session --print-reply --dest=org.freedesktop.DBus / org.freedesktop.DBus.NameHasOwner \
        string:org.freedesktop.Notifications 2>/dev/null | grep -q 'boolean true'; then
        break
    fi
    if ! kill -0 "$dunst_pid" 2>/dev/null; then
        echo "run-with-dunst.sh: dunst exited:" >&2
        cat "$home/dunst.log" >&2
        exit 1
    fi
    sleep 0.1
done

status=0
"$@" || status=$?
if ((status != 0)); then
    echo "--- dunst log" >&2
    cat "$home/dunst.log" >&2
fi
exit $status
