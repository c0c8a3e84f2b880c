#!/usr/bin/env bash
# tray_resources.sh BUILD_DIR WS_URL [--window S] [--settle S] [--launches N] [--todos N] [--large-todos N]
#
# What the tray application costs while it waits, beside the floor (bench_floor_tray: QApplication, a tray icon
# with a menu, one idle QWebSocket to the same broker) and the stompjs subscriber (bench/stompjs/subscriber.mjs),
# all measured in the same run on a private X display (Xvfb) with trayer as the system tray and dunst as the
# notification server, on a private session bus with a real keychain (tests/support/run-with-keyring.sh; todo-notifier reads its passcode there and finds
# none, so it connects without a login and RabbitMQ's STOMP plugin takes its default user, guest, which may log in
# from loopback). Prints JSON lines on stdout (bench/report.mjs makes the tables); progress goes to stderr.
#
#   1. Launch to tray icon: each of todo-notifier (empty store), todo-notifier (--todos stored todos; default
#      100,000), todo-notifier with --large-todos stored todos (if given, not 0) and the floor is launched --launches
#      times (default 5), in turns; the time from the launch to its icon window being embedded in trayer's panel
#      (polled with xwininfo every 10 ms) is taken, then the process is ended.
#   2. Idle: todo-notifier (empty store), todo-notifier (with --todos, and with --large-todos stored todos), the
#      floor and the stompjs subscriber run together, connected (10 s heart-beats both ways for the STOMP
#      clients); after --settle seconds (default 10) bench/proc_sample.mjs reads their resident memory and then,
#      over --window seconds (default 60), their CPU time and context switches (wake-ups).
#
# The broker runs already (bench/run.sh starts it); WS_URL is its Web-STOMP endpoint. The stores are written here
# with bench_todo_store --write-store, or copied from TODO_BENCH_STORE (--todos) and TODO_BENCH_LARGE_STORE
# (--large-todos), written that way before (a million todos take minutes to write).
set -euo pipefail

if (($# < 2)); then
    sed -n '2p' "$0" | sed 's/^# /usage: /' >&2
    exit 2
fi
root=$(cd "$(dirname "$(realpath "$0")")/.." && pwd)

if [[ -z ${TODO_KEYRING_SESSION:-} ]]; then
    for tool in Xvfb xwininfo trayer dunst dbus-run-session gnome-keyring-daemon node; do
        if ! command -v "$tool" >/dev/null; then
            echo "tray_resources.sh: $tool is missing (scripts/install-deps.sh test installs it)" >&2
            exit 1
        fi
    done
    exec "$root/tests/support/run-with-keyring.sh" "$(realpath "$0")" "$@"
fi

build=$(realpath "$1")
url=$2
shift 2
window=60 settle=10 launches=5 todos=100000 large=0
while (($#)); do
    case $1 in
    --window) window=$2 ;;
    --settle) settle=$2 ;;
    --launches) launches=$2 ;;
    --todos) todos=$2 ;;
    --large-todos) large=$2 ;;
    *) echo "tray_resources.sh: unknown option $1" >&2; exit 2 ;;
    esac
    shift 2
done
app=$build/app/gui/todo-notifier
floor=$build/bench/bench_floor_tray
for binary in "$app" "$floor" "$build/bench/bench_todo_store"; do
    [[ -x $binary ]] || { echo "tray_resources.sh: $binary is not built" >&2; exit 1; }
done

