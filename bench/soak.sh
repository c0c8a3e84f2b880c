#!/usr/bin/env bash
# bench/soak.sh [--protocol P] [--cluster] [--minutes N] [--fault-interval MIN,MAX] [--faults KIND,...]
#               [--no-catch-up] [--build-dir DIR]
# The soak run (not in CI): the tray application, connected through a fault-injecting TCP proxy to a real push
# server, for N minutes (default 30) while a publisher pushes one todo a second through the server's own publishing
# path and a fault injector, MIN–MAX seconds (default 60,240) after the previous fault ended, restarts or kills the
# server or cuts or stalls the TCP path (one fault at a time). Then it stops publishing, waits (bounded) for the
# application to catch up and reports todos published against todos stored in the application's todos.sqlite, what
# the protocol itself promises, todos lost (classified) and stored twice, reconnects, faults by kind and the
# application's resident memory.
#
# --protocol P (default stomp-ws):
#   stomp-ws    RabbitMQ Web-STOMP (ws://), a durable subscription to /topic/soak.todos; publisher: python3-stomp,
#               persistent, with receipts (published = receipted). Faults: broker-restart, broker-kill (SIGKILL),
#               proxy-cut, proxy-stall (weighted 30/20/35/15).
#   stomp-tcp   the same over RabbitMQ's STOMP port (stomp://).
#   sockjs-xhr  tests/integration/node/sockjs-stomp-server.js --no-websocket (SockJS xhr-streaming), its durable
#               queue /queue/soak.todos with client acks (the application's: cumulative). Publisher (this and the
#               next three): bench/soak/push_publisher.py, POST /control/push (or /emit) to the server, a 2xx answer
#               = published.
#               Faults: server-restart (POST /control/restart?ms=2000..15000: connections cut, queues/events/pending
#               list kept), proxy-cut, proxy-stall (weighted 40/40/20).
#   json-ws     json-ws-server.js --echo-keepalive (plain JSON WebSocket; keep-alive every 10 s); the app's catch-up
#               URL (links/pendingListUrl) is the server's /pending, which keeps every todo.
#   socketio    socketio-server.js (Socket.IO 4, connection state recovery for 60 s; ping 10 s + 5 s), event `todo`;
#               catch-up URL /pending as for json-ws. Faults add server-drop (restart with mode=drop: Engine.IO
#               connections closed, sessions kept for recovery): weighted 20/20/40/20 with server-restart.
#   sse         sse-server.js (Server-Sent Events, event `todo`, every event kept and replayed after Last-Event-ID).
# The Node servers keep their state in memory, so they are restarted through their control API, never killed.
# --no-catch-up (json-ws, socketio): no catch-up URL, so the protocol alone is measured.
# --cluster (stomp-ws, stomp-tcp): a three-node RabbitMQ cluster (scripts/rabbitmq-cluster-fixture.sh) instead of the
#   broker; the app gets the three nodes' URLs, each through its own proxy, subscribes to the quorum queue
#   /amq/queue/todo-cluster (client acks, the application's default connection/prefetchCount); the
#   publisher follows the cluster (all three STOMP ports, re-sends what has no receipt after a reconnect). Faults,
#   one at a time, never two nodes down: node-kill (SIGKILL, then start-node), node-restart (graceful), node-pause
#   (SIGSTOP 20-40 s: a partition, then SIGCONT) of the queue's leader, the app's node or a random node (a third
#   each), proxy-cut, proxy-stall (on the proxy of the node the app is connected to); weighted 20/15/20/30/15.
# One soak per protocol (and --cluster) at a time: a second one refuses to start (BUILD_DIR/.soak-<tag>.pid).
# --faults limits the kinds (default: all of the run's). No fault starts in the last minute.
#
# Verdict: FAIL (exit 1) when a todo is stored twice, the application did not survive, nothing was published, or a
# published todo is missing where the protocol (as configured) promises it: stomp-ws, stomp-tcp, sockjs-xhr (acks +
# a durable queue), sse (Last-Event-ID replay), json-ws and socketio with the catch-up URL, the cluster. Without
# the catch-up URL a lost json-ws/socketio todo is reported with its cause (pushed while disconnected, no replay in
# this protocol; or written to a connection that then broke) and does not fail the run.
#
# Output: the report on stdout and in bench/results/soak-<protocol>[-cluster]-latest.md (stomp-ws also
# bench/results/soak-latest.md); logs, the servers and the app's HOME in BUILD_DIR/soak-run-<protocol>[-cluster]/.
# Two soaks of different protocols (or one single-broker and one cluster) may run at the same time.
#
# Ports (127.0.0.1, all below the kernel's ephemeral range 32768-60999; tests use 26xxx, the benchmarks 27xxx, the
# fleet 28xxx): stomp-ws: RabbitMQ AMQP 25672, STOMP 25613, Web-STOMP 25674, distribution 25671, epmd 25369, CLI
# 25680-25689, the proxy 25700 (control 25701). stomp-tcp: 251xx (AMQP 25102, STOMP 25103, Web-STOMP 25104,
# distribution 25101, epmd 25105, CLI 25110-25119, proxy 25120/25121).
# sockjs-xhr 252xx, json-ws 254xx, socketio 255xx, sse 250xx: the server on xx01, the proxy on xx20 (control xx21).
# --cluster: TODO_RMQC_BASE_PORT 25800 (stomp-ws) or 25900 (stomp-tcp), i.e. B..B+79; the proxies B+90, B+92, B+94
# (control one above each).
#
# Credentials: the application reads its passcode from the OS keychain, and this run has none (no session bus), so
# it connects without a login and RabbitMQ's STOMP plugin logs it in as its default user, guest (allowed from
# loopback only, which the proxy is). The keychain has its own tests (tst_credentialstore, under gnome-keyring).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
invocation="bench/soak.sh${*:+ $*}"

