#!/usr/bin/env bash
# heaptrack_idle.sh BUILD_DIR WS_URL [--settle S] [--window S] [--heap-idle S] [--todos N] [--peaks N] [--keep DIR]
#
# Where the tray application's idle megabytes and wake-ups go. Runs todo-notifier as bench/tray_resources.sh does
# (a private X display with trayer as the system tray, dunst as the notification server, a private session bus with
# a keychain, connected to the broker at WS_URL with 10 s heart-beats both ways, --minimized, an empty store or, with
# --todos N, a store of N todos written beforehand by bench_todo_store) and prints a Markdown summary on stdout:
#
#   1. Uninstrumented, beside the floor (bench_floor_tray): VmRSS after --settle seconds (default 10) of being
#      connected, then over --window seconds (default 60) the wake-ups (voluntary context switches) and, apart,
#      the preemptions (nonvoluntary ones) of every thread by thread name, scaled to a minute.
#   2. Under heaptrack: started again, connected, idle for --heap-idle seconds (default 20), quit with SIGTERM (the
#      application quits cleanly on it: DISCONNECT, event loop ends, destructors run); then heaptrack_print's peak
#      heap, peak RSS and the top --peaks (default 15) allocation sites by peak consumption, and the same peak
#      attributed to the first frame of the application's own code in each backtrace (what made Qt allocate it).
#
# Needs: heaptrack, Xvfb, xwininfo, trayer, dunst, dbus-run-session, gnome-keyring-daemon, node. The broker runs
# already (bench/run.sh or scripts/rabbitmq-fixture.sh starts one). Build with debug information
# (RelWithDebInfo) so the backtraces have names.
set -euo pipefail

if (($# < 2)); then
    sed -n '2p' "$0" | sed 's/^# /usage: /' >&2
    exit 2
fi
root=$(cd "$(dirname "$(realpath "$0")")/.." && pwd)

if [[ -z ${TODO_KEYRING_SESSION:-} ]]; then
    for tool in heaptrack heaptrack_print Xvfb xwininfo trayer dunst dbus-run-session gnome-keyring-daemon node; do
        if ! command -v "$tool" >/dev/null; then
            echo "heaptrack_idle.sh: $tool is missing" >&2
            exit 1
        fi
    done
    exec "$root/tests/support/run-with-keyring.sh" "$(realpath "$0")" "$@"
fi

build=$(realpath "$1")
url=$2
shift 2
settle=10 window=60 heap_idle=20 todos=0 peaks=15 keep=
while (($#)); do
    case $1 in
    --settle) settle=$2 ;;
    --window) window=$2 ;;
    --heap-idle) heap_idle=$2 ;;
    --todos) todos=$2 ;;
    --peaks) peaks=$2 ;;
    --keep) keep=$2 ;;
    *) echo "heaptrack_idle.sh: unknown option $1" >&2; exit 2 ;;
    esac
    shift 2
done
app=$build/app/gui/todo-notifier
floor=$build/bench/bench_floor_tray
for binary in "$app" "$floor"; do
    [[ -x $binary ]] || { echo "heaptrack_idle.sh: $binary is not built" >&2; exit 1; }
done

