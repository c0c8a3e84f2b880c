#!/usr/bin/env bash
# bench/soak.sh [--minutes N] [--fault-interval MIN,MAX] [--faults KIND,...] [--build-dir DIR]
# The soak run (not in CI): the tray application, connected through a fault-injecting TCP proxy to a real RabbitMQ,
# for N minutes (default 30) while a publisher pushes one todo a second and a fault injector, every MIN–MAX seconds
# (default 60,240), restarts the broker (gracefully or with kill -9) or cuts or stalls the TCP path. Then it stops
# publishing, waits (bounded) for the application to catch up and reports todos published (receipted by the broker)
# against todos stored in the application's todos.sqlite — they must be the same set, without duplicates —,
# reconnects, faults by kind and the application's resident memory. Exits 1 if a published todo is missing or one
# is stored twice. The report goes to stdout and bench/results/soak-latest.md; everything else (logs, the broker,
# the app's HOME) to BUILD_DIR/soak-run/. --faults limits the kinds: broker-restart, broker-kill, proxy-cut,
# proxy-stall (default: all, weighted 30/20/35/15).
#
# Ports (127.0.0.1, the 38xxx range: tests use 36xxx and the benchmarks 37xxx): RabbitMQ AMQP 38672, STOMP 38613,
# Web-STOMP 38674, distribution 38671, epmd 38369, CLI 38680-38689; the proxy 38700 (control 38701).
#
# Credentials: the application reads its passcode from the OS keychain, and this run has none (no session bus), so
# it connects without a login and RabbitMQ's STOMP plugin logs it in as its default user, guest (allowed from
# loopback only, which the proxy is). The keychain has its own tests (tst_credentialstore, under gnome-keyring).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
invocation="bench/soak.sh${*:+ $*}"

minutes=30
fault_min=60
fault_max=240
build=build-soak
fault_kinds=broker-restart,broker-kill,proxy-cut,proxy-stall
while (($#)); do
    case $1 in
        --minutes) minutes=$2; shift 2 ;;
        --fault-interval) fault_min=${2%,*}; fault_max=${2#*,}; shift 2 ;;
        --faults) fault_kinds=$2; shift 2 ;;
        --build-dir) build=$2; shift 2 ;;
        -h|--help) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "soak.sh: unknown argument '$1' (--help)" >&2; exit 2 ;;
    esac
done
[[ $minutes =~ ^[0-9]+$ && $fault_min =~ ^[0-9]+$ && $fault_max =~ ^[0-9]+$ ]] && ((minutes > 0 && fault_min > 0 \
    && fault_max >= fault_min)) || { echo "soak.sh: bad --minutes or --fault-interval" >&2; exit 2; }

export TODO_RMQ_AMQP_PORT=38672 TODO_RMQ_STOMP_PORT=38613 TODO_RMQ_WS_PORT=38674 TODO_RMQ_DIST_PORT=38671
export TODO_RMQ_EPMD_PORT=38369 TODO_RMQ_CTL_DIST_PORT_MIN=38680
proxy_port=38700
control_port=38701
destination=/topic/soak.todos
python=/usr/bin/python3 # Debian's, which has python3-stomp

log() { printf '%s soak: %s\n' "$(date +%T)" "$*" >&2; }

scripts/install-deps.sh test

log "building todo-notifier (Release) in $build"
mkdir -p "$build"
if ! { cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DTODO_BUILD_TESTS=OFF -DTODO_BUILD_BENCH=OFF \
    && cmake --build "$build" -j"${TODO_JOBS:-2}" --target todo-notifier; } >"$build/soak-build.log" 2>&1; then
    tail -n 30 "$build/soak-build.log" >&2
    log "build failed (log: $build/soak-build.log)"
    exit 1
fi
app=$root/$build/app/gui/todo-notifier
[[ -x $app ]] || app=$(find "$root/$build" -name todo-notifier -type f -perm -u+x | head -n 1)

run=$root/$build/soak-run
broker=$run/rabbitmq
home=$run/home
scripts/rabbitmq-fixture.sh stop "$broker" >/dev/null 2>&1 || true
rm -rf "$run" # a fresh broker (no durable queue left from an earlier run) and a fresh HOME
mkdir -p "$run/out" "$home"
run_id=soak-$(date +%Y%m%d-%H%M%S)

pids=()
cleanup() {
    local pid
    for pid in "${pids[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    scripts/rabbitmq-fixture.sh stop "$broker" >/dev/null 2>&1 || true
}
trap cleanup EXIT