protocol=stomp-ws
cluster=0
catch_up=1
minutes=30
fault_min=60
fault_max=240
build="build-soak"
fault_kinds=
while (($#)); do
    case $1 in
        --protocol) protocol=${2:-}; shift 2 ;;
        --cluster) cluster=1; shift ;;
        --no-catch-up) catch_up=0; shift ;;
        --minutes) minutes=${2:-}; shift 2 ;;
        --fault-interval) fault_min=${2%,*}; fault_max=${2#*,}; shift 2 ;;
        --faults) fault_kinds=${2:-}; shift 2 ;;
        --build-dir) build=${2:-}; shift 2 ;;
        -h|--help) sed -n '2,/^set -euo pipefail/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "soak.sh: unknown argument '$1' (--help)" >&2; exit 2 ;;
    esac
done
if ! [[ $minutes =~ ^[0-9]+$ && $fault_min =~ ^[0-9]+$ && $fault_max =~ ^[0-9]+$ ]] \
    || ((minutes == 0 || fault_min == 0 || fault_max < fault_min)); then
    echo "soak.sh: bad --minutes or --fault-interval" >&2
    exit 2
fi
case $protocol in
    stomp-ws|stomp-tcp) rabbit=1 ;;
    sockjs-xhr|json-ws|socketio|sse) rabbit=0 ;;
    *) echo "soak.sh: unknown protocol '$protocol' (stomp-ws, stomp-tcp, sockjs-xhr, json-ws, socketio, sse)" >&2
       exit 2 ;;
esac
((cluster == 0 || rabbit)) || { echo "soak.sh: --cluster goes with stomp-ws or stomp-tcp" >&2; exit 2; }
[[ $catch_up == 1 || $protocol == json-ws || $protocol == socketio ]] \
    || { echo "soak.sh: --no-catch-up goes with json-ws or socketio" >&2; exit 2; }
[[ $protocol == json-ws || $protocol == socketio ]] || catch_up=0 # no catch-up URL for the others
python=/usr/bin/python3 # Debian's, which has python3-stomp

