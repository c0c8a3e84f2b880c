#!/usr/bin/env bash
# The fleet benchmark: a thousand desktops on one RabbitMQ that is restarted under them (the reconnect storm), beside
# the same fleet of @stomp/stompjs clients with the library's default reconnecting and with its exponential mode; and
# ten thousand idle connections of ours on one machine (memory and CPU per connection). bench/run.sh runs it as its
# part `fleet` and puts its tables in bench/results/latest.md; run alone, it writes them beside the build
# (build-bench/fleet-results.md; bench/fleet/report.mjs makes them). A measurement, not a test: nothing passes or
# fails on a number.
#
# Usage: bench/fleet/run.sh [--clients N] [--todos K] [--idle N] [--idle-processes P] [--idle-window S] [--quick]
#                          [--only PARTS] [--output FILE] [--summary FILE]
#   --clients N      desktops per fleet (default 1000)
#   --todos K        todos per batch (default 10; three batches, each to every desktop: see below)
#   --idle N         idle connections of ours (default 10000) in --idle-processes P processes (default 10);
#                    --idle-window S: measured over S seconds (default 60)
#   --quick          for development, not for quoting: 100 desktops, 1,000 idle connections over 15 s; the results go
#                    beside the build
#   --only PARTS     comma-separated, of ours,stompjs-default,stompjs-exponential,idle (default all)
#   --output FILE    where the tables go (Markdown; default build-bench/fleet-results.md)
#   --summary FILE   also write the headline figures there as one JSON line (bench/run.sh's summary table)
#
# Each fleet gets a fresh broker (scripts/rabbitmq-fixture.sh, its own ports 286xx; TODO_RMQ_* override them), with an
# exchange `fleet` (fanout, durable) and N durable queues fleet-00000... bound to it; desktop i subscribes to
# /amq/queue/fleet-<i> with the application's client acks and acknowledges every todo as it arrives. Then:
#   1. the fleet starts (500 desktops a second) and every desktop connects and subscribes;
#   2. batch "live": K persistent todos published over STOMP (python3-stomp, with a receipt) reach every desktop;
#      the connections are then left up until 35 s old (our reconnect policy counts a connection as stable at 30 s);
#   3. batch "stop": K more are published and the broker is stopped (SIGTERM, a graceful stop) at once, so todos
#      are in flight, delivered and not yet acknowledged, as the connections go;
#   4. the broker is started again on the same data directory (durable queues and persistent messages come back),
#      and batch "outage" is published the moment its listeners accept: these stand for the todos a server produced
#      while the broker was down and delivered when it is back; the desktops are still backing off then (how many
#      were already back when the batch was in is in the report);
#   5. the run waits until every desktop is connected again and has every todo (or --timeout seconds), then 5 s more
#      for late redeliveries.
# The broker's CPU (utime + stime of beam.smp) and the fleet process's are sampled from /proc twice a second.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
clients=1000
todos=10
idle=10000
idle_window=60
idle_processes=10
timeout=300
window=60
quick=0
only=ours,stompjs-default,stompjs-exponential,idle
output=
summary=
usage() { sed -n '9,20p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
while (($#)); do
    case $1 in
    --clients) clients=$2; shift 2 ;;
    --todos) todos=$2; shift 2 ;;
    --idle) idle=$2; shift 2 ;;
    --idle-window) idle_window=$2; shift 2 ;;
    --idle-processes) idle_processes=$2; shift 2 ;;
    --timeout) timeout=$2; shift 2 ;;
    --quick) quick=1; clients=100 idle=1000 idle_window=15 window=30; shift ;;
    --only) only=$2; shift 2 ;;
    --output) output=$2; shift 2 ;;
    --summary) summary=$2; shift 2 ;;
    *) usage ;;
    esac
done
want() { [[ ,$only, == *,$1,* ]]; }
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
say() { echo "fleet: $*" >&2; }
now_ms() { date +%s%3N; }

build=${TODO_BENCH_BUILD:-$root/build-bench}
if ! command -v node >/dev/null || [[ ! -d bench/stompjs/node_modules/@stomp/stompjs ]]; then
    command -v node >/dev/null || apt-get install -y -q --no-install-recommends nodejs npm
    (cd bench/stompjs && npm ci --no-audit --no-fund --loglevel=error)
fi
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DTODO_BUILD_TESTS=OFF >/dev/null
nice cmake --build "$build" -j"${TODO_JOBS:-2}" --target bench_fleet_clients >&2
fleet_bin=$build/bench/bench_fleet_clients

