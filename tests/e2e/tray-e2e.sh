#!/usr/bin/env bash
# tray-e2e.sh TODO_NOTIFIER TODO_NOTIFIER_CLI
#
# The tray application end to end, on a private X display (Xvfb) with trayer as the system tray and dunst as
# the notification server, on a private D-Bus session bus (dbus-run-session), in a fresh HOME:
#
#   1. `todo-notifier --demo` starts, connects to its embedded demo server, and its tray icon is embedded by trayer;
#   2. a todo pushed through the demo server (todo-notifier-cli send) raises a notification in dunst, with the
#      todo's title and the urgency hint its urgency asks for;
#   3. invoking the notification's default action (dunstctl action) opens the todo's resolved link: a fake
#      `xdg-open` first on PATH records what the browser would get, which must equal the expected URL byte for
#      byte (the fragment with its non-ASCII query percent-encoded as a browser does);
#   4. the count on the icon drops: `todo-notifier --status` before and after, and the icon's pixels change;
#   5. the list window, made only when first asked for, is not shown after all this; a second launch brings it up.
#
# Every wait is a bounded poll. Exits 0 on success; on failure prints what it saw and the logs.
set -euo pipefail

if (($# != 2)); then
    echo "usage: $0 TODO_NOTIFIER TODO_NOTIFIER_CLI" >&2
    exit 2
fi

if [[ -z ${TODO_E2E_SESSION:-} ]]; then
    for tool in Xvfb dbus-run-session dbus-monitor trayer dunst dunstctl xwininfo import compare; do
        if ! command -v "$tool" >/dev/null; then
            echo "tray-e2e.sh: $tool is missing (scripts/install-deps.sh test installs it)" >&2
            exit 1
        fi
    done
    export TODO_E2E_SESSION=1
    exec dbus-run-session -- "$0" "$@"
fi

app=$(realpath "$1")
cli=$(realpath "$2")
home=$(mktemp -d "${TMPDIR:-/tmp}/todo-e2e.XXXXXX")
# poll, start_x, start_trayer, tray_icon_window: shared with bench/tray_resources.sh.
# shellcheck source=SCRIPTDIR/../support/x-tray-session.sh
source "$(dirname "$(realpath "$0")")/../support/x-tray-session.sh"
pids=()
cleanup() {
    stop_pids
    if [[ -z ${TODO_E2E_KEEP:-} ]]; then
        rm -rf "$home"
    else
        echo "kept $home"
    fi
}
trap cleanup EXIT

fail() {
    echo "FAIL: $*" >&2
    for log in app trayer dunst monitor xvfb; do
        if [[ -s $home/$log.log ]]; then
            echo "--- $log.log" >&2
            tail -n 40 "$home/$log.log" >&2
        fi
    done
    exit 1
}

start_x "$home/xvfb.log" || fail "Xvfb did not start"

export HOME=$home
export XDG_CONFIG_HOME=$home/.config XDG_DATA_HOME=$home/.local/share XDG_CACHE_HOME=$home/.cache
export XDG_RUNTIME_DIR=$home/run
mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME" "$home/bin"
mkdir -m 700 "$XDG_RUNTIME_DIR"
unset QT_QPA_PLATFORM # the real X display, not offscreen

# The browser: records the URL exactly as it was given.
cat >"$home/bin/xdg-open" <<EOF
#!/bin/sh
printf '%s\n' "\$1" >>"$home/opened.txt"
EOF
chmod +x "$home/bin/xdg-open"
export PATH=$home/bin:$PATH

# The system tray.
start_trayer "$home/trayer.log" || fail "trayer did not come up"

# The notification server, with nothing expiring and the urgency readable in its history.
cat >"$home/dunstrc" <<'EOF'
[global]
    notification_limit = 0
    idle_threshold = 0
    history_length = 100
    sticky_history = yes
[urgency_low]
    timeout = 0
[urgency_normal]
    timeout = 0
[urgency_critical]
    timeout = 0
EOF
start_dunst "$home/dunst.log" -config "$home/dunstrc" || fail "dunst did not take org.freedesktop.Notifications"
dbus-monitor --session "type='method_call',interface='org.freedesktop.Notifications',member='Notify'" \
    >"$home/monitor.log" 2>&1 &
pids+=($!)

# The application, on its demo server, pushing only what this test sends.
"$app" --demo --demo-interval 0 --minimized >"$home/app.log" 2>&1 &
app_pid=$!
pids+=("$app_pid")

status() { "$app" --status 2>/dev/null; }
# field NAME: a field of the last status line (numbers, booleans, strings without quotes in them).
field() { sed -n "s/.*\"$1\":\"\{0,1\}\([^\",}]*\).*/\1/p" <<<"$last_status"; }
status_has() {
    kill -0 "$app_pid" 2>/dev/null || fail "todo-notifier exited"
    last_status=$(status) || return 1
    grep -q "$1" <<<"$last_status"
}

last_status=
poll 20 status_has '"state":"connected"' || fail "not connected to the demo server: $last_status"
echo "connected: $last_status"

# 1. The tray icon: Qt saw the tray, and trayer embedded a window of the application in its panel.
[[ $(field trayAvailable) == true && $(field trayVisible) == true ]] || fail "no tray icon: $last_status"
icon_window() { tray_icon_window todo-notifier; }
tray_embedded() { [[ -n $(icon_window) ]]; }
poll 10 tray_embedded || fail "trayer embedded no window of todo-notifier: $(xwininfo -root -tree)"
icon=$(icon_window)
echo "tray icon embedded as window $icon"
[[ $(field pendingCount) == 0 && $(field unreadCount) == 0 ]] || fail "a fresh HOME starts at 0: $last_status"

# 2. A todo pushed by the server raises a notification.
url=$(field url)
port=${url#ws://127.0.0.1:}
port=${port%%/*}
title='待办通知: E2E《客户门户》变更申请--(项目主管)研发中心'
handler='/service/assets/index.html#/project/change-project-todo?id=e2e-1&pendingId=p-e2e&itemname=项目主管&title=变更 申请&wfid=w1'
expected="http://127.0.0.1:$port/service/assets/index.html#/project/change-project-todo?id=e2e-1&pendingId=p-e2e&itemname=%E9%A1%B9%E7%9B%AE%E4%B8%BB%E7%AE%A1&title=%E5%8F%98%E6%9B%B4%20%E7%94%B3%E8%AF%B7&wfid=w1"
body=$(printf '{"data":{"menuTipsMap":null,"sysMsgList":[{"id":"e2e-1","title":"%s","time":"2024-05-16 16:28:03","handlerUrl":"%s","metaData":{"urgency":1,"urgencyText":"紧急","bname":"变更申请","send_name":"张伟","send_dept":"研发中心"}}],"sysMsgNums":20},"fromUserId":null}' "$title" "$handler")
printf '%s' "$body" | "$cli" send --url "$url" --destination /user/topic/all >/dev/null ||
    fail "todo-notifier-cli could not publish to the demo server"

poll 15 status_has '"unreadCount":1' || fail "the todo did not arrive: $last_status"
[[ $(field pendingCount) == 20 && $(field iconCount) == 20 ]] || fail "the icon should show the server's 20: $last_status"
import -window "$icon" "$home/icon-before.png"
displayed() { [[ $(dunstctl count displayed) -ge 1 ]]; }
poll 10 displayed || fail "no notification on screen"
notified() { grep -qF "string \"$title\"" "$home/monitor.log"; }
poll 5 notified || fail "no Notify call with the todo's title"
grep -A1 'string "urgency"' "$home/monitor.log" | grep -q 'byte 2' || fail "an urgent todo is a critical notification"
echo "notification shown: $title"

# 3. Its default action opens the exact resolved link in the browser.
dunstctl action 0
opened() { [[ -s $home/opened.txt ]]; }
poll 10 opened || fail "the browser was not started"
printf '%s\n' "$expected" >"$home/expected.txt"
if ! cmp -s "$home/expected.txt" "$home/opened.txt"; then
    echo "expected: $expected" >&2
    echo "opened:   $(cat "$home/opened.txt")" >&2
    fail "the browser got another URL"
fi
echo "opened: $(cat "$home/opened.txt")"

# 4. The count on the icon drops: the todo is read, the icon shows one less.
poll 10 status_has '"unreadCount":0' || fail "the todo was not marked read: $last_status"
[[ $(field pendingCount) == 19 && $(field iconCount) == 19 ]] || fail "the icon count did not drop: $last_status"
changed() {
    import -window "$icon" "$home/icon-after.png" 2>/dev/null || return 1
    local difference
    difference=$(compare -metric AE "$home/icon-before.png" "$home/icon-after.png" null: 2>&1 || true)
    [[ ${difference%% *} != 0 ]]
}
poll 5 changed || fail "the tray icon looks the same after the count dropped"
dunstctl history | grep -qF "$title" || fail "the notification was not withdrawn after its action"
echo "count dropped: $last_status"

# 5. The list window: nothing asked for it yet (--minimized, the todo opened from its notification); a second
#    launch shows it.
[[ $(field windowVisible) == false ]] || fail "the list window is shown unasked: $last_status"
"$app" >>"$home/second-launch.log" 2>&1 || fail "the second launch did not reach the first: $(cat "$home/second-launch.log")"
poll 10 status_has '"windowVisible":true' || fail "a second launch did not show the list window: $last_status"
echo "list window shown on a second launch: $last_status"
echo "PASS"
