#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole test suite: formatting, the gcc build with warnings as
# errors (unit + integration tests against a real RabbitMQ, and the e2e test of the tray application under Xvfb
# with trayer and dunst), then the clang ASan+UBSan build (unit tests and a bounded fuzzing pass). This is what CI
# runs (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
jobs=${TODO_JOBS:-2}

step() { printf '\n=== %s\n' "$*"; }

step "dependencies"
scripts/install-deps.sh test

step "formatting"
scripts/check-format.sh

step "build (gcc, warnings as errors)"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTODO_WERROR=ON >/dev/null
cmake --build build -j"$jobs"

step "tests (unit + integration + e2e)"
(cd build && ctest --output-on-failure -j"$jobs" --timeout 300)

step "build (clang, AddressSanitizer + UndefinedBehaviorSanitizer, fuzzers)"
CC=clang CXX=clang++ cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DTODO_ENABLE_SANITIZERS=ON \
    -DTODO_BUILD_FUZZERS=ON -DTODO_BUILD_BENCH=OFF -DTODO_BUILD_INTEGRATION_TESTS=OFF -DTODO_WERROR=ON >/dev/null
cmake --build build-asan -j"$jobs"

step "tests under ASan+UBSan (unit, fuzz)"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:strict_string_checks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$root/tests/lsan.supp}
(cd build-asan && ctest --output-on-failure -j"$jobs" -L 'unit|fuzz' --timeout 300)

step "Debian package (from the gcc build: lintian, desktop-file-validate, appstreamcli, install, run, purge)"
scripts/package.sh build
