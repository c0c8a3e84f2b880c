#!/usr/bin/env bash
# Runs the benchmarks side by side with the reference client (@stomp/stompjs on Node, installed from npm here)
# and prints the tables, a summary first; a full run also writes them to bench/results/latest.md with the machine,
# Qt, compiler and Node versions. Benchmarks are measurements, not tests: nothing here passes or fails on a number.
# Usage: bench/run.sh [--runs N] [--quick] [--only parser,e2e,tray,store,resources,fleet]
#   --runs N    parser runs per corpus (default 7)
#   --quick     for development, not for quoting: 3 parser runs, 1,000-todo bursts, a 10 s resource window after
#               3 s of settling, 3 launches, 20,000 stored todos and no large store, no fleet; the tables go to
#               build-bench/results.md
#   --only      run only these parts (comma-separated); the tables go to build-bench/results.md
# The parts: parser (throughput on the same chunks), e2e (the CLI through RabbitMQ), tray (the tray application
# under a burst), store (a store of 100,000 and one of 1,000,000 todos: opening, paging, searching), resources
# (memory, CPU, wake-ups and launch time of the tray application with those stores, beside the floor and stompjs),
# fleet (bench/fleet/run.sh: a broker restart under 1,000 desktops, ours and stompjs's, and 10,000 idle
# connections; its own broker). A full run takes about 17 minutes on 2 cores, about half of it the fleet.
# Environment: TODO_BENCH_COUNT (todos per burst, 10000), TODO_BENCH_BURSTS (rounds of the tray burst, 5),
# TODO_BENCH_WINDOW (s, 60), TODO_BENCH_SETTLE (s, 10),
# TODO_BENCH_LAUNCHES (5), TODO_BENCH_TODOS (stored todos, 100000), TODO_BENCH_LARGE_TODOS (the large store,
# 1000000; 0 leaves it out), TODO_BENCH_STORE and TODO_BENCH_LARGE_STORE (stores of that many todos written before
# with `build-bench/bench/bench_todo_store --todos N --write-store PATH`, copied instead of writing them),
# TODO_BENCH_PREFETCH (the tray app's connection/prefetchCount in the burst; default: the application's, 1000),
# TODO_JOBS (build jobs, 2).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
runs=7
quick=0
all_parts=parser,e2e,tray,store,resources,fleet
only=
while (($#)); do
    case $1 in
    --runs) runs=$2; shift 2 ;;
    --quick) quick=1; shift ;;
    --only) only=$2; shift 2 ;;
    *) echo "usage: bench/run.sh [--runs N] [--quick] [--only $all_parts]" >&2; exit 2 ;;
    esac
done
want() { [[ ,$only, == *,$1,* ]]; }
if ((quick)); then
    runs=3
    : "${TODO_BENCH_COUNT:=1000}" "${TODO_BENCH_WINDOW:=10}" "${TODO_BENCH_SETTLE:=3}" "${TODO_BENCH_LAUNCHES:=3}"
    : "${TODO_BENCH_TODOS:=20000}" "${TODO_BENCH_LARGE_TODOS:=0}" "${TODO_BENCH_BURSTS:=1}"
    : "${only:=parser,e2e,tray,store,resources}"
fi
only=${only:-$all_parts}
bursts=${TODO_BENCH_BURSTS:-5}
todos=${TODO_BENCH_TODOS:-100000}
large=${TODO_BENCH_LARGE_TODOS:-1000000}

build=$root/build-bench
bench/prepare.sh bench_parser_throughput todo-notifier-cli todo-notifier \
    bench_tray_burst bench_floor_tray bench_todo_store

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
results=$work/results.jsonl
touch "$results"
if want parser; then
    echo "parser throughput: todo-notifier ($runs runs per corpus)..." >&2
    "$build/bench/bench_parser_throughput" --json --runs "$runs" --write-corpus "$work/corpus" >>"$results"
    echo "parser throughput: stompjs on the same chunks..." >&2
    node bench/stompjs/parser_bench.mjs "$work/corpus" --runs "$runs" >>"$results"
fi

