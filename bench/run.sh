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
cmake --build "$build" -j"${TODO_JOBS:-2}" --target bench_parser_throughput

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
results=$work/results.jsonl
echo "parser throughput: todo-notifier ($runs runs per corpus)..." >&2
"$build/bench/bench_parser_throughput" --json --runs "$runs" --write-corpus "$work/corpus" >>"$results"
echo "parser throughput: stompjs on the same chunks..." >&2
node bench/stompjs/parser_bench.mjs "$work/corpus" --runs "$runs" >>"$results"

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
    echo
    echo "$table"
} >bench/results/latest.md
echo "$table"
echo "(written to bench/results/latest.md)" >&2
