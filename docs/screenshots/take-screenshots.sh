#!/usr/bin/env bash
# take-screenshots.sh BUILD_DIR [OUT_DIR]
# Takes the README's screenshots of the tray application: tray-menu.png, notification.png, notification-actions.png
# and list-window.png. It runs `todo-notifier --demo` on a private X display (Xvfb) with trayer as the system tray
# and dunst (then GNOME's notification-daemon, which draws actions as buttons) as the notification server, on a
# private session bus and in a fresh HOME, pushes a few sample todos through the demo server (todo-notifier-cli
# send), and crops the four views. OUT_DIR defaults to this directory.
# Needs: Xvfb trayer dunst notification-daemon xdotool imagemagick x11-utils dbus (scripts/install-deps.sh test).
set -euo pipefail

build=$(realpath "${1:?usage: $0 BUILD_DIR [OUT_DIR]}")
out=$(realpath "${2:-$(dirname "$0")}")
app=$build/app/gui/todo-notifier
cli=$build/app/cli/todo-notifier-cli

if [[ -z ${TODO_SHOTS_SESSION:-} ]]; then
    export TODO_SHOTS_SESSION=1
    exec dbus-run-session -- "$0" "$@"
fi

home=$(mktemp -d "${TMPDIR:-/tmp}/todo-shots.XXXXXX")
pids=()
cleanup() {
    local i # the newest first, the X server last
    for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
        kill "${pids[i]}" 2>/dev/null || true
        wait "${pids[i]}" 2>/dev/null || true
    done
    if [[ -n ${TODO_SHOTS_KEEP:-} ]]; then echo "kept $home"; else rm -rf "$home"; fi
}
trap cleanup EXIT
poll() {
    local deadline=$((SECONDS + $1))
    shift
    until "$@"; do
        ((SECONDS < deadline)) || { echo "timed out: $*" >&2; exit 1; }
        sleep 0.1
    done
}

# A random free display (see tests/e2e/tray-e2e.sh for why not Xvfb -displayfd).
for attempt in $(seq 1 20); do
    number=$((200 + RANDOM % 700))
    if [[ ! -e /tmp/.X$number-lock ]] && ! grep -aq "/tmp/.X11-unix/X$number\$" /proc/net/unix; then
        break
    fi
done
Xvfb ":$number" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
pids+=($!)
export DISPLAY=:$number
unset XAUTHORITY
poll 10 xwininfo -root >/dev/null
export HOME=$home XDG_CONFIG_HOME=$home/.config XDG_DATA_HOME=$home/.local/share XDG_CACHE_HOME=$home/.cache
export XDG_RUNTIME_DIR=$home/run LANG=C.UTF-8
mkdir -p "$XDG_CONFIG_HOME/TodoNotifier" "$home/bin" && mkdir -m 700 "$XDG_RUNTIME_DIR"
# Pushes may name todos handled in the web application (Links page): one is shown done in the list.
printf '[todos]\nremovedIdsField=data.removedIds\n' >"$XDG_CONFIG_HOME/TodoNotifier/todo-notifier.conf"
printf '#!/bin/sh\nexit 0\n' >"$home/bin/xdg-open" && chmod +x "$home/bin/xdg-open" && export PATH=$home/bin:$PATH
unset QT_QPA_PLATFORM

trayer --edge top --align right --widthtype percent --width 100 --height 28 --SetDockType true --transparent true --alpha 0 \
    --tint 0x2b2f36 >"$home/trayer.log" 2>&1 &
pids+=($!)
poll 10 bash -c 'xwininfo -root -tree | grep -q "(\"panel\" \"trayer\")"'
cat >"$home/dunstrc" <<'EOF'
[global]
    font = "DejaVu Sans 10"
    width = 380
    offset = 12x40
    padding = 10
    horizontal_padding = 12
    frame_width = 1
    frame_color = "#c8ccd4"
    separator_color = frame
    corner_radius = 6
    icon_position = left
    max_icon_size = 40
    notification_limit = 3
    show_indicators = no
    idle_threshold = 0
[urgency_low]
    background = "#ffffff"
    foreground = "#1f2328"
    timeout = 0
[urgency_normal]
    background = "#ffffff"
    foreground = "#1f2328"
    timeout = 0
[urgency_critical]
    background = "#fff4ed"
    foreground = "#1f2328"
    frame_color = "#c2410c"
    timeout = 0