# End to end through a real RabbitMQ on loopback: 10,000 todos of the seed shape, published as fast as
# python3-stomp can over STOMP/TCP, each stamped with its send time; our CLI and a stompjs subscriber listen at the
# same time, each on its own queue bound to the same topic.
count=${TODO_BENCH_COUNT:-10000}
export TODO_RMQ_AMQP_PORT=${TODO_RMQ_AMQP_PORT:-27672} TODO_RMQ_STOMP_PORT=${TODO_RMQ_STOMP_PORT:-27613}
export TODO_RMQ_WS_PORT=${TODO_RMQ_WS_PORT:-27674} TODO_RMQ_DIST_PORT=${TODO_RMQ_DIST_PORT:-27671}
export TODO_RMQ_EPMD_PORT=${TODO_RMQ_EPMD_PORT:-27369} TODO_RMQ_CTL_DIST_PORT_MIN=${TODO_RMQ_CTL_DIST_PORT_MIN:-27680}
rmq=$build/rabbitmq
echo "end to end: starting RabbitMQ..." >&2
scripts/rabbitmq-fixture.sh start "$rmq" >&2
trap 'scripts/rabbitmq-fixture.sh stop "$rmq" >&2 || true; rm -rf "$work"' EXIT
url=ws://127.0.0.1:$TODO_RMQ_WS_PORT/ws
export TODO_NOTIFIER_PASSCODE=guest
# bindings KEY: how many queues are bound to the topic KEY (one per subscription, made by its SUBSCRIBE).
bindings() { scripts/rabbitmq-fixture.sh ctl "$rmq" -q list_bindings routing_key 2>/dev/null | grep -cx "$1" || true; }
publish() {
    /usr/bin/python3 tests/integration/stomp_publish.py --port "$TODO_RMQ_STOMP_PORT" -n "$count" \
        --body-file bench/todo-body.json --timestamp-header send-ts --receipt "$@"
}

if want e2e; then
    destination=/topic/bench-todos
    node bench/stompjs/subscriber.mjs "$url" "$destination" "$count" >"$work/stompjs.json" &
    stompjs_pid=$!
    node bench/cli_reader.mjs "$build/app/cli/todo-notifier-cli" "$url" "$destination" "$count" >"$work/ours.json" &
    ours_pid=$!
    for _ in $(seq 1 240); do   # both consumers must be in place before the first message
        [[ $(bindings bench-todos) -ge 2 ]] && break
        sleep 0.25
    done
    echo "end to end: publishing $count todos..." >&2
    publish -d "$destination" >&2
    wait "$stompjs_pid" "$ours_pid"
    cat "$work/ours.json" "$work/stompjs.json" >>"$results"
fi

# The tray application under the same burst: TrayApplication in bench_tray_burst (offscreen, no session bus: the
# keychain falls back to memory and notifications to tray messages), a stompjs subscriber beside it for reference.
# TODO_BENCH_BURSTS rounds (5), each with a fresh application, store and destination: the broker's pace moves from
# burst to burst, so the report takes the round with the median ratio.
if want tray; then
    for ((round = 1; round <= bursts; round++)); do
        destination=/topic/bench-tray-$round
        echo "tray app burst, round $round of $bursts: starting the tray application (offscreen) and" \
            "a stompjs subscriber..." >&2
        DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent/todo-notifier-no-bus \
            "$build/bench/bench_tray_burst" --url "$url" --destination "$destination" --count "$count" \
            ${TODO_BENCH_PREFETCH:+--prefetch "$TODO_BENCH_PREFETCH"} \
            >"$work/tray.jsonl" &
        tray_pid=$!
        node bench/stompjs/subscriber.mjs "$url" "$destination" "$count" >"$work/tray-stompjs.json" &
        stompjs_pid=$!
        for _ in $(seq 1 240); do
            [[ $(bindings "bench-tray-$round") -ge 2 ]] && grep -q '"event":"connected"' "$work/tray.jsonl" && break
            sleep 0.25
        done
        echo "tray app burst, round $round of $bursts: publishing $count todos..." >&2
        round_tag="s/^{/{\"round\":$round,/"
        publish -d "$destination" --times-json |
            sed -e "$round_tag" -e 's/^{/{"bench":"tray_burst","impl":"publisher",/' >>"$results"
        wait "$tray_pid" "$stompjs_pid"
        grep '"bench":"tray_burst"' "$work/tray.jsonl" | sed "$round_tag" >>"$results"
        sed -e 's/"bench":"e2e_latency"/"bench":"tray_burst"/' -e "$round_tag" "$work/tray-stompjs.json" >>"$results"
    done
fi

# The stores the store and resources parts open: written once here (bench_todo_store --write-store, the demo's
# generator) unless given.
if want store || want resources; then
    small_store=${TODO_BENCH_STORE:-}
    if [[ -z $small_store ]]; then
        small_store=$work/store-$todos.sqlite
        echo "stores: writing $todos todos..." >&2
        "$build/bench/bench_todo_store" --todos "$todos" --write-store "$small_store" >&2
    fi
    large_store=
    if ((large > 0)); then
        large_store=${TODO_BENCH_LARGE_STORE:-}
        if [[ -z $large_store ]]; then
            large_store=$work/store-$large.sqlite
            echo "stores: writing $large todos (a few minutes)..." >&2
            "$build/bench/bench_todo_store" --todos "$large" --write-store "$large_store" >&2
        fi
    fi
