#!/usr/bin/env bash
# Generate a standalone crate from each real corpus under ../shared/corpus
# and require `cargo check` and `cargo clippy -D warnings` to pass on it
# with no warning at all. The crates live in target/codegen-corpora/<name>
# (outside the workspace: their manifests carry an empty [workspace]) and
# share one target dir. Prints the wall time of each step.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never
out=target/codegen-corpora
mkdir -p "$out"

cargo build --locked -p restdoc
bin=target/debug/restdoc
export CARGO_TARGET_DIR="$PWD/$out/target"

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

summary=()
for pair in uforge-3.8:uforge openstack-wadl2rst:openstack_wadl2rst glance-api-ref:glance_api_ref; do
  set_name=${pair%%:*}
  crate=${pair##*:}
  dir="$out/$crate"
  echo "== $set_name -> $dir"
  # exit 1 (an error diagnostic in the docs) still writes the crate
  rc=0
  "$bin" generate "../shared/corpus/$set_name" --out "$dir/src" --crate-name "$crate" --standalone \
    2> "$out/$crate.diagnostics" || rc=$?
  tail -n 2 "$out/$crate.diagnostics"
  if [ "$rc" -gt 1 ]; then
    echo "restdoc generate failed with exit code $rc" >&2
    exit 1
  fi
  t0=$(now)
  cargo check --manifest-path "$dir/Cargo.toml" --all-features 2> "$out/$crate.check.log" \
    || { cat "$out/$crate.check.log" >&2; exit 1; }
  t1=$(now)
  cargo clippy --manifest-path "$dir/Cargo.toml" --all-features -- -D warnings 2> "$out/$crate.clippy.log" \
    || { cat "$out/$crate.clippy.log" >&2; exit 1; }
  t2=$(now)
  if grep -q '^warning' "$out/$crate.check.log" "$out/$crate.clippy.log"; then
    grep -A8 '^warning' "$out/$crate.check.log" "$out/$crate.clippy.log" >&2
    echo "$crate: warnings" >&2
    exit 1
  fi
  summary+=("$set_name: cargo check $(secs "$t0" "$t1") s, clippy $(secs "$t1" "$t2") s, no warnings")
  echo "${summary[-1]}"
done
echo "== summary"
printf '%s\n' "${summary[@]}"
echo "codegen corpora passed"