# ------------------------------------------------------------------------------------------------ the run's setup
declare -A fault_weight
if ((cluster)); then
    fault_weight=([node-kill]=20 [node-restart]=15 [node-pause]=20 [proxy-cut]=30 [proxy-stall]=15)
    all_faults="node-kill,node-restart,node-pause,proxy-cut,proxy-stall"
    if [[ $protocol == stomp-ws ]]; then cluster_base=25800; else cluster_base=25900; fi
    export TODO_RMQC_BASE_PORT=$cluster_base
    proxy_ports=($((cluster_base + 90)) $((cluster_base + 92)) $((cluster_base + 94)))
    destination=/amq/queue/todo-cluster
    tag=$protocol-cluster
elif ((rabbit)); then
    fault_weight=([broker-restart]=30 [broker-kill]=20 [proxy-cut]=35 [proxy-stall]=15)
    all_faults="broker-restart,broker-kill,proxy-cut,proxy-stall"
    if [[ $protocol == stomp-ws ]]; then
        export TODO_RMQ_AMQP_PORT=25672 TODO_RMQ_STOMP_PORT=25613 TODO_RMQ_WS_PORT=25674 TODO_RMQ_DIST_PORT=25671
        export TODO_RMQ_EPMD_PORT=25369 TODO_RMQ_CTL_DIST_PORT_MIN=25680
        proxy_ports=(25700)
    else
        export TODO_RMQ_AMQP_PORT=25102 TODO_RMQ_STOMP_PORT=25103 TODO_RMQ_WS_PORT=25104 TODO_RMQ_DIST_PORT=25101
        export TODO_RMQ_EPMD_PORT=25105 TODO_RMQ_CTL_DIST_PORT_MIN=25110
        proxy_ports=(25120)
    fi
    destination=/topic/soak.todos
    tag=$protocol
else
    case $protocol in
        sockjs-xhr) range=252 ;;
        json-ws) range=254 ;;
        socketio) range=255 ;;
        sse) range=250 ;;
    esac
    server_port=${range}01
    proxy_ports=("${range}20")
    if [[ $protocol == socketio ]]; then
        fault_weight=([server-restart]=20 [server-drop]=20 [proxy-cut]=40 [proxy-stall]=20)
        all_faults="server-restart,server-drop,proxy-cut,proxy-stall"
    else
        fault_weight=([server-restart]=40 [proxy-cut]=40 [proxy-stall]=20)
        all_faults="server-restart,proxy-cut,proxy-stall"
    fi
    destination=/queue/soak.todos # sockjs-xhr only
    tag=$protocol
    if ((catch_up == 0)) && [[ $protocol == json-ws || $protocol == socketio ]]; then
        tag=$protocol-no-catch-up
    fi
fi
IFS=, read -r -a allowed_faults <<<"${fault_kinds:-$all_faults}"
for kind in "${allowed_faults[@]}"; do
    [[ -n ${fault_weight[$kind]:-} ]] || { echo "soak.sh: fault '$kind' is not one of $all_faults" >&2; exit 2; }
done
IFS=, read -r -a fault_list <<<"$all_faults"

log() { printf '%s soak[%s]: %s\n' "$(date +%T)" "$tag" "$*" >&2; }

# ------------------------------------------------------------------------------------------------ build (shared)
mkdir -p "$build"
exec {build_lock}>"$build/.soak-build.lock" # two soaks at once build (and install npm packages) one after the other
flock "$build_lock"
scripts/install-deps.sh test
log "building todo-notifier (Release) in $build"
if ! { cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DTODO_BUILD_TESTS=OFF -DTODO_BUILD_BENCH=OFF \
    && cmake --build "$build" -j"${TODO_JOBS:-2}" --target todo-notifier; } >"$build/soak-build.log" 2>&1; then
    tail -n 30 "$build/soak-build.log" >&2
    log "build failed (log: $build/soak-build.log)"
    exit 1
fi
if ((!rabbit)); then
    scripts/node-server-fixture.sh install "$root/$build/node" >"$build/soak-npm.log" 2>&1 \
        || { cat "$build/soak-npm.log" >&2; log "npm install failed"; exit 1; }
