#!/bin/sh
# RUSTC_WORKSPACE_WRAPPER for the stable fuzz loop: workspace crates (restdoc,
# restdoc-fuzz) get SanitizerCoverage 8-bit counters, dependencies are built
# as usual (and shared with the normal release build).
exec "$@" -Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=3 \
  -Cllvm-args=-sanitizer-coverage-inline-8bit-counters