work=$(mktemp -d "${TMPDIR:-/tmp}/todo-resources.XXXXXX")
# shellcheck source=SCRIPTDIR/../tests/support/x-tray-session.sh
source "$root/tests/support/x-tray-session.sh"
pids=()
cleanup() {
    stop_pids
    if [[ -z ${TODO_BENCH_KEEP:-} ]]; then
        rm -rf "$work"
    else
        echo "kept $work" >&2
    fi
}
trap cleanup EXIT
fail() {
    echo "tray_resources.sh: $*" >&2
    local log
    for log in "$work"/*.log; do
        [[ -s $log ]] && { echo "--- $log" >&2; tail -n 20 "$log" >&2; }
    done
    exit 1
}
say() { echo "resources: $*" >&2; }

start_x "$work/xvfb.log" || fail "Xvfb did not start"
start_trayer "$work/trayer.log" || fail "trayer did not come up"
panel=$(trayer_panel)
# A notification server, as on a desktop: todo-notifier looks for one when it starts (without one running, the bus
# would try to start dunst itself, without a display).
start_dunst "$work/dunst.log" || fail "dunst did not take org.freedesktop.Notifications"

# Homes for todo-notifier: an empty store, a store of $todos todos and (with --large-todos) one of $large, written
# beforehand with TodoStore (bench_todo_store --write-store). Each has its own runtime directory, hence its own single
# instance.
homes=(empty stored)
((large > 0)) && homes+=(large)
cat >"$work/todo-notifier.ini" <<EOF
[connection]
urls=$url
transport=websocket
destinations=/topic/bench-idle
heartbeatOutMs=10000
heartbeatInMs=10000
[todos]
retentionCount=$(((large > todos ? large : todos) * 2))
EOF
for home in "${homes[@]}"; do
    mkdir -p "$work/$home/.config" "$work/$home/.local/share/TodoNotifier/todo-notifier" "$work/$home/.cache"
    mkdir -m 700 "$work/$home/run"
done
# put_store HOME COUNT [WRITTEN-BEFORE]: the store of HOME, a copy of WRITTEN-BEFORE if given, else written here.
put_store() {
    local file=$work/$1/.local/share/TodoNotifier/todo-notifier/todos.sqlite
    if [[ -n ${3:-} ]]; then
        say "copying the store $3 ($2 todos)..."
        cp "$3" "$file"
    else
        say "writing a store of $2 todos..."
        "$build/bench/bench_todo_store" --todos "$2" --write-store "$file" >&2
    fi
}
put_store stored "$todos" "${TODO_BENCH_STORE:-}"
if ((large > 0)); then put_store large "$large" "${TODO_BENCH_LARGE_STORE:-}"; fi

# ours HOME_NAME COMMAND...: runs COMMAND as todo-notifier would run in that home.
ours() {
    local home=$work/$1
    shift
    HOME=$home XDG_CONFIG_HOME=$home/.config XDG_DATA_HOME=$home/.local/share XDG_CACHE_HOME=$home/.cache \
        XDG_RUNTIME_DIR=$home/run "$@"
}
# The applications, started in the background (exec: $! is the application itself).
ours_empty() { ours empty exec "$app" --config "$work/todo-notifier.ini" --minimized; }
ours_stored() { ours stored exec "$app" --config "$work/todo-notifier.ini" --minimized; }
ours_large() { ours large exec "$app" --config "$work/todo-notifier.ini" --minimized; }
floor_app() { exec "$floor" "$url"; }
now_us() { echo "${EPOCHREALTIME/./}"; }
icons() { xwininfo -id "$panel" -tree 2>/dev/null | grep -c "(\"$1\" " || true; }

# 1. Launch to tray icon.
# launch_once INSTANCE FUNCTION: appends to launch_ms[FUNCTION] the ms from launching FUNCTION to an icon window of
# INSTANCE in trayer's panel, then ends the process and waits for its icon to go.
declare -A launch_ms=()
launch_once() {
    local instance=$1 start pid deadline
    start=$(now_us)
    "$2" >>"$work/launch-$2.log" 2>&1 &
    pid=$!
    deadline=$((start + 30000000))
    until [[ -n $(tray_icon_window "$instance" "$panel") ]]; do
        kill -0 "$pid" 2>/dev/null || fail "$2 exited before its tray icon was shown"
        (($(now_us) < deadline)) || fail "$2: no tray icon after 30 s"
        sleep 0.01
    done
    launch_ms[$2]+="$((($(now_us) - start) / 1000)) "
    kill "$pid"
    wait "$pid" 2>/dev/null || true
    poll 10 bash -c "! xwininfo -id $panel -tree | grep -q '(\"$instance\" '" || fail "the icon of $2 stayed"
}
for ((run = 1; run <= launches; run++)); do
    say "launch to tray icon, round $run of $launches..."
    launch_once todo-notifier ours_empty
    launch_once todo-notifier ours_stored
    if ((large > 0)); then launch_once todo-notifier ours_large; fi
    launch_once bench_floor_tray floor_app
done
entries=(todo-notifier:ours_empty todo-notifier-stored:ours_stored floor:floor_app)
((large > 0)) && entries+=(todo-notifier-large:ours_large)
for entry in "${entries[@]}"; do
    runs=$(echo "${launch_ms[${entry#*:}]}" | xargs | tr ' ' ',')
    stored=0
    [[ $entry == *stored ]] && stored=$todos
    [[ $entry == *large ]] && stored=$large
    echo "{\"bench\":\"tray_launch\",\"impl\":\"${entry%%:*}\",\"todos\":$stored,\"runs_ms\":[$runs]}"
done

# 2. Idle, all at once.
say "idle: starting todo-notifier (${homes[*]}), the floor and the stompjs subscriber..."
ours_empty >"$work/ours-empty.log" 2>&1 &
empty_pid=$!
pids+=("$empty_pid")
ours_stored >"$work/ours-stored.log" 2>&1 &
stored_pid=$!
pids+=("$stored_pid")
samples=(todo-notifier="$empty_pid" todo-notifier-stored="$stored_pid")
if ((large > 0)); then
    ours_large >"$work/ours-large.log" 2>&1 &
    pids+=($!)
    samples+=(todo-notifier-large=$!)
fi
floor_app >"$work/floor.out" 2>"$work/floor.log" &
floor_pid=$!
pids+=("$floor_pid")
TODO_BENCH_PASSCODE=guest node "$root/bench/stompjs/subscriber.mjs" "$url" /topic/bench-idle 1000000000 \
    >"$work/stompjs.out" 2>"$work/stompjs.log" &
stompjs_pid=$!
pids+=("$stompjs_pid")

connected() { ours "$1" "$app" --status 2>/dev/null | grep -q '"state":"connected"'; }
all_connected() {
    local home
    for home in "${homes[@]}"; do connected "$home" || return 1; done
}
all_up() {
    all_connected && grep -q connected "$work/floor.out" && grep -q subscribed "$work/stompjs.log" &&
        (($(icons todo-notifier) == ${#homes[@]} && $(icons bench_floor_tray) == 1))
}
poll 60 all_up || fail "not everything connected with its icon shown"
say "all connected; settling for $settle s, then sampling for $window s..."
sleep "$settle"
node "$root/bench/proc_sample.mjs" "$window" "${samples[@]}" floor="$floor_pid" stompjs="$stompjs_pid" \
    >"$work/sample.jsonl"
all_connected || fail "todo-notifier lost its connection during the window"
floor_reopened=$(grep -c 'opening again' "$work/floor.log" || true)
# The instances with stored todos have every one (in the store; the list model holds only the pages it showed).
check_count() { # HOME COUNT
    local count
    count=$(ours "$1" "$app" --status | sed -n 's/.*"todoCount":\([0-9]*\).*/\1/p')
    [[ $count == "$2" ]] || fail "the instance in $1 lists $count todos, not $2"
}
check_count stored "$todos"
if ((large > 0)); then check_count large "$large"; fi
echo "{\"bench\":\"resources_meta\",\"settle_s\":$settle,\"window_s\":$window,\"launches\":$launches,\"todos\":$todos,\"large_todos\":$large}"
sed -e "s/\"impl\":\"todo-notifier-stored\"/&,\"todos\":$todos/" \
    -e "s/\"impl\":\"todo-notifier-large\"/&,\"todos\":$large/" \
    -e "s/\"impl\":\"floor\"/&,\"reopened\":$floor_reopened/" "$work/sample.jsonl"
