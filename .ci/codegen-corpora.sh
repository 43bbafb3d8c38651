#!/usr/bin/env bash
# Generate a standalone crate WITH its contract suite (`--tests`) from each
# real corpus under ../shared/corpus and require
# `cargo clippy --all-targets --all-features -- -D warnings` to pass on it
# with no warning at all (clippy type-checks everything `cargo check` does,
# tests included, so no separate check step). The crates live in
# target/codegen-corpora/<name> (outside the workspace: their manifests carry
# an empty [workspace]) and share one target dir with the contract runs of
# .ci/contract-corpora.sh, so the dependencies compile once.
# `CORPORA="a b"` limits the sets. Prints the wall time of each step.
set -euo pipefail
cd "$(dirname "$0")/.."
. .ci/corpora-lib.sh
export CARGO_TERM_COLOR=never
mkdir -p "$out"

cargo build --locked -p restdoc
bin=target/debug/restdoc

# each set's microversion header settings
flags() {
  case "$1" in
    cinder-api-ref) echo --service-type volume ;;
    glance-api-ref) echo --service-type image ;;
    keystone-api-ref) echo --service-type identity ;;
    manila-api-ref) echo --version-header X-OpenStack-Manila-API-Version ;;
    placement-api-ref) echo --service-type placement ;;
    codegen-edge) echo --service-type widgets ;;
  esac
}
summary=()
for set_name in ${CORPORA:-$all}; do
  crate=$(tr -c 'a-z0-9\n' '_' <<< "$set_name")
  dir="$out/$crate"
  echo "== $set_name -> $dir"
  # exit 1 (an error diagnostic in the docs) still writes the crate
  rc=0
  # shellcheck disable=SC2046
  "$bin" generate "$(docs "$set_name")" --out "$dir/src" --crate-name "$crate" --standalone --tests $(flags "$set_name") \
    2> "$out/$crate.diagnostics" || rc=$?
  tail -n 2 "$out/$crate.diagnostics"
  if [ "$rc" -gt 1 ]; then
    echo "restdoc generate failed with exit code $rc" >&2
    exit 1
  fi
  endpoints=$(grep -c 'async fn serve_' "$dir"/src/*/mod.rs | awk -F: '{ s += $2 } END { print s }')
  lines=$(cat "$dir"/src/*.rs "$dir"/src/*/mod.rs | wc -l)
  t0=$(now)
  cargo clippy --manifest-path "$dir/Cargo.toml" --all-targets --all-features -- -D warnings 2> "$out/$crate.clippy.log" \
    || { grep -E '^(error|warning)' -A12 "$out/$crate.clippy.log" | head -n 150 >&2; tail -n 3 "$out/$crate.clippy.log" >&2; exit 1; }
  t1=$(now)
  if grep -q '^warning' "$out/$crate.clippy.log"; then
    grep -A8 '^warning' "$out/$crate.clippy.log" >&2
    echo "$crate: warnings" >&2
    exit 1
  fi
  summary+=("$set_name: clippy --all-targets $(secs "$t0" "$t1") s, $endpoints mounted handlers, $lines lines in src/, no warnings")
  echo "${summary[-1]}"
done
echo "== summary"
printf '%s\n' "${summary[@]}"
echo "codegen corpora passed"
