#!/usr/bin/env bash
# One table for every push style the client speaks, beside the reference client where it can speak the style
# (@stomp/stompjs over ws, or over sockjs-client): what `auto` found (protocol and transport), the first todo's latency
# from publish to the CLI's `todo` line, the time from a server restart until `connected` again, and, of 20 todos
# published around that restart, how many were lost and how many were shown twice. Written to
# bench/results/protocols-latest.md with the machine, the versions and the date, and printed. Measurements, not tests:
# nothing passes or fails on a number; a row that could not be measured says why. Not part of ctest or .ci/run.
# Usage: bench/protocols.sh [--only rabbitmq,sockjs,sockjs-http,sockjs-nginx,json-ws,sse,socketio]
# Every server runs on 127.0.0.1 as a plain process, started with the fixture scripts the integration tests use:
# RabbitMQ (STOMP + Web-STOMP) on 127.0.0.1:38xxx (TODO_RMQ_*_PORT, see scripts/rabbitmq-fixture.sh), the Node test
# servers of tests/integration/node and nginx on ephemeral ports, so a running ctest or bench/run.sh is left alone.
# Uses the CLI in build/ (TODO_CLI to override; build it first: cmake --build build --target todo-notifier-cli).
# About 4 minutes, most of it RabbitMQ starting twice. TODO_BENCH_KEEP=1 keeps the scratch directory and its logs.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
only=rabbitmq,sockjs,sockjs-http,sockjs-nginx,json-ws,sse,socketio
while (($#)); do
    case $1 in
    --only) only=$2; shift 2 ;;
    *) echo "usage: bench/protocols.sh [--only rabbitmq,sockjs,sockjs-http,sockjs-nginx,json-ws,sse,socketio]" >&2; exit 2 ;;
    esac
done
want() { [[ ,$only, == *,$1,* ]]; }
log() { echo "protocols: $*" >&2; }

export TODO_CLI=${TODO_CLI:-$root/build/app/cli/todo-notifier-cli}
[[ -x $TODO_CLI ]] || { log "no CLI at $TODO_CLI (cmake --build build --target todo-notifier-cli, or set TODO_CLI)"; exit 1; }
# The reference client: bench/stompjs's lock file (also used by bench/run.sh).
if [[ ! -d bench/stompjs/node_modules/sockjs-client || bench/stompjs/package-lock.json -nt bench/stompjs/node_modules ]]; then
    (cd bench/stompjs && npm ci --no-audit --no-fund --loglevel=error) >&2
fi

work=$(mktemp -d /tmp/todo-bench-protocols.XXXXXX)
export TODO_BENCH_WORK=$work TODO_BENCH_ROOT=$root
node_dir=$root/build/protocols-bench-node # npm packages of the test servers, kept between runs
servers=$work/servers.tsv
: >"$servers"
export TODO_RMQ_AMQP_PORT=${TODO_RMQ_AMQP_PORT:-25672} TODO_RMQ_STOMP_PORT=${TODO_RMQ_STOMP_PORT:-25613}
export TODO_RMQ_WS_PORT=${TODO_RMQ_WS_PORT:-25674} TODO_RMQ_DIST_PORT=${TODO_RMQ_DIST_PORT:-25671}
export TODO_RMQ_EPMD_PORT=${TODO_RMQ_EPMD_PORT:-25369} TODO_RMQ_CTL_DIST_PORT_MIN=${TODO_RMQ_CTL_DIST_PORT_MIN:-25680}
rmq=$work/rabbitmq
node_names=()