# One connection is one file descriptor on each side: as many as this shell may give the broker and the fleet.
ulimit -n "$(ulimit -Hn)"

# Below the kernel's ephemeral range (/proc/sys/net/ipv4/ip_local_port_range, 32768-60999 by default): thousands of
# connection attempts take thousands of ephemeral source ports, and one that happens to hold a listener's port while
# the broker restarts makes its listener fail to bind (eaddrinuse), and the broker's boot with it.
export TODO_RMQ_AMQP_PORT=${TODO_RMQ_AMQP_PORT:-28672} TODO_RMQ_STOMP_PORT=${TODO_RMQ_STOMP_PORT:-28613}
export TODO_RMQ_WS_PORT=${TODO_RMQ_WS_PORT:-28674} TODO_RMQ_DIST_PORT=${TODO_RMQ_DIST_PORT:-28671}
export TODO_RMQ_EPMD_PORT=${TODO_RMQ_EPMD_PORT:-28369} TODO_RMQ_CTL_DIST_PORT_MIN=${TODO_RMQ_CTL_DIST_PORT_MIN:-28680}
export TODO_RMQ_START_TIMEOUT=${TODO_RMQ_START_TIMEOUT:-180}
url=ws://127.0.0.1:$TODO_RMQ_WS_PORT/ws
rmq=$build/rabbitmq-fleet
work=$build/fleet-run
# The parts run now start afresh; what other parts left is kept (the report shows every part it finds).
for part in ours stompjs-default stompjs-exponential idle; do
    if want "$part"; then rm -rf "${work:?}/$part" "${work:?}/$part"-*; fi
