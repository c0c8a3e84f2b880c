#!/usr/bin/env bash
# Fails if any C++ file differs from what clang-format (with the repo's .clang-format) would write.
# scripts/check-format.sh --fix rewrites them instead.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files -co --exclude-standard -- '*.cpp' '*.h' | grep -v -E '^(build|bench/node_modules)')
if [[ ${1:-} == --fix ]]; then
    clang-format -i "${files[@]}"
    exit 0
fi
bad=0
for file in "${files[@]}"; do
    if ! clang-format --dry-run --Werror "$file" >/dev/null 2>&1; then
        echo "not formatted: $file (run scripts/check-format.sh --fix)"
        bad=1
    fi
done
exit $bad