EOF
dunst -config "$home/dunstrc" >"$home/dunst.log" 2>&1 &
dunst_pid=$!
pids+=($dunst_pid)
poll 10 bash -c 'dbus-send --session --print-reply --dest=org.freedesktop.DBus / org.freedesktop.DBus.NameHasOwner \
    string:org.freedesktop.Notifications 2>/dev/null | grep -q "boolean true"'

"$app" --demo --demo-interval 0 --minimized >"$home/app.log" 2>&1 &
pids+=($!)
poll 20 bash -c "\"$app\" --status 2>/dev/null | grep -q '\"state\":\"connected\"'"
url=$("$app" --status | sed -n 's/.*"url":"\([^"]*\)".*/\1/p')

# push ID URGENCY SENDER DEPARTMENT BUSINESS TITLE COUNT
push() {
    printf '{"data":{"sysMsgList":[{"id":"%s","title":"%s","handlerUrl":"/service/assets/index.html#/todo?id=%s","metaData":{"urgency":%s,"urgencyText":"%s","bname":"%s","send_name":"%s","send_dept":"%s"}}],"sysMsgNums":%s}}' \
        "$1" "$6" "$1" "$2" "$(case $2 in 1) echo 紧急 ;; 2) echo 特急 ;; *) echo 普通 ;; esac)" "$5" "$3" "$4" "$7" |
        "$cli" send --url "$url" --destination /user/topic/all >/dev/null
}
sleep 3 # past the catch-up window after connecting, so that every todo gets a notification of its own
push 1 0 "Alice Chen" "Finance" "Expense claim" "Expense claim: team offsite, Hangzhou (¥3,420)" 6
sleep 2.5
push 2 0 "王芳" "采购部" "采购申请" "待办通知:王芳提交的《办公网络改造》采购申请--(采购主管)采购部" 7
sleep 2.5
push 3 2 "Bob Martin" "IT" "Access request" "Production database access for the release weekend" 8
sleep 2.5
push 4 1 "张伟" "研发中心" "变更申请" "待办通知:张伟提交的《客户门户二期》变更申请--(项目主管)研发中心" 9
poll 10 bash -c '[[ $(dunstctl count displayed) -ge 2 ]]'
sleep 1 # let dunst draw

# notification.png: the notifications, top right, with a margin of desktop around them (Xvfb's root window stays
# black whatever its background: the margin is painted).
import -window root "$home/root.png"
dunst_window=$(xwininfo -root -tree | awk '/\("Dunst" "Dunst"\)/ {print $1; exit}')
eval "$(xwininfo -id "$dunst_window" |
    awk '/Absolute upper-left X/ {print "dx=" $4} /Absolute upper-left Y/ {print "dy=" $4}
         /Width:/ {print "dw=" $2} /Height:/ {print "dh=" $2}')"
convert "$home/root.png" -crop $((dw + 24))x$((dh + 24))+$((dx - 12))+$((dy - 12)) +repage -strip \
    -fill '#d5dbe3' -draw 'color 0,0 floodfill' "$out/notification.png"

# One todo opened from its notification: read in the list.
dunstctl action 0
poll 5 bash -c "\"$app\" --status 2>/dev/null | grep -q '\"unreadCount\":3'"
dunstctl close-all

# notification-actions.png: dunst lists a notification's actions in a menu of its own, so this one is taken with
# GNOME's notification-daemon, which draws them as buttons (Snooze 1 hour, Mark as read; a click opens the todo).
kill "$dunst_pid" && wait "$dunst_pid" 2>/dev/null || true
# The popup is the largest window that is viewable and was not there before.
windows_now() { xwininfo -root -children | awk '/^ *0x/ {print $1}' | sort; }
windows_now >"$home/windows-before"
/usr/lib/notification-daemon/notification-daemon >"$home/notification-daemon.log" 2>&1 &
daemon_pid=$!
pids+=($daemon_pid)
poll 10 bash -c 'dbus-send --session --print-reply --dest=org.freedesktop.DBus / org.freedesktop.DBus.NameHasOwner \
    string:org.freedesktop.Notifications 2>/dev/null | grep -q "boolean true"'