fi
flock -u "$build_lock"
app=$root/$build/app/gui/todo-notifier
[[ -x $app ]] || app=$(find "$root/$build" -name todo-notifier -type f -perm -u+x | head -n 1)

run=$root/$build/soak-run-$tag
# One soak per run directory: a second one would stop this one's servers and delete its files.
owner=$root/$build/.soak-$tag.pid
if [[ -s $owner ]] && other=$(cat "$owner") && [[ $other != "$$" ]] \
    && tr '\0' ' ' <"/proc/$other/cmdline" 2>/dev/null | grep -q soak; then
    log "another soak of $tag runs (pid $other, $owner): not starting"
    exit 1
fi
echo $$ >"$owner"
broker=$run/rabbitmq
nodes=$run/cluster
node_dir=$run/node
home=$run/home
scripts/rabbitmq-fixture.sh stop "$broker" >/dev/null 2>&1 || true
scripts/rabbitmq-cluster-fixture.sh stop "$nodes" >/dev/null 2>&1 || true
scripts/node-server-fixture.sh stop "$node_dir" server >/dev/null 2>&1 || true
rm -rf "$run" # a fresh broker (no durable queue left from an earlier run) and a fresh HOME
mkdir -p "$run/out" "$home"
: >"$run/faults.log"
run_id=soak-$tag-$(date +%Y%m%d-%H%M%S)

pids=()
fault_pid=
# shellcheck disable=SC2317 # called by the EXIT trap
cleanup() {
    local pid
    [[ -n $fault_pid ]] && kill "$fault_pid" 2>/dev/null
    [[ $(cat "$owner" 2>/dev/null) == "$$" ]] && rm -f "$owner"
    for pid in "${pids[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    if ((cluster)); then
        scripts/rabbitmq-cluster-fixture.sh stop "$nodes" >/dev/null 2>&1 || true
    elif ((rabbit)); then
        scripts/rabbitmq-fixture.sh stop "$broker" >/dev/null 2>&1 || true
    else
        scripts/node-server-fixture.sh stop "$node_dir" server >/dev/null 2>&1 || true
    fi
}
trap cleanup EXIT

proxy_cmd() { # proxy_cmd N COMMAND...: one control line to proxy N (0-based), prints the answer
    local n=$1
    shift
    "$python" - $((proxy_ports[n] + 1)) "$*" <<'EOF'
import socket, sys
with socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=10) as s:
    s.sendall((sys.argv[2] + "\n").encode())
    print(s.makefile().readline().strip())
EOF
}

http_post() { # http_post PATH: POST to the Node server's control API, prints the answer
    curl -sS --max-time 10 -X POST "http://127.0.0.1:$server_port$1"
}

rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }

start_proxy() { # start_proxy N UPSTREAM_PORT
    "$python" bench/soak/proxy.py --listen "${proxy_ports[$1]}" --upstream "$2" --control $((proxy_ports[$1] + 1)) \
        >"$run/proxy$(($1 + 1)).log" 2>&1 &
    pids+=($!)
    for _ in $(seq 50); do proxy_cmd "$1" stats >/dev/null 2>&1 && break; sleep 0.1; done
    if ! kill -0 "${pids[-1]}" 2>/dev/null; then # its port is taken: another soak's proxy would answer instead
        log "the proxy on ${proxy_ports[$1]} did not start (port in use?): $(tail -n 1 "$run/proxy$(($1 + 1)).log")"
        exit 1
    fi
}

# ------------------------------------------------------------------------------------------------ the server
if ((cluster)); then
    log "starting a three-node RabbitMQ cluster in $nodes (ports from $cluster_base)"
    scripts/rabbitmq-cluster-fixture.sh start "$nodes" 2>>"$run/cluster.log" \
        || { tail -n 30 "$run/cluster.log" >&2; log "the cluster did not start"; exit 1; }
    stomp_ports=()
    for n in 1 2 3; do
        stomp_ports+=("$(cat "$nodes/node$n.stomp.port")")
        if [[ $protocol == stomp-ws ]]; then upstream=$(cat "$nodes/node$n.ws.port"); else upstream=${stomp_ports[-1]}; fi
        start_proxy $((n - 1)) "$upstream"
    done
