#!/usr/bin/env bash
# Runs the benchmarks side by side with the reference client (@stomp/stompjs on Node, installed from npm here)
# and prints one table; the table also goes to bench/results/latest.md with the machine, Qt, compiler and Node
# versions. Benchmarks are measurements, not tests: nothing here passes or fails on a number.
# Usage: bench/run.sh [--runs N]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
runs=7
if [[ ${1:-} == --runs ]]; then runs=$2; fi

scripts/install-deps.sh test
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    apt-get install -y -q --no-install-recommends nodejs npm
fi
(cd bench/stompjs && npm ci --no-audit --no-fund --loglevel=error)

build=$root/build-bench
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DTODO_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" -j"${TODO_JOBS:-2}" --target bench_parser_throughput todo-notifier-cli

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
results=$work/results.jsonl
echo "parser throughput: todo-notifier ($runs runs per corpus)..." >&2
"$build/bench/bench_parser_throughput" --json --runs "$runs" --write-corpus "$work/corpus" >>"$results"
echo "parser throughput: stompjs on the same chunks..." >&2
node bench/stompjs/parser_bench.mjs "$work/corpus" --runs "$runs" >>"$results"

# End to end through a real RabbitMQ on loopback: 10,000 todos of the seed shape, published as fast as
# python3-stomp can over STOMP/TCP, each stamped with its send time; our CLI and a stompjs subscriber listen at the
# same time, each on its own queue bound to the same topic.
count=${TODO_BENCH_COUNT:-10000}
export TODO_RMQ_AMQP_PORT=${TODO_RMQ_AMQP_PORT:-37672} TODO_RMQ_STOMP_PORT=${TODO_RMQ_STOMP_PORT:-37613}
export TODO_RMQ_WS_PORT=${TODO_RMQ_WS_PORT:-37674} TODO_RMQ_DIST_PORT=${TODO_RMQ_DIST_PORT:-37671}
export TODO_RMQ_EPMD_PORT=${TODO_RMQ_EPMD_PORT:-37369} TODO_RMQ_CTL_DIST_PORT_MIN=${TODO_RMQ_CTL_DIST_PORT_MIN:-37680}
rmq=$build/rabbitmq
echo "end to end: starting RabbitMQ..." >&2
scripts/rabbitmq-fixture.sh start "$rmq" >&2
trap 'scripts/rabbitmq-fixture.sh stop "$rmq" >&2 || true; rm -rf "$work"' EXIT
url=ws://127.0.0.1:$TODO_RMQ_WS_PORT/ws
destination=/topic/bench-todos
export TODO_NOTIFIER_PASSCODE=guest
node bench/stompjs/subscriber.mjs "$url" "$destination" "$count" >"$work/stompjs.json" &
stompjs_pid=$!
node bench/cli_reader.mjs "$build/app/cli/todo-notifier-cli" "$url" "$destination" "$count" >"$work/ours.json" &
ours_pid=$!
for _ in $(seq 1 240); do   # both consumers must be in place before the first message
    consumers=$(scripts/rabbitmq-fixture.sh ctl "$rmq" -q list_consumers 2>/dev/null | grep -c . || true)
    [[ $consumers -ge 2 ]] && break
    sleep 0.25
done
echo "end to end: publishing $count todos..." >&2
/usr/bin/python3 tests/integration/stomp_publish.py --port "$TODO_RMQ_STOMP_PORT" -d "$destination" -n "$count" \
    --body-file bench/todo-body.json --timestamp-header send-ts --receipt >&2
wait "$stompjs_pid" "$ours_pid"
cat "$work/ours.json" "$work/stompjs.json" >>"$results"

table=$(node bench/report.mjs <"$results")
mkdir -p bench/results
{
    echo "# Benchmark results"
    echo
    echo "Produced by \`bench/run.sh --runs $runs\` on $(date -u +%Y-%m-%d)."
    echo
    echo "- machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(free -g | awk '/Mem:/{print $2}') GiB"
    echo "- Qt $(qtpaths6 --qt-version 2>/dev/null || echo '?'), $(c++ --version | head -1), Node $(node --version), @stomp/stompjs $(node -p "require('./bench/stompjs/node_modules/@stomp/stompjs/package.json').version")"
    echo "- parser throughput: the same generated chunks fed to our StompFrameParser and to stompjs's Parser (as ArrayBuffers); median of $runs runs; MB = 10^6 bytes of wire data"
    echo "- end to end: $count todos (the seed shape, ~1.3 KB) published by python3-stomp over STOMP/TCP to RabbitMQ $(dpkg-query -W -f='${Version}' rabbitmq-server) on loopback, received over Web-STOMP by todo-notifier-cli and a stompjs subscriber at the same time; latency = arrival - send-ts stamped just before each send (our CLI's arrival is taken where a reader process gets its output line, so it includes the pipe)"
    echo
    echo "$table"
} >bench/results/latest.md
echo "$table"
echo "(written to bench/results/latest.md)" >&2