proxy_cmd() { # proxy_cmd COMMAND...: one control line, prints the answer
    "$python" - "$control_port" "$*" <<'EOF'
import socket, sys
with socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=10) as s:
    s.sendall((sys.argv[2] + "\n").encode())
    print(s.makefile().readline().strip())
EOF
}

rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }

log "starting RabbitMQ in $broker"
scripts/rabbitmq-fixture.sh start "$broker" 2>>"$run/broker.log"

"$python" bench/soak/proxy.py --listen $proxy_port --upstream "$TODO_RMQ_WS_PORT" --control $control_port \
    >"$run/proxy.log" 2>&1 &
pids+=($!)
for _ in $(seq 50); do proxy_cmd stats >/dev/null 2>&1 && break; sleep 0.1; done

# The application's settings: through the proxy, a durable subscription, 10 s heart-beats, reconnects capped at
# 15 s (instead of 60 s) so that a catch-up after the last fault is quick.
cat >"$run/soak.ini" <<EOF
[connection]
urls=ws://127.0.0.1:$proxy_port/ws
transport=websocket
destinations=$destination
durableSubscription=true
heartbeatOutMs=10000
heartbeatInMs=10000
reconnectInitialMs=1000
reconnectMaxMs=15000

[todos]
retentionCount=100000
EOF

log "starting todo-notifier (offscreen, HOME=$home)"
mkdir -p "$home/.config" "$home/.local/share" "$home/.cache" "$home/run"
chmod 700 "$home/run"
env -u DBUS_SESSION_BUS_ADDRESS -u DISPLAY -u WAYLAND_DISPLAY HOME="$home" XDG_CONFIG_HOME="$home/.config" \
    XDG_DATA_HOME="$home/.local/share" XDG_CACHE_HOME="$home/.cache" XDG_RUNTIME_DIR="$home/run" \
    QT_QPA_PLATFORM=offscreen QT_MESSAGE_PATTERN='%{time hh:mm:ss.zzz} %{type} %{category}: %{message}' \
    "$app" --config "$run/soak.ini" --minimized --verbose >"$run/app.log" 2>&1 &
app_pid=$!
pids+=("$app_pid")

store=
for _ in $(seq 100); do
    store=$(find "$home" -name todos.sqlite 2>/dev/null | head -n 1)
    [[ -n $store ]] && break
    sleep 0.1
done
[[ -n $store ]] || { log "the application opened no todos.sqlite under $home (see $run/app.log)"; exit 1; }

# The durable subscription's queue must exist before anything is published to the topic.
log "waiting for the application's durable subscription"
for _ in $(seq 60); do
    if scripts/rabbitmq-fixture.sh ctl "$broker" list_queues -q name durable 2>/dev/null \
        | grep -q 'stomp-subscription.*true'; then
        break
    fi
    sleep 1
done
scripts/rabbitmq-fixture.sh ctl "$broker" list_queues -q name durable 2>/dev/null | grep -q 'stomp-subscription.*true' \
    || { log "no durable subscription queue after 60 s (see $run/app.log)"; exit 1; }

log "publishing one todo a second to $destination for $minutes minutes (run $run_id)"
"$python" bench/soak/publisher.py --port "$TODO_RMQ_STOMP_PORT" --destination "$destination" --run-id "$run_id" \
    --out "$run/out" >"$run/publisher.log" 2>&1 &
publisher_pid=$!
pids+=("$publisher_pid")

declare -A faults=([broker-restart]=0 [broker-kill]=0 [proxy-cut]=0 [proxy-stall]=0)
declare -A fault_weight=([broker-restart]=30 [broker-kill]=20 [proxy-cut]=35 [proxy-stall]=15)
IFS=, read -r -a allowed_faults <<<"$fault_kinds"
for kind in "${allowed_faults[@]}"; do
    [[ -n ${fault_weight[$kind]:-} ]] || { log "unknown fault kind '$kind'"; exit 2; }