elif ((rabbit)); then
    log "starting RabbitMQ in $broker"
    scripts/rabbitmq-fixture.sh start "$broker" 2>>"$run/broker.log"
    if [[ $protocol == stomp-ws ]]; then start_proxy 0 "$TODO_RMQ_WS_PORT"; else start_proxy 0 "$TODO_RMQ_STOMP_PORT"; fi
else
    mkdir -p "$node_dir"
    ln -s "$root/$build/node/node_modules" "$node_dir/node_modules"
    case $protocol in
        sockjs-xhr) server=(sockjs-stomp-server.js --no-websocket) ;;
        json-ws) server=(json-ws-server.js --echo-keepalive) ;;
        socketio) server=(socketio-server.js --ping-interval 10000 --ping-timeout 5000) ;;
        sse) server=(sse-server.js) ;;
    esac
    log "starting ${server[*]} on $server_port"
    scripts/node-server-fixture.sh start "$node_dir" server "${server[@]}" --port "$server_port" >>"$run/server.log" 2>&1 \
        || { cat "$run/server.log" >&2; log "the server did not start"; exit 1; }
    start_proxy 0 "$server_port"
fi

# ------------------------------------------------------------------------------------------------ the application
# Through the proxy, 10 s heart-beats (or keep-alives), reconnects capped at 15 s (instead of 60 s) so that a
# catch-up after the last fault is quick.
p=${proxy_ports[0]}
{
    echo "[connection]"
    case $protocol in
        stomp-ws)
            if ((cluster)); then
                echo "urls=ws://127.0.0.1:${proxy_ports[0]}/ws, ws://127.0.0.1:${proxy_ports[1]}/ws, ws://127.0.0.1:${proxy_ports[2]}/ws"
            else
                echo "urls=ws://127.0.0.1:$p/ws"
            fi
            echo "transport=websocket"
            ;;
        stomp-tcp)
            if ((cluster)); then
                echo "urls=stomp://127.0.0.1:${proxy_ports[0]}, stomp://127.0.0.1:${proxy_ports[1]}, stomp://127.0.0.1:${proxy_ports[2]}"
            else
                echo "urls=stomp://127.0.0.1:$p"
            fi
            echo "protocol=stomp"
            ;;
        sockjs-xhr) echo "urls=http://127.0.0.1:$p/app/ws"; echo "protocol=sockjs" ;;
        json-ws)
            echo "urls=ws://127.0.0.1:$p/"
            echo "protocol=json-ws"
            echo 'keepAliveMessage="{\"keepalive\":\"live\"}"'
            echo "keepAliveIntervalMs=10000"
            ;;
        socketio) echo "urls=http://127.0.0.1:$p/"; echo "protocol=socketio"; echo "events=todo" ;;
        sse) echo "urls=http://127.0.0.1:$p/events"; echo "protocol=sse"; echo "events=todo" ;;
    esac
    if ((cluster)); then
        echo "destinations=$destination"
        : # connection/prefetchCount: the application's default
    elif ((rabbit)); then
        echo "destinations=$destination"
        echo "durableSubscription=true"
    elif [[ $protocol == sockjs-xhr ]]; then
        echo "destinations=$destination"
    fi
    cat <<EOF
heartbeatOutMs=10000
heartbeatInMs=10000
reconnectInitialMs=1000
reconnectMaxMs=15000

[todos]
retentionCount=100000
EOF
    if ((catch_up)); then
        printf '\n[links]\npendingListUrl=http://127.0.0.1:%s/pending\n' "$p"
    fi
} >"$run/soak.ini"

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