work=$(mktemp -d "${TMPDIR:-/tmp}/todo-heaptrack-idle.XXXXXX")
# shellcheck source=SCRIPTDIR/../tests/support/x-tray-session.sh
source "$root/tests/support/x-tray-session.sh"
pids=()
cleanup() {
    stop_pids
    if [[ -n $keep ]]; then
        mkdir -p "$keep"
        cp -r "$work"/. "$keep"/
    fi
    rm -rf "$work"
}
trap cleanup EXIT
fail() {
    echo "heaptrack_idle.sh: $*" >&2
    local log
    for log in "$work"/*.log; do
        [[ -s $log ]] && { echo "--- $log" >&2; tail -n 20 "$log" >&2; }
    done
    exit 1
}
say() { echo "heaptrack-idle: $*" >&2; }

start_x "$work/xvfb.log" || fail "Xvfb did not start"
start_trayer "$work/trayer.log" || fail "trayer did not come up"
panel=$(trayer_panel)
start_dunst "$work/dunst.log" || fail "dunst did not take org.freedesktop.Notifications"

cat >"$work/todo-notifier.ini" <<EOF
[connection]
urls=$url
transport=websocket
destinations=/topic/bench-idle
heartbeatOutMs=10000
heartbeatInMs=10000
[todos]
retentionCount=$((todos * 2 + 1000))
EOF
home=$work/home
mkdir -p "$home/.config" "$home/.local/share/TodoNotifier/todo-notifier" "$home/.cache"
mkdir -m 700 "$home/run"
if ((todos > 0)); then
    say "writing a store of $todos todos..."
    "$build/bench/bench_todo_store" --todos "$todos" \
        --write-store "$home/.local/share/TodoNotifier/todo-notifier/todos.sqlite" >&2
fi
ours() {
    HOME=$home XDG_CONFIG_HOME=$home/.config XDG_DATA_HOME=$home/.local/share XDG_CACHE_HOME=$home/.cache \
        XDG_RUNTIME_DIR=$home/run "$@"
}
connected() { ours "$app" --status 2>/dev/null | grep -q '"state":"connected"'; }
icons() { xwininfo -id "$panel" -tree 2>/dev/null | grep -c "(\"$1\" " || true; }
rss_kb() { sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\).*/\1/p' "/proc/$1/status"; }
# switches PID: one line per thread, "TID NAME VOLUNTARY NONVOLUNTARY" context switches.
switches() {
    local task
    for task in /proc/"$1"/task/*; do
        awk -v tid="${task##*/}" -v name="$(tr ' ' '_' <"$task/comm")" \
            '/^voluntary_ctxt_switches/ { v = $2 } /^nonvoluntary_ctxt_switches/ { n = $2 } END { print tid, name, v, n }' \
            "$task/status" 2>/dev/null || true
    done
}
# stop_app PID: SIGTERM, then waits until it has quit (it says goodbye to the broker first).
stop_app() {
    kill -TERM "$1" 2>/dev/null || true
    local waited=0
    while kill -0 "$1" 2>/dev/null && ((waited < 100)); do
        sleep 0.1
        waited=$((waited + 1))
    done
    kill -0 "$1" 2>/dev/null && { kill -KILL "$1"; say "$2 did not quit on SIGTERM within 10 s: killed"; }
    wait "$1" 2>/dev/null || true
}

