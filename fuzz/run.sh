#!/usr/bin/env bash
# fuzz/run.sh [SECONDS_PER_TARGET] [TARGET...]
# Builds the libFuzzer targets with clang, AddressSanitizer and UndefinedBehaviorSanitizer in build-fuzz/ and runs
# each one, one after the other, for SECONDS_PER_TARGET (default 300) on a working copy of its seed corpus (plus its
# regression inputs) with its dictionary. Prints executions, coverage and corpus size per target. A crash, leak,
# timeout or broken invariant stops that target: the input is saved under build-fuzz/fuzz-artifacts/TARGET/ and the
# script says how to minimise it and keep it as a regression test (fuzz/README.md). Exits 1 if any target found
# something.
#
# Environment: TODO_JOBS (default 2) for the build; TODO_FUZZ_BUILD_DIR (default build-fuzz);
# TODO_FUZZ_RSS_LIMIT_MB (default 2048). The working corpus (build-fuzz/fuzz-corpus/TARGET) is kept between runs,
# so later runs start from what earlier ones found; delete it to start from the seeds again.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
seconds=${1:-300}
shift || true
[[ $seconds =~ ^[0-9]+$ ]] && ((seconds > 0)) || { echo "usage: $0 [SECONDS_PER_TARGET] [TARGET...]" >&2; exit 2; }
all_targets=(stomp_frame_parser payload_parser sockjs_framing sockjs_http_framing sse_parser engineio_packet)
targets=("$@")
((${#targets[@]})) || targets=("${all_targets[@]}")
build=${TODO_FUZZ_BUILD_DIR:-build-fuzz}
jobs=${TODO_JOBS:-2}

scripts/install-deps.sh test

step() { printf '\n=== %s\n' "$*"; }

step "build ($build: clang, ASan+UBSan, libFuzzer)"
CC=clang CXX=clang++ cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTODO_ENABLE_SANITIZERS=ON \
    -DTODO_BUILD_FUZZERS=ON -DTODO_BUILD_BENCH=OFF -DTODO_WERROR=ON >/dev/null
fuzzers=()
for t in "${targets[@]}"; do
    [[ -f fuzz/${t}_fuzzer.cpp ]] || { echo "unknown target '$t' (one of: ${all_targets[*]})" >&2; exit 2; }
    fuzzers+=("${t}_fuzzer")
done
cmake --build "$build" -j"$jobs" --target "${fuzzers[@]}"

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:strict_string_checks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$root/tests/lsan.supp}

max_len() { # the same limits as fuzz/CMakeLists.txt (none: libFuzzer's default)
    case $1 in
        payload_parser) echo -max_len=65536 ;;
        sockjs_framing | sockjs_http_framing | engineio_packet) echo -max_len=16384 ;;
        sse_parser) echo -max_len=16384 ;;
    esac
}

summary=()
found=()
for t in "${targets[@]}"; do
    corpus=$build/fuzz-corpus/$t
    artifacts=$build/fuzz-artifacts/$t
    log=$build/fuzz-logs/$t.log
    mkdir -p "$corpus" "$artifacts" "$(dirname "$log")"
    # Seeds and regressions into the working copy; what earlier runs found stays. libFuzzer writes new inputs
    # there, never into the source tree.
    cp -n fuzz/corpus/"$t"/* "$corpus"/
    if compgen -G "fuzz/regressions/$t/*" >/dev/null; then
        cp -n fuzz/regressions/"$t"/* "$corpus"/
    fi
    before=$(find "$artifacts" -type f | wc -l)
    step "$t: ${seconds}s on $(find "$corpus" -type f | wc -l) inputs (log: $log)"
    status=0
    "$build/fuzz/${t}_fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb="${TODO_FUZZ_RSS_LIMIT_MB:-2048}" \
        $(max_len "$t") -print_final_stats=1 -dict="fuzz/$t.dict" -artifact_prefix="$artifacts/" \
        "$corpus" >"$log" 2>&1 || status=$?
    # The last status line ("#N DONE cov: C ft: F corp: U/S ...") and the final stats.
    last=$(grep -E '^#[0-9]+' "$log" | tail -n 1 || true)
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
    cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
    ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
    corp=$(sed -n 's/.* corp: \([0-9/a-zA-Z]*\).*/\1/p' <<<"$last")
    rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log" | tail -n 1)
    new=$(find "$artifacts" -type f | sort | tail -n +"$((before + 1))")
    if ((status != 0)) || [[ -n $new ]]; then
        verdict="FOUND (exit $status)"
        found+=("$t")
        grep -E 'ERROR: |SUMMARY: |runtime error|==[0-9]+==' "$log" | head -n 5 || true
        for f in $new; do
            cat <<EOF
  saved: $f
  reproduce:  $build/fuzz/${t}_fuzzer $f
  minimise:   $build/fuzz/${t}_fuzzer -minimize_crash=1 -max_total_time=60 -exact_artifact_path=$f.min $f
  keep it:    cp $f.min fuzz/regressions/$t/<what-it-shows>   (then fix the code; see fuzz/README.md)
EOF
        done
    else
        verdict="no findings"
    fi
    line=$(printf '%-20s %8ss %12s execs %8s/s  cov %-6s ft %-7s corpus %-12s rss %sMB  %s' "$t" "$seconds" \
        "${execs:-?}" "${speed:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}" "${rss:-?}" "$verdict")
    echo "$line"
    summary+=("$line")
done

step "summary ($(clang --version | head -n 1))"
printf '%s\n' "${summary[@]}"
if ((${#found[@]})); then
    echo "findings in: ${found[*]} (inputs under $build/fuzz-artifacts/)"
    exit 1
fi