cleanup() {
    local name
    scripts/nginx-fixture.sh stop "$work/nginx" >/dev/null 2>&1 || true
    for name in "${node_names[@]}"; do scripts/node-server-fixture.sh stop "$node_dir" "$name" >/dev/null 2>&1 || true; done
    if want rabbitmq; then scripts/rabbitmq-fixture.sh stop "$rmq" >/dev/null 2>&1 || true; fi
    if [[ ${TODO_BENCH_KEEP:-0} == 1 ]]; then log "scratch directory kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

# The last line of a failed start, for the row that cannot be measured.
why() { grep -v '^\s*$' "$1" | tail -n 1 | tr '\t' ' '; }

# RabbitMQ takes ~30 s to start: in the background, while the Node styles are measured.
if want rabbitmq; then
    log "starting RabbitMQ (background)..."
    scripts/rabbitmq-fixture.sh start "$rmq" >"$work/rabbitmq-start.log" 2>&1 &
    rmq_pid=$!
fi

start_node() { # NAME SCRIPT ARGS...
    local name=$1
    node_names+=("$name")
    if scripts/node-server-fixture.sh start "$node_dir" "$@" >"$work/$name-start.log" 2>&1; then
        printf '%s\t%s\n' "$name" "$(cat "$node_dir/$name.port")" >>"$servers"
    else
        printf '%s\t!%s\n' "$name" "$(why "$work/$name-start.log")" >>"$servers"
    fi
}
node_scenarios=()
for s in sockjs sockjs-http sockjs-nginx json-ws sse socketio; do want "$s" && node_scenarios+=("$s"); done
if ((${#node_scenarios[@]})); then
    scripts/node-server-fixture.sh install "$node_dir" >&2
    want sockjs && start_node bp-sockjs sockjs-stomp-server.js --prefix /app/ws
    want sockjs-http && start_node bp-sockjs-http sockjs-stomp-server.js --prefix /app/ws --no-websocket
    if want sockjs-nginx; then
        start_node bp-sockjs-proxied sockjs-stomp-server.js --prefix /app/ws
        if scripts/nginx-fixture.sh start "$work/nginx" "$node_dir/bp-sockjs-proxied.port" >"$work/nginx-start.log" 2>&1; then
            printf 'nginx\t%s\n' "$(cat "$work/nginx/nginx.port")" >>"$servers"
        else
            printf 'nginx\t!%s\n' "$(why "$work/nginx-start.log")" >>"$servers"
        fi
    fi
    want json-ws && start_node bp-json-ws json-ws-server.js
    want sse && start_node bp-sse sse-server.js
    want socketio && start_node bp-socketio socketio-server.js
    sed -i 's/^bp-//' "$servers"
fi

rows=$work/rows.jsonl
: >"$rows"
if ((${#node_scenarios[@]})); then
    node bench/protocols.mjs measure "$servers" "${node_scenarios[@]}" >>"$rows"
fi
if want rabbitmq; then
    if wait "$rmq_pid"; then
        printf 'rabbitmq.dir\t%s\nrabbitmq.stomp\t%s\nrabbitmq.ws\t%s\n' "$rmq" "$TODO_RMQ_STOMP_PORT" "$TODO_RMQ_WS_PORT" >>"$servers"
    else
        printf 'rabbitmq.dir\t!%s\n' "$(why "$work/rabbitmq-start.log")" >>"$servers"
    fi
    node bench/protocols.mjs measure "$servers" rabbitmq >>"$rows"
fi

table=$(node bench/protocols.mjs report <"$rows")
output=bench/results/protocols-latest.md
command="bench/protocols.sh"
if [[ $only != rabbitmq,sockjs,sockjs-http,sockjs-nginx,json-ws,sse,socketio ]]; then
    output=$root/build/protocols-results.md # a partial run is not the table that is quoted
    command="bench/protocols.sh --only $only"
fi
# The commit measured (dirty only for changes outside bench/results, which this run rewrites).
revision=$(git rev-parse --short HEAD 2>/dev/null || echo '?')
git diff --quiet HEAD -- . ':!bench/results' 2>/dev/null || revision+=-dirty
version() { node -p "require('$(realpath -m "$1")/package.json').version" 2>/dev/null || echo '?'; }
mkdir -p "$(dirname "$output")"
{
    echo "# Push styles side by side"
    echo
    echo "Produced by \`$command\` on $(date -u +%Y-%m-%d) (todo-notifier $revision)."
    echo
    echo "- machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(free -g | awk '/Mem:/{print $2}') GiB; everything on 127.0.0.1"
    echo "- Qt $(qtpaths6 --qt-version 2>/dev/null || echo '?'), Node $(node --version), RabbitMQ $(dpkg-query -W -f='${Version}' rabbitmq-server 2>/dev/null || echo '?'), $(nginx -v 2>&1 | sed 's/^nginx version: //'), python3-stomp $(dpkg-query -W -f='${Version}' python3-stomp 2>/dev/null || echo '?')"
    echo "- servers (npm): sockjs $(version "$node_dir/node_modules/sockjs"), ws $(version "$node_dir/node_modules/ws"), better-sse $(version "$node_dir/node_modules/better-sse"), socket.io $(version "$node_dir/node_modules/socket.io"); reference client: @stomp/stompjs $(version bench/stompjs/node_modules/@stomp/stompjs), sockjs-client $(version bench/stompjs/node_modules/sockjs-client), ws $(version bench/stompjs/node_modules/ws)"
    echo "- how: each client is started (\`listen --store\`, protocol \`auto\`), waits for \`connected\` and a warm-up todo; then 5 single todos, each waited for: latency = the moment its line (\`todo\` from our CLI, one per NEW todo; one line per message from the reference) is read from the client's pipe - the moment just before it was published (python3-stomp's send time for RabbitMQ, the control API POST for the Node servers). Then 10 todos, the restart (RabbitMQ: \`rabbitmq-fixture.sh restart\`, a graceful stop and a start; the Node servers: \`/control/restart?ms=${TODO_BENCH_DOWN_MS:-2000}\`), 10 more while the server is away where its control API stays up (json-ws, SSE, Socket.IO) or as soon as it is back (RabbitMQ, SockJS), and a bounded wait (30 s after the server is back, 90 s for RabbitMQ) for every client to reconnect and have all 20, plus 2 s for late duplicates. Reconnect = first \`connected\` after the restart began - the restart's start; server away = until the server accepted connections again (RabbitMQ: both its STOMP and Web-STOMP ports; the Node servers: the ms they were told). Lost = of those 20, ids never seen; twice = ids seen more than once (our CLI prints a todo once per store, so that is a notification shown twice; the reference has no store: a message delivered again)."
    echo "- our CLI and the reference run against the same server at the same time (each on its own durable queue where the server has queues); the reference reconnects with stompjs's defaults (every 5 s), our CLI with its own (1 s, doubling up to 60 s)."
    echo
    echo "$table"
    echo
    echo "Notes:"
    echo
    echo "- What each style can promise about todos pushed while a client is away. STOMP (RabbitMQ): with a durable subscription (its own queue, kept across the restart), persistent messages and ack:client nothing is lost, and a message that was not acknowledged before the cut comes again (marked redelivered): our store recognises it, so it is not shown twice; the reference has no store, so such a message counts twice for it. The SockJS test server's /queue/NAME behaves the same way. SSE: the server replays every event after the client's Last-Event-ID, so nothing is lost while the server keeps its events. Plain JSON WebSocket and Socket.IO keep nothing for a connection that is away: only the server's catch-up list (\`--pending-url\`, here /pending) brings back what was pushed meanwhile; a server without one loses it. Socket.IO's connection state recovery (on in this server) helps only when the connection dropped and the server kept the session, not after a restart that ends the sessions, as here."
    echo "- Reconnect is one restart per row and includes each client's back-off: ours waits about 1 s, then about twice as long each time (with jitter) up to 60 s, so after a 2 s absence it connects at whichever attempt first falls after the server is back (2-6 s); during RabbitMQ's restart (a stop and a start, tens of seconds) its delays grow to tens of seconds, so it may come back well after the broker. stompjs tries every 5 s; over SockJS xhr-streaming on Node it notices the cut stream only when its 10 s heart-beat runs out, hence its longer times there."
    echo "- Latency is one todo at a time on an idle loopback, so it measures the path (our CLI also parses and commits each todo to SQLite before printing it), not throughput; see bench/results/latest.md for bursts."
} >"$output"
echo "$table"
log "written to $output"
