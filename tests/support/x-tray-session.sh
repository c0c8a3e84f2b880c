# shellcheck shell=bash
# x-tray-session.sh: sourced (not run) by tests/e2e/tray-e2e.sh, bench/tray_resources.sh and
# bench/heaptrack_idle.sh. A private X display (Xvfb) with trayer as the system tray, dunst as the notification
# server, and how to find a window trayer has embedded.
# The caller keeps an array `pids` of processes to stop at exit (newest last; these functions append to it, and
# stop_pids stops them).
# Needs: Xvfb, xwininfo (x11-utils), trayer; dunst and dbus-send for start_dunst.

# stop_pids: stops the processes in `pids`, the newest first (the X server, started first, last).
stop_pids() {
    local i
    for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
        kill "${pids[i]}" 2>/dev/null || true
        wait "${pids[i]}" 2>/dev/null || true
    done
}

# poll SECONDS COMMAND...: runs COMMAND every 0.1 s until it succeeds; false after SECONDS.
poll() {
    local deadline=$((SECONDS + $1))
    shift
    until "$@"; do
        if ((SECONDS >= deadline)); then
            return 1
        fi
        sleep 0.1
    done
}

# start_x LOG: an X server on a random free display number, exported as DISPLAY; false if none started. Not Xvfb
# -displayfd: it takes the lowest number whose lock file looks stale, and a lock held by an X server in another PID
# namespace (another sandbox sharing /tmp and the network namespace) looks stale, so two servers would answer on
# one display.
start_x() {
    local log=$1 number
    unset XAUTHORITY
    for _ in $(seq 1 20); do
        number=$((200 + RANDOM % 700))
        if [[ -e /tmp/.X$number-lock ]] || grep -aq "/tmp/.X11-unix/X$number\$" /proc/net/unix; then
            continue
        fi
        Xvfb ":$number" -screen 0 1280x800x24 -nolisten tcp >"$log" 2>&1 &
        x_pid=$!
        export DISPLAY=:$number
        x_ready() { kill -0 "$x_pid" 2>/dev/null && xwininfo -root >/dev/null 2>&1; }
        if poll 10 x_ready; then
            pids+=("$x_pid")
            return 0
        fi
        kill "$x_pid" 2>/dev/null || true
        wait "$x_pid" 2>/dev/null || true
    done
    return 1
}

# start_trayer LOG: trayer as the system tray; false unless its panel window is up (it owns _NET_SYSTEM_TRAY_S0
# once the panel exists).
start_trayer() {
    trayer --edge top --align right --widthtype request --height 24 --SetDockType true --transparent false \
        --tint 0x303030 >"$1" 2>&1 &
    pids+=($!)
    poll 10 bash -c 'xwininfo -root -tree | grep -q "(\"panel\" \"trayer\")"'
}

# start_dunst LOG [DUNST OPTIONS...]: dunst as the notification server on the session bus; false unless it took
# org.freedesktop.Notifications.
start_dunst() {
    local log=$1
    shift
    dunst "$@" >"$log" 2>&1 &
    pids+=($!)
    poll 10 bash -c 'dbus-send --session --print-reply --dest=org.freedesktop.DBus / \
        org.freedesktop.DBus.NameHasOwner string:org.freedesktop.Notifications 2>/dev/null | grep -q "boolean true"'
}

# trayer_panel: the id of trayer's panel window.
trayer_panel() {
    xwininfo -root -tree | awk '/\("panel" "trayer"\)/ { print $1; exit }'
}

# tray_icon_window INSTANCE [PANEL]: the id of a window of WM_CLASS instance INSTANCE that trayer has embedded in
# its panel (PANEL: the panel's id, to look only under it, which is quicker); nothing if there is none.
tray_icon_window() {
    local instance=$1
    if [[ -n ${2:-} ]]; then
        xwininfo -id "$2" -tree 2>/dev/null | awk -v class="(\"$instance\" " 'index($0, class) { print $1; exit }'
        return 0
    fi
    xwininfo -root -tree | awk -v class="(\"$instance\" " '
        /\("panel" "trayer"\)/ { inside = 1; depth = match($0, /[^ ]/); next }
        inside && match($0, /[^ ]/) <= depth { inside = 0 }
        inside && index($0, class) { print $1; exit }'
}