connected_re='connected: STOMP|(json-ws|sse|socketio) connected to '
if ((rabbit && !cluster)); then
    # The durable subscription's queue must exist before anything is published to the topic.
    log "waiting for the application's durable subscription"
    for _ in $(seq 60); do
        if scripts/rabbitmq-fixture.sh ctl "$broker" list_queues -q name durable 2>/dev/null \
            | grep -q 'stomp-subscription.*true'; then
            break
        fi
        sleep 1
    done
    scripts/rabbitmq-fixture.sh ctl "$broker" list_queues -q name durable 2>/dev/null \
        | grep -q 'stomp-subscription.*true' || { log "no durable subscription queue after 60 s (see $run/app.log)"; exit 1; }
else
    # A queue keeps what comes before the subscriber, but SSE replays nothing to a first connection, a plain
    # WebSocket delivers nothing to nobody: publish once the application is connected.
    log "waiting for the application to connect"
    for _ in $(seq 60); do
        grep -Eq "$connected_re" "$run/app.log" && break
        sleep 1
    done
    grep -Eq "$connected_re" "$run/app.log" || { log "the application did not connect in 60 s (see $run/app.log)"; exit 1; }
fi

# ------------------------------------------------------------------------------------------------ the publisher
if ((cluster)); then
    log "publishing one todo a second to $destination on the cluster for $minutes minutes (run $run_id)"
    ports_csv=$(IFS=,; echo "${stomp_ports[*]}")
    "$python" bench/soak/publisher.py --ports "$ports_csv" --destination "$destination" --run-id "$run_id" \
        --out "$run/out" >"$run/publisher.log" 2>&1 &
elif ((rabbit)); then
    log "publishing one todo a second to $destination for $minutes minutes (run $run_id)"
    "$python" bench/soak/publisher.py --port "$TODO_RMQ_STOMP_PORT" --destination "$destination" --run-id "$run_id" \
        --out "$run/out" >"$run/publisher.log" 2>&1 &
else
    publisher_server=$protocol
    [[ $protocol == sockjs-xhr ]] && publisher_server=sockjs
    log "pushing one todo a second through the server's control API for $minutes minutes (run $run_id)"
    "$python" bench/soak/push_publisher.py --server "$publisher_server" --port "$server_port" \
        --destination "$destination" --run-id "$run_id" --out "$run/out" >"$run/publisher.log" 2>&1 &
fi
publisher_pid=$!
pids+=("$publisher_pid")

