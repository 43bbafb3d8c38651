#!/usr/bin/env bash
# fuzz/run.sh SECONDS: run every fuzz target (rst_reader, pipeline,
# path_template) for an equal share of SECONDS.
#
# Default engine: the stable loop (fuzz/src/bin/fuzz_stable.rs), built in
# release with SanitizerCoverage 8-bit counters (stable rustc flags), so it is
# coverage-guided and reports the counters reached. With
# RESTDOC_FUZZ_ENGINE=libfuzzer and a nightly toolchain with cargo-fuzz, the
# same targets run under libFuzzer (cargo fuzz run), seeded with the same
# seeds, and print libFuzzer's final stats.
#
# A crash or hang is saved under fuzz/regressions/<target>/ (commit it: it is
# then replayed by `cargo test -p restdoc-fuzz`) and the script exits 1.
set -euo pipefail
secs=${1:?usage: fuzz/run.sh SECONDS}
cd "$(dirname "$0")/.."
engine=${RESTDOC_FUZZ_ENGINE:-stable}
targets=(rst_reader pipeline path_template)

if [ "$engine" = libfuzzer ]; then
  per=$(( secs / ${#targets[@]} ))
  cargo build --release --locked -p restdoc-fuzz --bin fuzz-stable
  for t in "${targets[@]}"; do
    mkdir -p "target/fuzz-corpus/$t" "target/fuzz-seeds/$t"
    target/release/fuzz-stable export "$t" "target/fuzz-seeds/$t" > /dev/null
    cargo +nightly fuzz run --fuzz-dir fuzz --features libfuzzer "$t" \
      "target/fuzz-corpus/$t" "target/fuzz-seeds/$t" -- \
      -max_total_time="$per" -print_final_stats=1 -timeout=10 -max_len=131072 2>&1 |
      grep -E '^(stat::|#[0-9]+ *DONE|==|SUMMARY|Done)' || true
    test -z "$(ls -A "fuzz/artifacts/$t" 2>/dev/null)" || { echo "crash in $t: fuzz/artifacts/$t"; exit 1; }
  done
  exit 0
fi

# Stable: coverage counters via LLVM's SanitizerCoverage pass (stable rustc
# flags), added by a workspace wrapper so only restdoc and the targets are
# instrumented and the dependencies are those of the normal release build.
RUSTC_WORKSPACE_WRAPPER="$PWD/fuzz/sancov-rustc.sh" \
  cargo build --release --locked -p restdoc-fuzz --bin fuzz-stable
exec target/release/fuzz-stable run "$secs" "${targets[@]}"
