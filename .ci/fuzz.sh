#!/usr/bin/env bash
# CI: hostile input never breaks a build (issue 12). The fuzz targets on
# stable for two minutes (coverage-guided loop; crashes are saved under
# fuzz/regressions/ and fail the step), then the regression replay and the
# mutation sweep with its three counts printed.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$SECONDS
bash fuzz/run.sh "${RESTDOC_FUZZ_SECONDS:-120}"
cargo test --locked -p restdoc-fuzz
cargo test --locked -p restdoc --test mutation -- --nocapture 2>&1 | grep -E '^(mutation sweep|test result|LOST|PANIC|HANG)'
echo "fuzz step: $(( SECONDS - start ))s"