done
pick_fault() { # a kind from --faults, by weight
    local total=0 kind roll
    for kind in "${allowed_faults[@]}"; do total=$((total + fault_weight[$kind])); done
    roll=$((RANDOM % total))
    for kind in "${allowed_faults[@]}"; do
        if ((roll < fault_weight[$kind])); then
            echo "$kind"
            return
        fi
        roll=$((roll - fault_weight[$kind]))
    done
}
start_broker() { # a failed start is retried: the run must not end on a broker that is down
    local try
    for try in 1 2 3; do
        scripts/rabbitmq-fixture.sh start "$broker" 2>>"$run/broker.log" && return 0
        log "broker start failed (try $try; see $run/broker.log)"
        sleep 5
    done
    return 1
}
rss_samples=$run/rss.tsv
: >"$rss_samples"
start=$SECONDS
end=$((start + minutes * 60))
warmup=$((start + 60))
rss_warm=
rss_max=0
next_sample=$SECONDS
next_fault=$((SECONDS + fault_min + RANDOM % (fault_max - fault_min + 1)))
while ((SECONDS < end)); do
    if ! kill -0 "$app_pid" 2>/dev/null; then
        log "the application exited (see $run/app.log)"
        break
    fi
    if ((SECONDS >= next_sample)); then
        rss=$(rss_kb "$app_pid")
        printf '%d\t%d\n' $((SECONDS - start)) "$rss" >>"$rss_samples"
        ((rss > rss_max)) && rss_max=$rss
        [[ -z $rss_warm ]] && ((SECONDS >= warmup)) && rss_warm=$rss
        next_sample=$((SECONDS + 10))
    fi
    # No fault in the last minute: the run ends on a healthy path.
    if ((SECONDS >= next_fault && SECONDS < end - 60)); then
        kind=$(pick_fault)
        case $kind in
            broker-restart)
                log "fault: broker restart (graceful)"
                scripts/rabbitmq-fixture.sh stop "$broker" 2>>"$run/broker.log" || log "broker stop failed"
                start_broker
                ;;
            broker-kill)
                log "fault: broker kill -9, then start"
                scripts/rabbitmq-fixture.sh kill "$broker" 2>>"$run/broker.log" || log "broker kill failed"
                sleep 2
                start_broker
                ;;
            proxy-cut)
                log "fault: cut the TCP path ($(proxy_cmd cut))"
                ;;
            proxy-stall)
                stall=$((20 + RANDOM % 26))
                log "fault: black-hole the TCP path for ${stall}s ($(proxy_cmd stall $stall))"
                ;;
        esac
        faults[$kind]=$((faults[$kind] + 1))
        echo "$((SECONDS - start)) $kind" >>"$run/faults.log"
        next_fault=$((SECONDS + fault_min + RANDOM % (fault_max - fault_min + 1)))
    fi
    sleep 1
done
elapsed=$((SECONDS - start))

scripts/rabbitmq-fixture.sh status "$broker" || start_broker || log "the broker is down at the end"
log "stopping the publisher (it sends what has no receipt yet, for up to 90 s)"
kill -TERM "$publisher_pid" 2>/dev/null || true
publisher_status=0
wait "$publisher_pid" || publisher_status=$?

# Catch-up: every receipted todo in the store, or 120 s.
count_missing() {
    "$python" - "$store" "$run/out/published.txt" <<'EOF'
import sqlite3, sys
db = sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True)
stored = {row[0] for row in db.execute("SELECT todo_id FROM todos")}
published = [line.strip() for line in open(sys.argv[2]) if line.strip()]
print(sum(1 for i in published if i not in stored))
EOF
}
log "waiting for the application to catch up"
catchup_start=$SECONDS
while :; do
    missing=$(count_missing 2>/dev/null || echo '?')
    [[ $missing == 0 ]] && break
    ((SECONDS - catchup_start >= 120)) && break
    sleep 2
done
catchup=$((SECONDS - catchup_start))
sleep 3 # let in-flight deliveries settle before reading the final figures
rss_end=$(rss_kb "$app_pid")
((rss_end > rss_max)) && rss_max=$rss_end
[[ -z $rss_warm ]] && rss_warm=$(head -n 1 "$rss_samples" | cut -f2)
app_alive=yes
kill -0 "$app_pid" 2>/dev/null || app_alive=no

mkdir -p bench/results
fault_summary=
for kind in broker-restart broker-kill proxy-cut proxy-stall; do
    fault_summary+="${fault_summary:+, }$kind ${faults[$kind]}"
done
set +e
"$python" bench/soak/report.py --store "$store" --run-dir "$run" --run-id "$run_id" --minutes "$minutes" \
    --elapsed "$elapsed" --catchup "$catchup" --faults "$fault_summary" --rss-warm "${rss_warm:-0}" \
    --rss-end "$rss_end" --rss-max "$rss_max" --app-alive "$app_alive" --publisher-status "$publisher_status" \
    --proxy-stats "$(proxy_cmd stats 2>/dev/null || echo '{}')" --command "$invocation" \
    --app "$app" >"$run/report.md"
status=$?
set -e
cp "$run/report.md" bench/results/soak-latest.md
cat "$run/report.md"
exit $status