push 5 1 "李娜" "法务部" "合同审批" "待办通知:李娜提交的《杭州办公室租赁续约》合同审批--(法务主管)法务部" 8
popup() {
    local id
    for id in $(windows_now | comm -13 "$home/windows-before" -); do
        xwininfo -id "$id" | awk -v id="$id" '/Map State: IsViewable/ {v=1} /Width:/ {w=$2} /Height:/ {h=$2}
            END {if (v && w > 100 && h > 50) print w * h, id}'
    done | sort -n | tail -n 1 | cut -d' ' -f2
}
deadline=$((SECONDS + 10))
until [[ -n $(popup) ]]; do
    ((SECONDS < deadline)) || { echo "timed out: the notification-daemon popup" >&2; exit 1; }
    sleep 0.1
done
sleep 1 # let it draw
import -window root "$home/root.png"
eval "$(xwininfo -id "$(popup)" |
    awk '/Absolute upper-left X/ {print "dx=" $4} /Absolute upper-left Y/ {print "dy=" $4}
         /Width:/ {print "dw=" $2} /Height:/ {print "dh=" $2}')"
convert "$home/root.png" -crop $((dw + 24))x$((dh + 24))+$((dx - 12))+$((dy - 12)) +repage -strip \
    -fill '#d5dbe3' -draw 'color 0,0 floodfill' "$out/notification-actions.png"
# Out of the way of the tray icon.
kill "$daemon_pid" && wait "$daemon_pid" 2>/dev/null || true
sleep 0.5

# tray-menu.png: a right click on the tray icon.
icon=$(xwininfo -root -tree | awk '/\("panel" "trayer"\)/ {p=1; next} p && /\("todo-notifier" "todo-notifier"\)/ {print $1; exit}')
eval "$(xwininfo -id "$icon" |
    awk '/Absolute upper-left X/ {print "x=" $4} /Absolute upper-left Y/ {print "y=" $4} /Height:/ {print "h=" $2}')"
visible() { xdotool search --onlyvisible --class todo-notifier | wc -l; }
windows=$(visible)
xdotool mousemove $((x + 2)) $((y + h - 1)) click 3 # the menu opens at the pointer: below the icon
menu_open() { [[ $(visible) -gt $windows ]]; }
poll 5 menu_open
menu=$(xdotool search --onlyvisible --class todo-notifier | grep -vx "$((icon))" | tail -n 1)
eval "$(xwininfo -id "$menu" | awk '/Absolute upper-left X/ {print "mx=" $4} /Absolute upper-left Y/ {print "my=" $4}')"
# Hover "Do not disturb" (the third item) to show its submenu too.
windows=$(visible)
xdotool mousemove $((mx + 60)) $((my + 5 + 2 * 24 + 12))
poll 5 menu_open
sleep 0.5 # the menus' first paint
import -window root "$home/root.png"
convert "$home/root.png" -crop 480x230+800+0 +repage -strip -fill '#d5dbe3' -draw 'color 0,229 floodfill' \
    "$out/tray-menu.png"
xdotool key Escape key Escape

# list-window.png: a second launch brings up the list of the first. The expense claim was handled in the web
# application meanwhile (done), and the newest todo is snoozed for an hour from the list (Ctrl+S on it).
printf '{"data":{"removedIds":["1"]}}' | "$cli" send --url "$url" --destination /user/topic/all >/dev/null
"$app" >/dev/null 2>&1
poll 5 bash -c 'xwininfo -root -tree | grep -q "\"Todos (.*unread)"'
sleep 0.5
window=$(xwininfo -root -tree | awk '/"Todos/ {print $1; exit}')
eval "$(xwininfo -id "$window" | awk '/Absolute upper-left X/ {print "wx=" $4} /Absolute upper-left Y/ {print "wy=" $4}')"
xdotool mousemove $((wx + 200)) $((wy + ${TODO_SHOTS_FIRST_ROW_Y:-95})) click 1
sleep 0.3
xdotool key ctrl+s
poll 5 bash -c "\"$app\" --status 2>/dev/null | grep -q '\"unreadCount\":2'"
xdotool mousemove $((wx + 200)) $((wy + 400)) click 1 # below the rows: nothing selected, the snoozed row as it looks
xdotool mousemove $((wx + 700)) $((wy + 700))
sleep 0.5
import -window "$window" "$home/window.png"
convert "$home/window.png" -bordercolor "#8c96a3" -border 1 -strip "$out/list-window.png"
echo "screenshots in $out"