# ------------------------------------------------------------------------------------------------ faults
declare -A faults=()
for kind in "${fault_list[@]}"; do faults[$kind]=0; done
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
cluster_cmd() { scripts/rabbitmq-cluster-fixture.sh "$1" "$nodes" "${@:2}" 2>>"$run/cluster.log"; }
start_node() { # start_node N, retried
    local try
    for try in 1 2 3; do
        cluster_cmd start-node "$1" && return 0
        log "start-node $1 failed (try $try; see $run/cluster.log)"
        sleep 5
    done
    return 1
}
heal_cluster() { # every node running and in the cluster again; 0 if it was or is now
    local line n state ok=0
    while read -r line; do
        n=${line:4:1}
        state=${line##* }
        case $state in
            paused) cluster_cmd resume-node "$n" || ok=1 ;;
            down) start_node "$n" || ok=1 ;;
        esac
    done < <(cluster_cmd status || true)
    return "$ok"
}
busiest_proxy() { # the proxy with open connections (the node the app is on), else a random one
    local n
    for n in "${!proxy_ports[@]}"; do
        if [[ $(proxy_cmd "$n" stats 2>/dev/null) =~ \"open\":\ ([0-9]+) ]] && ((BASH_REMATCH[1] > 0)); then
            echo "$n"
            return
        fi
    done
    echo $((RANDOM % ${#proxy_ports[@]}))
}
leader() { cluster_cmd leader todo-cluster 2>/dev/null || echo '?'; }

# run_fault KIND T: one fault, run in the background (the main loop keeps sampling); appends its line to faults.log.
run_fault() {
    local kind=$1 t=$2 detail='' n ms stall before role
    case $kind in
        broker-restart)
            log "fault: broker restart (graceful)"
            scripts/rabbitmq-fixture.sh stop "$broker" 2>>"$run/broker.log" || log "broker stop failed"
            start_broker || log "the broker did not start again"
            ;;
        broker-kill)
            log "fault: broker kill -9, then start"
            scripts/rabbitmq-fixture.sh kill "$broker" 2>>"$run/broker.log" || log "broker kill failed"
            sleep 2
            start_broker || log "the broker did not start again"
            ;;
        proxy-cut|proxy-stall)
            n=0
            ((cluster)) && n=$(busiest_proxy)
            ((cluster)) && detail=" node$((n + 1))"
            if [[ $kind == proxy-cut ]]; then
                log "fault: cut the TCP path$detail ($(proxy_cmd "$n" cut))"
            else
                stall=$((20 + RANDOM % 26))
                log "fault: black-hole the TCP path$detail for ${stall}s ($(proxy_cmd "$n" stall $stall))"
                detail+=" ${stall}s"
                sleep "$stall" # the next fault comes after this one
            fi
            ;;
        server-restart|server-drop)
            ms=$((2000 + RANDOM % 13001))
            if [[ $kind == server-restart ]]; then
                log "fault: server restart, down for $ms ms ($(http_post "/control/restart?ms=$ms" 2>&1))"
            else
                log "fault: server drops its connections, down for $ms ms ($(http_post "/control/restart?ms=$ms&mode=drop" 2>&1))"
            fi
            detail=" ${ms}ms"
            ;;
        node-kill|node-restart|node-pause)
            if ! cluster_cmd status >/dev/null; then # never two nodes down: heal first, fault next time
                log "fault $kind skipped: not every node is running; healing"
                heal_cluster || log "healing the cluster failed"
                echo "$t $kind skipped" >>"$run/faults.log"
                return
            fi
            # The node: the queue's leader, the application's node or any, a third of the time each.
            before=$(leader)
            case $((RANDOM % 3)) in
                0) n=$before; role=leader ;;
                1) n=$(($(busiest_proxy) + 1)); role="the app's node" ;;
                *) n=$((1 + RANDOM % 3)); role=random ;;
            esac
            [[ $n =~ ^[123]$ ]] || { n=$((1 + RANDOM % 3)); role=random; }
            case $kind in
                node-kill)
                    log "fault: node$n kill -9 (queue leader: node$before), then start-node"
                    cluster_cmd kill-node "$n" || log "kill-node $n failed"
                    sleep 2
                    start_node "$n" || log "node$n did not come back"
                    ;;
                node-restart)
                    log "fault: node$n graceful restart (queue leader: node$before)"
                    cluster_cmd stop-node "$n" || log "stop-node $n failed"
                    start_node "$n" || log "node$n did not come back"
                    ;;
                node-pause)
                    stall=$((20 + RANDOM % 21))
                    log "fault: node$n paused (SIGSTOP) for ${stall}s (queue leader: node$before)"
                    cluster_cmd pause-node "$n" || log "pause-node $n failed"
                    sleep "$stall"
                    cluster_cmd resume-node "$n" || { log "resume-node $n failed"; heal_cluster || true; }
                    ;;
            esac
            detail=" node$n ($role)${stall:+ ${stall}s}, queue leader node$before->node$(leader)"
            ;;
    esac
    echo "$t $kind$detail" >>"$run/faults.log"
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
    if [[ -n $fault_pid ]] && ! kill -0 "$fault_pid" 2>/dev/null; then
        wait "$fault_pid" || true
        fault_pid=
        # The interval counts from the end of the previous fault: faults never overlap.
        next_fault=$((SECONDS + fault_min + RANDOM % (fault_max - fault_min + 1)))
    fi
    # No fault starts in the last minute: the run ends on a healthy path.
    if [[ -z $fault_pid ]] && ((SECONDS >= next_fault && SECONDS < end - 60)); then
        kind=$(pick_fault)
        faults[$kind]=$((faults[$kind] + 1))
        run_fault "$kind" $((SECONDS - start)) &
        fault_pid=$!
        next_fault=$end
    fi
    sleep 1
done
if [[ -n $fault_pid ]]; then
    log "waiting for the last fault to end"
    wait "$fault_pid" || true
    fault_pid=