# 1. Uninstrumented, beside the floor.
say "starting todo-notifier and the floor..."
ours exec "$app" --config "$work/todo-notifier.ini" --minimized >"$work/ours.log" 2>&1 &
app_pid=$!
pids+=("$app_pid")
exec "$floor" "$url" >"$work/floor.out" 2>"$work/floor.log" &
floor_pid=$!
pids+=("$floor_pid")
up() { connected && grep -q connected "$work/floor.out" && (($(icons todo-notifier) == 1)); }
poll 60 up || fail "todo-notifier or the floor did not connect with its icon shown"
say "connected; settling for $settle s, then counting wake-ups for $window s..."
sleep "$settle"
rss_app=$(rss_kb "$app_pid")
rss_floor=$(rss_kb "$floor_pid")
# by_mapping PID: "KB NAME" per mapped file (anonymous memory as [anon]), resident kB summed.
by_mapping() {
    awk '/^[0-9a-f]+-[0-9a-f]+ / { name = ($6 == "" ? "[anon]" : $6); next }
        /^Rss:/ { rss[name] += $2 }
        END { for (k in rss) if (rss[k] > 0) print rss[k], k }' "/proc/$1/smaps"
}
by_mapping "$app_pid" >"$work/app-maps.txt"
by_mapping "$floor_pid" >"$work/floor-maps.txt"
switches "$app_pid" >"$work/app-before.txt"
switches "$floor_pid" >"$work/floor-before.txt"
threads_app=$(ls /proc/"$app_pid"/task | wc -l)
start_ns=$(date +%s%N)
sleep "$window"
switches "$app_pid" >"$work/app-after.txt"
switches "$floor_pid" >"$work/floor-after.txt"
elapsed_s=$(awk -v a="$start_ns" -v b="$(date +%s%N)" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
connected || fail "todo-notifier lost its connection during the window"
# per_thread BEFORE AFTER: "NAME WAKEUPS_PER_MIN PREEMPTED_PER_MIN" per thread name (threads of one name summed),
# most first; wake-ups are voluntary switches, preemptions the nonvoluntary ones, as bench/proc_sample.mjs counts them.
per_thread() {
    awk -v s="$elapsed_s" 'NR == FNR { v[$1] = $3; n[$1] = $4; next }
        { all[$2] += $3 - ($1 in v ? v[$1] : 0); pre[$2] += $4 - ($1 in n ? n[$1] : 0) }
        END { for (k in all) printf "%s %.1f %.1f\n", k, all[k] * 60 / s, pre[k] * 60 / s }' "$1" "$2" |
        sort -k2,2nr
}
total() { awk '{ t += $2 } END { printf "%.1f", t }'; }
per_thread "$work/app-before.txt" "$work/app-after.txt" >"$work/app-threads.txt"
per_thread "$work/floor-before.txt" "$work/floor-after.txt" >"$work/floor-threads.txt"
stop_app "$app_pid" todo-notifier

# 2. Under heaptrack.
say "starting todo-notifier under heaptrack..."
ours exec heaptrack -o "$work/heaptrack.todo-notifier" "$app" --config "$work/todo-notifier.ini" --minimized \
    >"$work/heaptrack.log" 2>&1 &
heaptrack_pid=$!
pids+=("$heaptrack_pid")
poll 120 connected || fail "todo-notifier did not connect under heaptrack"
app_under=$(pgrep -n -f "^$app --config $work/todo-notifier.ini") || fail "cannot find the traced process"
say "connected under heaptrack; idle for $heap_idle s, then quitting it..."
sleep "$heap_idle"
rss_under=$(rss_kb "$app_under")
stop_app "$app_under" "todo-notifier under heaptrack"
wait "$heaptrack_pid" 2>/dev/null || true
data=$(ls "$work"/heaptrack.todo-notifier.*)
heaptrack_print -f "$data" --print-peaks 1 --peak-limit "$peaks" --sub-peak-limit 1 --print-allocators 0 \
    --print-temporary 0 --print-leaks 0 >"$work/heaptrack-print.txt" 2>/dev/null
heaptrack_print -f "$data" --print-peaks 0 --print-allocators 0 --print-temporary 0 --print-leaks 0 \
    --flamegraph-cost-type peak -F "$work/peak-stacks.txt" >/dev/null 2>&1

# The application's own classes, from its sources: a frame is ours when it names one of them.
ours_re=$(find "$root/core" "$root/ui" "$root/app" "$root/demo" -name '*.h' -printf '%f\n' | sed 's/\.h$//' |
    sort -u | paste -sd'|')

{
    echo "# Idle memory and wake-ups of todo-notifier"
    echo
    echo "Produced by \`bench/heaptrack_idle.sh BUILD_DIR WS_URL --settle $settle --window $window --heap-idle" \
        "$heap_idle --todos $todos\` on $(date -u +%Y-%m-%d), the repository at commit" \
        "$(git -C "$root" rev-parse --short HEAD) ($(git -C "$root" status --porcelain --untracked-files=no |
            grep -q . && echo 'with local changes' || echo clean)); the application is BUILD_DIR's."
    echo "Connected to RabbitMQ's Web-STOMP with 10 s heart-beats both ways, --minimized, Xvfb + trayer + dunst," \
        "$( ((todos > 0)) && echo "a store of $todos todos" || echo "an empty store")."
    echo
    echo "## Uninstrumented, beside the floor (bench_floor_tray)"
    echo
    echo "| | todo-notifier | floor | ours / floor |"
    echo "|---|---:|---:|---:|"
    awk -v a="$rss_app" -v f="$rss_floor" 'BEGIN { printf "| VmRSS after %s s connected (MB) | %.1f | %.1f | %.2fx |\n",
        "'"$settle"'", a / 1024, f / 1024, a / f }'
    awk -v a="$(total <"$work/app-threads.txt")" -v f="$(total <"$work/floor-threads.txt")" \
        'BEGIN { printf "| wake-ups per minute (voluntary switches), all threads | %.1f | %.1f | %s |\n", a, f,
            (f > 0 ? sprintf("%.2fx", a / f) : "–") }'
    echo "| threads | $threads_app | $(ls /proc/"$floor_pid"/task 2>/dev/null | wc -l) | |"
    echo
    echo "Resident memory by mapping, the 15 largest differences (kB; a library the floor maps too is counted in" \
        "both, shared pages included):"
    echo
    echo "| mapping | todo-notifier | floor | difference |"
    echo "|---|---:|---:|---:|"
    awk 'NR == FNR { floor[$2] = $1; next } { ours[$2] = $1 }
        END { for (k in ours) print ours[k] - (k in floor ? floor[k] : 0), ours[k], (k in floor ? floor[k] : 0), k
              for (k in floor) if (!(k in ours)) print -floor[k], 0, floor[k], k }' \
        "$work/floor-maps.txt" "$work/app-maps.txt" | sort -k1,1nr | awk 'NR <= 15' |
        awk '{ name = $4; sub(/^.*\//, "", name); print "| " name " | " $2 " | " $3 " | " $1 " |" }'
    echo
    echo "Wake-ups per minute by thread (voluntary context switches over $elapsed_s s; in brackets, preemptions:" \
        "nonvoluntary switches, a running thread taken off its CPU for another process):"
    echo
    echo "| thread | todo-notifier (preempted) | floor (preempted) |"
    echo "|---|---:|---:|"
    awk 'NR == FNR { floor[$1] = $2 " (" $3 ")"; next }
        { print "| " $1 " | " $2 " (" $3 ") | " ($1 in floor ? floor[$1] : "–") " |"; seen[$1] = 1 }
        END { for (k in floor) if (!(k in seen)) print "| " k " | – | " floor[k] " |" }' \
        "$work/floor-threads.txt" "$work/app-threads.txt"
    echo
    echo "## Heap under heaptrack (connected, $heap_idle s idle, then SIGTERM)"
    echo
    echo "VmRSS under heaptrack before quitting: $(awk -v k="$rss_under" 'BEGIN { printf "%.1f", k / 1024 }') MB."
    echo
    echo '```'
    sed -n '/^total runtime/,$p' "$work/heaptrack-print.txt"
    echo '```'
    echo
    echo "Top $peaks allocation sites by peak consumption (heaptrack_print --print-peaks; the site, then the first" \
        "frame of the application's code in its first backtrace):"
    echo
    echo "| # | peak | calls | allocation site | from |"
    echo "|---:|---:|---:|---|---|"
    awk -v re="$ours_re" '
        function flush() {
            if (size != "") printf "| %d | %s | %s | %s | %s |\n", ++n, size, calls, site, (from == "" ? "(Qt or a library only)" : from)
            size = ""; site = ""; from = ""
        }
        /^PEAK MEMORY CONSUMERS/ { inside = 1; next }
        /^(MOST CALLS|MOST TEMPORARY|total runtime|MEMORY LEAKS)/ { if (inside) flush(); inside = 0 }
        !inside { next }
        /peak memory consumed over/ { flush(); size = $1; calls = $6; want_site = 1; next }
        want_site && /^[^ ]/ { site = $0; gsub(/\|/, "\\|", site); if (length(site) > 90) site = substr(site, 1, 87) "..."; want_site = 0; next }
        /^    [^ ]/ && site != "" && from == "" {
            frame = $0; sub(/^ +/, "", frame)
            if (frame !~ /^(at |in |0x)/ && frame ~ ("(^|[^A-Za-z])(" re ")::")) {
                from = frame; gsub(/\|/, "\\|", from); if (length(from) > 90) from = substr(from, 1, 87) "..."
            }
        }
        END { if (inside) flush() }' "$work/heaptrack-print.txt"
    echo
    echo "The peak attributed to the innermost frame of the application's own code in each backtrace (what made" \
        "Qt or a library allocate it; heaptrack_print --flamegraph-cost-type peak; top 15):"
    echo
    echo "| peak (kB) | share | innermost application frame |"
    echo "|---:|---:|---|"
    awk -v re="$ours_re" '
        {
            cost = $NF; $NF = ""; n = split($0, frames, ";"); owner = ""
            for (i = n; i >= 1; --i) {
                f = frames[i]; sub(/^ +/, "", f); sub(/ +$/, "", f)
                if (f ~ ("(^|[^A-Za-z])(" re ")::")) { owner = f; break }
            }
            sub(/\(.*$/, "", owner)
            if (owner == "") owner = "(no application frame: Qt, libraries, start-up before main)"
            gsub(/\|/, "\\|", owner)
            sum[owner] += cost; all += cost
        }
        END { for (k in sum) printf "%.0f\t%.1f%%\t%s\n", sum[k] / 1024, (all > 0 ? 100 * sum[k] / all : 0), k }' \
        "$work/peak-stacks.txt" | sort -t$'\t' -k1,1nr | awk 'NR <= 15' | awk -F'\t' '{ print "| " $1 " | " $2 " | " $3 " |" }'
} | tee "$work/summary.md"
