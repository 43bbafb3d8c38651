#!/usr/bin/env bash
# restdoc against two widely used OpenAPI generators on the same API, in one
# run: the UForge 3.8 and Cinder corpora are exported with
# `restdoc openapi --openapi 3.0` (progenitor reads only 3.0; the same
# document goes to every peer), then
#   - progenitor (`cargo-progenitor` from crates.io): a Rust client crate;
#   - openapi-generator (`openapi-generator-cli` from PyPI, which bundles
#     its jar; runs on the machine's Java) with its `rust` (client) and
#     `rust-axum` (server) generators;
#   - restdoc's own crate (`restdoc generate`, client + server + models),
#     from the pages directly.
# Per generator and API it prints: whether the generator accepted the
# document, operations generated, lines of Rust (all of src/, blank lines
# included) per operation, and `cargo check` time of the crate: the first
# check (with whatever dependencies earlier crates have not built yet: one
# target dir is shared, so this column depends on the order) and the crate
# alone (`touch src/lib.rs` and check again, the median of 3: the number to
# compare).
#
#   bash bench/peers.sh            # results in target/peers/results.tsv
# Env: PROGENITOR=path/to/cargo-progenitor to skip its install (it compiles
# for minutes); RESTDOC=path/to/restdoc to skip the release build;
# PEERS_SETS="uforge-3.8 cinder-api-ref" to choose the corpora.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
out=$root/target/peers
mkdir -p "$out"
export CARGO_TERM_COLOR=never
sets=${PEERS_SETS:-uforge-3.8 cinder-api-ref}

venv=target/openapi-venv
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/pip" install -q --disable-pip-version-check 'openapi-generator-cli==7.26.0'
ogen="$root/$venv/bin/openapi-generator-cli"

progenitor=${PROGENITOR:-$out/cargo-root/bin/cargo-progenitor}
if [ ! -x "$progenitor" ]; then
  echo "installing cargo-progenitor from crates.io (once; several minutes)..." >&2
  cargo install -q cargo-progenitor --locked --root "$out/cargo-root" >&2 || exit 1
fi

if [ -n "${RESTDOC:-}" ]; then
  restdoc=$RESTDOC
else
  cargo build -q --release --locked -p restdoc || exit 1
  restdoc=$root/target/release/restdoc
fi

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
median3() { printf '%s\n' "$@" | sort -g | sed -n 2p; }

# A generated crate outside any workspace: give it an empty [workspace].
standalone() {
  grep -q '^\[workspace\]' "$1/Cargo.toml" || printf '\n[workspace]\n' >> "$1/Cargo.toml"
}

# measure GEN SET DIR OPS: check times and size; appends a result row.
measure() {
  local gen=$1 set=$2 dir=$3 ops=$4
  local lines
  lines=$(find "$dir/src" -name '*.rs' -print0 | xargs -0 cat | wc -l)
  export CARGO_TARGET_DIR="$out/target"
  local t0 t1 cold warm ok=yes
  t0=$(now)
  if ! cargo check -q --manifest-path "$dir/Cargo.toml" --all-features > "$dir.check.log" 2>&1; then
    ok="no (cargo check failed: $(grep -m1 -E '^error' "$dir.check.log" | cut -c1-80))"
  fi
  t1=$(now)
  cold=$(secs "$t0" "$t1")
  local w=()
  for _ in 1 2 3; do
    touch "$dir/src/lib.rs"
    t0=$(now)
    cargo check -q --manifest-path "$dir/Cargo.toml" --all-features > /dev/null 2>&1
    t1=$(now)
    w+=("$(secs "$t0" "$t1")")
  done
  warm=$(median3 "${w[@]}")
  unset CARGO_TARGET_DIR
  local per=n/a
  [ "$ops" -gt 0 ] && per=$(awk -v l="$lines" -v o="$ops" 'BEGIN { printf "%.0f", l / o }')
  local checks=yes
  [ "$ok" = yes ] || checks=no
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$set" "$gen" "yes" "$checks" "$ops" "$lines" \
    "$per" "$cold" "$warm" >> "$results"
  [ "$ok" = yes ] || printf '%s\t%s\tcheck: %s\n' "$set" "$gen" "$ok" >> "$notes"
}

rejected() { # GEN SET LOG
  printf '%s\t%s\tno\t-\t-\t-\t-\t-\t-\n' "$2" "$1" >> "$results"
  printf '%s\t%s\trejected: %s %s\n' "$2" "$1" "$(grep -m1 -A1 'panicked' "$3" | tail -1 | cut -c1-120)" "$(grep -m1 -iE 'error|exception|panicked|not yet implemented|assertion' "$3" | cut -c1-160)" >> "$notes"
}

results=$out/results.tsv
notes=$out/notes.txt
printf 'api\tgenerator\taccepted\tchecks\toperations\tlines\tlines/op\tfirst_check_s\tcheck_crate_s\n' > "$results"
: > "$notes"

for set in $sets; do
  name=${set//[-.]/_}
  spec=$out/$set.openapi-3.0.json
  "$restdoc" -q openapi "../shared/corpus/$set" --openapi 3.0 --api-version 0.1.0 -o "$spec" 2> "$out/$set.openapi.log"
  [ -s "$spec" ] || { cat "$out/$set.openapi.log" >&2; exit 1; }
  doc_ops=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(sum(1 for i in d["paths"].values() for k in i if k in ("get","put","post","delete","options","head","patch","trace")))' "$spec")
  printf '%s\t(OpenAPI document)\t-\t-\t%s\t-\t-\t-\t-\n' "$set" "$doc_ops" >> "$results"

  # restdoc: the crate straight from the pages (client, server, models).
  dir=$out/$set/restdoc
  rm -rf "$dir"
  "$restdoc" -q generate "../shared/corpus/$set" --out "$dir/src" --crate-name "$name" --standalone \
    2> "$out/$set.restdoc.log"
  ops=$(grep -rhc '^async fn serve_' "$dir/src" | awk '{ s += $1 } END { print s + 0 }')
  measure restdoc "$set" "$dir" "$ops"

  # progenitor: a client crate.
  dir=$out/$set/progenitor
  rm -rf "$dir"
  if "$progenitor" progenitor -i "$spec" -o "$dir" -n "$name" -v 0.1.0 > "$dir.log" 2>&1; then
    standalone "$dir"
    ops=$(grep -rhcE "pub async fn [a-z0-9_]+(<'a>)?\(" "$dir/src" | awk '{ s += $1 } END { print s + 0 }')
    measure progenitor "$set" "$dir" "$ops"
  else
    rejected progenitor "$set" "$dir.log"
  fi

  # openapi-generator: rust (client) and rust-axum (server).
  for g in rust rust-axum; do
    dir=$out/$set/openapi-generator-$g
    rm -rf "$dir"
    if "$ogen" generate -g "$g" -i "$spec" -o "$dir" --package-name "$name" > "$dir.log" 2>&1; then
      standalone "$dir"
      if [ "$g" = rust ]; then
        ops=$(grep -rhcE 'pub async fn [a-z0-9_]+\(configuration: &configuration::Configuration' "$dir/src" | awk '{ s += $1 } END { print s + 0 }')
      else
        ops=$(grep -rhE '^    async fn [a-z0-9_]+\(' "$dir/src/apis" | grep -vc 'async fn handle_error(')
      fi
      measure "openapi-generator-$g" "$set" "$dir" "$ops"
    else
      rejected "openapi-generator-$g" "$set" "$dir.log"
    fi
  done
done

column -t -s $'\t' "$results"
if [ -s "$notes" ]; then
  echo
  cat "$notes"
fi