fi
elapsed=$((SECONDS - start))

if ((cluster)); then
    heal_cluster || log "the cluster is not whole at the end"
elif ((rabbit)); then
    scripts/rabbitmq-fixture.sh status "$broker" || start_broker || log "the broker is down at the end"
else
    if ! { [[ -f $node_dir/server.pid ]] && kill -0 "$(cat "$node_dir/server.pid")" 2>/dev/null; }; then
        log "the server is not running at the end (see $node_dir/server.log)"
    fi
fi
log "stopping the publisher (it sends what is not published yet, for up to 90 s)"
kill -TERM "$publisher_pid" 2>/dev/null || true
publisher_status=0
wait "$publisher_pid" || publisher_status=$?

# Catch-up: every published todo in the store, or 120 s (where a loss is no failure: 20 s without progress).
count_missing() {
    "$python" - "$store" "$run/out/published.txt" <<'EOF'
import sqlite3, sys
db = sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True)
stored = {row[0] for row in db.execute("SELECT todo_id FROM todos")}
published = [line.strip() for line in open(sys.argv[2]) if line.strip()]
print(sum(1 for i in published if i not in stored))
EOF
}
strict=1
[[ $protocol == json-ws || $protocol == socketio ]] && ((!catch_up)) && strict=0
log "waiting for the application to catch up"
catchup_start=$SECONDS
last_missing=
last_change=$SECONDS
while :; do
    missing=$(count_missing 2>/dev/null || echo '?')
    [[ $missing == 0 ]] && break
    [[ $missing != "$last_missing" ]] && { last_missing=$missing; last_change=$SECONDS; }
    ((SECONDS - catchup_start >= 120)) && break
    ((!strict && SECONDS - last_change >= 20)) && break
    sleep 2
done
catchup=$((SECONDS - catchup_start))
if ((!rabbit)); then # the server's own view, for the report
    get() { curl -sS --max-time 10 "http://127.0.0.1:$server_port$1" || echo null; }
    case $protocol in
        sockjs-xhr) echo "{\"sessions\": $(get /control/sessions), \"queues\": $(get /control/queues)}" ;;
        socketio) get /control/state ;;
        *) get /control/connections ;;
    esac >"$run/server-state.json" 2>>"$run/server.log"
fi
sleep 3 # let in-flight deliveries settle before reading the final figures
rss_end=$(rss_kb "$app_pid")
((rss_end > rss_max)) && rss_max=$rss_end
[[ -z $rss_warm ]] && rss_warm=$(head -n 1 "$rss_samples" | cut -f2)
app_alive=yes
kill -0 "$app_pid" 2>/dev/null || app_alive=no

mkdir -p bench/results
fault_summary=
for kind in "${fault_list[@]}"; do
    fault_summary+="${fault_summary:+, }$kind ${faults[$kind]}"
done
proxy_stats=
for n in "${!proxy_ports[@]}"; do
    stats=$(proxy_cmd "$n" stats 2>/dev/null || echo '{}')
    if ((cluster)); then proxy_stats+="${proxy_stats:+; }node$((n + 1)): $stats"; else proxy_stats=$stats; fi
done
set +e
"$python" bench/soak/report.py --store "$store" --run-dir "$run" --run-id "$run_id" --minutes "$minutes" \
    --elapsed "$elapsed" --catchup "$catchup" --faults "$fault_summary" --rss-warm "${rss_warm:-0}" \
    --rss-end "$rss_end" --rss-max "$rss_max" --app-alive "$app_alive" --publisher-status "$publisher_status" \
    --proxy-stats "$proxy_stats" --command "$invocation" --app "$app" --protocol "$protocol" --cluster "$cluster" \
    --catch-up "$catch_up" >"$run/report.md"
status=$?
set -e
cp "$run/report.md" "bench/results/soak-$tag-latest.md"
[[ $tag == stomp-ws ]] && cp "$run/report.md" bench/results/soak-latest.md
cat "$run/report.md"
exit $status