done
mkdir -p "$work"
fleet_pid=
sampler_pid=
idle_pids=()
cleanup() {
    [[ -n $sampler_pid ]] && kill "$sampler_pid" 2>/dev/null
    [[ -n $fleet_pid ]] && kill "$fleet_pid" 2>/dev/null
    ((${#idle_pids[@]})) && kill "${idle_pids[@]}" 2>/dev/null
    scripts/rabbitmq-fixture.sh stop "$rmq" >&2 || true
}
trap cleanup EXIT

ctl() { scripts/rabbitmq-fixture.sh ctl "$rmq" "$@"; }

# A fresh broker with the exchange and N durable queues bound to it.
fresh_broker() {
    scripts/rabbitmq-fixture.sh stop "$rmq" >&2 || true
    rm -rf "$rmq"
    say "starting a fresh RabbitMQ..."
    scripts/rabbitmq-fixture.sh start "$rmq" >&2
    say "declaring $1 durable queues..."
    ctl -q eval "
        X = rabbit_misc:r(<<\"/\">>, exchange, <<\"fleet\">>),
        rabbit_exchange:declare(X, fanout, true, false, false, [], <<\"bench\">>),
        [begin
             Q = rabbit_misc:r(<<\"/\">>, queue, iolist_to_binary(io_lib:format(\"fleet-~5..0B\", [I]))),
             rabbit_amqqueue:declare(Q, true, false, [], none, <<\"bench\">>),
             ok = rabbit_binding:add({binding, X, <<>>, Q, []}, <<\"bench\">>)
         end || I <- lists:seq(0, $1 - 1)],
        ok." >/dev/null
}

publish() { # BATCH COUNT
    /usr/bin/python3 tests/integration/stomp_publish.py --port "$TODO_RMQ_STOMP_PORT" -d /exchange/fleet -n "$2" \
        --body-template "{\"id\":\"$1-{i}\",\"title\":\"fleet todo $1 {i}\"}" --receipt --timeout 120 >/dev/null
}

# The last status line's field NAME of a fleet (0 before the first).
status() {
    local value
    value=$(tail -n 1 "$1" 2>/dev/null | jq -r ".$2 // 0" 2>/dev/null) || true
    echo "${value:-0}"
}

# Every 0.5 s: epoch ms, then utime+stime (clock ticks) and resident kB of each PID ("-" once it is gone).
sample() { # OUT STOP-FILE PID...
    local out=$1 stop=$2 pid line
    shift 2
    local -a f
    while [[ ! -e $stop ]]; do
        line=$(now_ms)
        for pid in "$@"; do
            if read -r -a f 2>/dev/null <"/proc/$pid/stat"; then
                line+=" $((f[13] + f[14])) $((f[23] * 4))"
            else
                line+=" - -"
            fi
        done
        echo "$line"
        sleep 0.5
    done >"$out"
}

# The fleet IMPL ("ours", "stompjs-default", "stompjs-exponential") through a broker restart.
storm() {
    local impl=$1 dir=$work/$1 deadline expected t
    mkdir -p "$dir"
    fresh_broker "$clients"
    local -a cmd
    case $impl in
    ours) cmd=("$fleet_bin") ;;
    stompjs-default) cmd=(node bench/stompjs/fleet.mjs --mode default) ;;
    stompjs-exponential) cmd=(node bench/stompjs/fleet.mjs --mode exponential) ;;
    esac
    say "$impl: starting $clients desktops..."
    "${cmd[@]}" --url "$url" --clients "$clients" --timeline "$dir/timeline.jsonl" --stop-file "$dir/stop" \
        >"$dir/status.jsonl" 2>"$dir/stderr.log" &
    fleet_pid=$!
    deadline=$((SECONDS + 180))
    until [[ $(status "$dir/status.jsonl" connected) -ge $clients ]]; do
        ((SECONDS < deadline)) || { say "$impl: only $(status "$dir/status.jsonl" connected) connected"; return 1; }
        sleep 0.5
    done
    local connected_at=$SECONDS
    say "$impl: all connected; consumers on the broker: $(ctl -q list_queues consumers | awk 'NR>1{s+=$1}END{print s}')"

    publish live "$todos"
    expected=$((clients * todos))
    deadline=$((SECONDS + 120))
    until [[ $(status "$dir/status.jsonl" todos) -ge $expected ]]; do
        ((SECONDS < deadline)) || { say "$impl: batch live not delivered"; break; }
        sleep 0.5
    done
    # Connections up for 35 s count as stable for our reconnect policy (stableAfterMs, 30 s): a desktop's connection
    # has usually been up much longer when its broker restarts.
    while ((SECONDS < connected_at + 35)); do sleep 0.5; done
    say "$impl: batch live delivered; publishing batch stop and stopping the broker"
    local t_stop t_down t_start t_up t_published
    t=$(now_ms)
    publish stop "$todos"
    t_stop=$(now_ms)
    scripts/rabbitmq-fixture.sh stop "$rmq" >&2
    t_down=$(now_ms)
    say "$impl: broker down ($((t_down - t_stop)) ms to stop); starting it again..."
    t_start=$(now_ms)
    scripts/rabbitmq-fixture.sh start "$rmq" >&2
    t_up=$(now_ms)
    sample "$dir/cpu.txt" "$dir/stop" "$(cat "$rmq/rabbitmq.pid")" "$fleet_pid" &
    sampler_pid=$!
    publish outage "$todos"
    t_published=$(now_ms)
    say "$impl: broker back ($((t_up - t_start)) ms to start), batch outage published; waiting for the fleet..."
    expected=$((clients * todos * 3))
    deadline=$((SECONDS + timeout))
    until [[ $(status "$dir/status.jsonl" connected) -ge $clients && $(status "$dir/status.jsonl" todos) -ge $expected ]]; do
        ((SECONDS < deadline)) || { say "$impl: timed out after ${timeout}s"; break; }
        sleep 0.5
    done
    local t_done
    t_done=$(now_ms)
    # Late redeliveries, and the same window after the restart for every fleet (the CPU figures compare it).
    sleep 5
    while (($(now_ms) < t_up + window * 1000)); do sleep 0.5; done
    local left
    left=$(ctl -q list_queues messages_ready messages_unacknowledged consumers |
        awk 'NR>1{r+=$1;u+=$2;c+=$3}END{printf "{\"ready\":%d,\"unacked\":%d,\"consumers\":%d}", r, u, c}')
    touch "$dir/stop"
    wait "$fleet_pid" || true
    fleet_pid=
    wait "$sampler_pid" || true
    sampler_pid=
    printf '{"impl":"%s","clients":%d,"todos_per_batch":%d,"batches":["live","stop","outage"],"t_before_stop_publish":%d,"t_stop":%d,"t_down":%d,"t_start":%d,"t_up":%d,"t_published":%d,"t_done":%d,"queues_after":%s,"clk_tck":%d,"window_s":%d}\n' \
        "$impl" "$clients" "$todos" "$t" "$t_stop" "$t_down" "$t_start" "$t_up" "$t_published" "$t_done" "$left" \
        "$(getconf CLK_TCK)" "$window" >"$dir/meta.json"
    say "$impl: done ($(status "$dir/status.jsonl" todos) deliveries; queues after: $left)"
    scripts/rabbitmq-fixture.sh stop "$rmq" >&2
}

# N idle connections of ours in PROCESSES processes (the clients split evenly), connected with the application's
# heart-beats: resident memory and CPU over a window, beside one connection in one process for the floor.
idle_run() { # N PROCESSES LABEL SETTLE WINDOW
    local n=$1 procs=$2 label=$3 settle=$4 window=$5 dir=$work/idle-$3 deadline p per count total
    mkdir -p "$dir"
    per=$(((n + procs - 1) / procs))
    say "idle: $n connection(s) in $procs process(es)..."
    idle_pids=()
    for ((p = 0; p * per < n; ++p)); do
        count=$((n - p * per < per ? n - p * per : per))
        "$fleet_bin" --url "$url" --clients "$count" --first $((p * per)) --ramp $((500 / procs > 10 ? 500 / procs : 10)) \
            --timeline "$dir/timeline-$p.jsonl" --stop-file "$dir/stop" >"$dir/status-$p.jsonl" 2>"$dir/stderr-$p.log" &
        idle_pids+=($!)
    done
    connected_sum() {
        total=0
        for ((p = 0; p < ${#idle_pids[@]}; ++p)); do total=$((total + $(status "$dir/status-$p.jsonl" connected))); done
        echo "$total"
    }
    deadline=$((SECONDS + 600))
    until [[ $(connected_sum) -ge $n ]]; do
        if ((SECONDS >= deadline)); then
            say "idle: only $(connected_sum) of $n connected"
            break
        fi
        sleep 1
    done
    local t_connected
    t_connected=$(now_ms)
    sleep "$settle"
    sample "$dir/cpu.txt" "$dir/stop" "$(cat "$rmq/rabbitmq.pid")" "${idle_pids[@]}" &
    sampler_pid=$!
    local t_window
    t_window=$(now_ms)
    sleep "$window"
    local connected sockets
    connected=$(connected_sum)
    sockets=$(ctl -q status 2>/dev/null | grep -A2 'File Descriptors' | tr '\n' ' ' | sed 's/\x1b\[[0-9;]*m//g')
    touch "$dir/stop"
    wait "${idle_pids[@]}" || true
    local started=${#idle_pids[@]}
    idle_pids=()
    wait "$sampler_pid" || true
    sampler_pid=
    printf '{"impl":"ours","label":"%s","clients":%d,"processes":%d,"connected_at_end":%d,"t_connected":%d,"t_window":%d,"window_s":%d,"clk_tck":%d,"broker_fds":"%s"}\n' \
        "$label" "$n" "$started" "$connected" "$t_connected" "$t_window" "$window" "$(getconf CLK_TCK)" "$sockets" >"$dir/meta.json"
}

for impl in ours stompjs-default stompjs-exponential; do
    if want "$impl"; then
        storm "$impl"
    fi
done
if want idle; then
    fresh_broker "$idle"
    idle_run 1 1 one 5 "$idle_window"
    idle_run "$idle" "$idle_processes" many 10 "$idle_window"
    scripts/rabbitmq-fixture.sh stop "$rmq" >&2
fi

command="bench/fleet/run.sh"
[[ $clients != 1000 || $todos != 10 || $idle != 10000 || $idle_processes != 10 || $idle_window != 60 ]] &&
    command+=" --clients $clients --todos $todos --idle $idle --idle-processes $idle_processes --idle-window $idle_window"
((quick)) && command="bench/fleet/run.sh --quick"
[[ $only != ours,stompjs-default,stompjs-exponential,idle ]] && command+=" --only $only"
output=${output:-$build/fleet-results.md}
mkdir -p "$(dirname "$output")"
{
    echo "# Fleet benchmark: a broker restart under a fleet of desktops, and idle connections"
    echo
    echo "Produced by \`$command\` on $(date -u +%Y-%m-%d)."
    echo
    echo "- machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(free -g | awk '/Mem:/{print $2}') GiB (load average at the start: $load_before, at the end: $(cut -d' ' -f1-3 /proc/loadavg))"
    echo "- Qt $(qtpaths6 --qt-version 2>/dev/null || echo '?'), $(c++ --version | head -1), Node $(node --version), @stomp/stompjs $(node -p "require('./bench/stompjs/node_modules/@stomp/stompjs/package.json').version"), ws $(node -p "require('./bench/stompjs/node_modules/ws/package.json').version")"
    echo "- RabbitMQ $(dpkg-query -W -f='${Version}' rabbitmq-server) (Erlang $(dpkg-query -W -f='${Version}' erlang-base 2>/dev/null || echo '?')) on loopback, Web-STOMP; open files limit $(ulimit -n) for the broker and the fleets"
    echo
    node bench/fleet/report.mjs "$work" ${summary:+--summary "$summary"}
} >"$output"
say "written to $output"