fi

# Each store: opening it, the list's first and next page, unread only and searches (bench_todo_store, no broker), on
# a copy (opening a store may change it).
if want store; then
    for entry in "$todos:$small_store" ${large_store:+"$large:$large_store"}; do
        echo "store: ${entry%%:*} stored todos..." >&2
        cp "${entry#*:}" "$work/open.sqlite"
        "$build/bench/bench_todo_store" --todos "${entry%%:*}" --store "$work/open.sqlite" --runs 5 --burst 0 --json |
            sed 's/^{/{"bench":"store",/' >>"$results"
        rm -f "$work"/open.sqlite*
    done
fi

# Resources beside the floor (an empty Qt tray app) and stompjs, on Xvfb with trayer: bench/tray_resources.sh.
if want resources; then
    # The stores just written and copied are gigabytes of dirty pages: written out now, not during the idle window.
    sync
    TODO_BENCH_STORE=$small_store TODO_BENCH_LARGE_STORE=$large_store \
        bench/tray_resources.sh "$build" "$url" --window "${TODO_BENCH_WINDOW:-60}" \
        --settle "${TODO_BENCH_SETTLE:-10}" --launches "${TODO_BENCH_LAUNCHES:-5}" --todos "$todos" \
        --large-todos "$large" >>"$results"
fi
rm -f "$work"/store-*.sqlite*

# The fleet last: it stops this run's broker first (two brokers would share the machine) and starts its own.
if want fleet; then
    scripts/rabbitmq-fixture.sh stop "$rmq" >&2 || true
    (
        # On its own ports (bench/fleet/run.sh: below the ephemeral range, which its reconnect storms use).
        unset TODO_RMQ_AMQP_PORT TODO_RMQ_STOMP_PORT TODO_RMQ_WS_PORT TODO_RMQ_DIST_PORT TODO_RMQ_EPMD_PORT \
            TODO_RMQ_CTL_DIST_PORT_MIN
        TODO_BENCH_BUILD=$build bench/fleet/run.sh $( ((quick)) && echo --quick || true) --output "$work/fleet.md" \
            --summary "$work/fleet-summary.jsonl" >&2
    )
    cat "$work/fleet-summary.jsonl" >>"$results"
fi

cp "$results" "$build/results.jsonl" # the raw figures, for a closer look
table=$(node bench/report.mjs <"$results")
# A full run writes the table that is quoted; --quick or --only runs write beside the build.
output=bench/results/latest.md
command="bench/run.sh --runs $runs"
if ((quick)) || [[ $only != "$all_parts" ]]; then
    output=$build/results.md
    command="bench/run.sh --runs $runs $( ((quick)) && echo --quick || true) --only $only"
fi
mkdir -p "$(dirname "$output")"
{
    echo "# Benchmark results"
    echo
    echo "Produced by \`$command\` on $(date -u +%Y-%m-%d)."
    echo
    echo "- machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(free -g | awk '/Mem:/{print $2}') GiB"
    echo "- Qt $(qtpaths6 --qt-version 2>/dev/null || echo '?'), $(c++ --version | head -1), Node $(node --version), @stomp/stompjs $(node -p "require('./bench/stompjs/node_modules/@stomp/stompjs/package.json').version")"
    want parser && echo "- parser throughput: the same generated chunks fed to our StompFrameParser and to stompjs's Parser (as ArrayBuffers); median of $runs runs; MB = 10^6 bytes of wire data"
    want e2e && echo "- end to end: $count todos (the seed shape, ~1.3 KB) published by python3-stomp over STOMP/TCP to RabbitMQ $(dpkg-query -W -f='${Version}' rabbitmq-server) on loopback, received over Web-STOMP by todo-notifier-cli and a stompjs subscriber at the same time; latency = arrival - send-ts stamped just before each send (our CLI's arrival is taken where a reader process gets its output line, so it includes the pipe)"
    echo
    echo "$table"
    if [[ -s $work/fleet.md ]]; then
        # The fleet's own tables, under the heading of this file (its title and "Produced by" line left out).
        echo
        echo "## Fleet"
        echo
        sed -e '1,/^Produced by/d' -e 's/^\(#\+\) /\1# /' "$work/fleet.md" | sed '1{/^$/d}'
    fi
} >"$output"
echo "$table"
echo "(written to $output)" >&2
