#!/usr/bin/env bash
# Generate the UForge corpus crate (../shared/corpus/uforge-3.8) with its
# contract test suite (`restdoc generate --tests`) as a standalone crate in
# target/contract-corpora/uforge, then compile and run the suite with its
# own target dir under target/. Passing proves every mounted UForge route
# is reachable through the generated client, distinct from the others, and
# answers each documented code. Prints test counts and wall times.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never
out=target/contract-corpora
dir="$out/uforge"
mkdir -p "$out"

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

cargo build --locked -p restdoc
bin=target/debug/restdoc
t0=$(now)
# exit 1 (an error diagnostic in the docs) still writes the crate
rc=0
"$bin" generate ../shared/corpus/uforge-3.8 --out "$dir/src" --crate-name uforge --standalone --tests \
  2> "$out/uforge.diagnostics" || rc=$?
tail -n 2 "$out/uforge.diagnostics"
if [ "$rc" -gt 1 ]; then
  echo "restdoc generate failed with exit code $rc" >&2
  exit 1
fi
declared=$(grep -c '#\[tokio::test\]' "$dir/tests/contract.rs")
echo "contract tests generated: $declared ($(wc -l < "$dir/tests/contract.rs") lines)"

export CARGO_TARGET_DIR="$PWD/$out/target"
t1=$(now)
cargo test --manifest-path "$dir/Cargo.toml" --test contract --no-run 2> "$out/uforge.build.log" \
  || { tail -n 60 "$out/uforge.build.log" >&2; exit 1; }
if grep -q '^warning' "$out/uforge.build.log"; then
  grep -A8 '^warning' "$out/uforge.build.log" >&2
  echo "uforge contract suite: warnings" >&2
  exit 1
fi
t2=$(now)
cargo test --manifest-path "$dir/Cargo.toml" --test contract > "$out/uforge.test.log" 2>&1 \
  || { grep -E '^(test .* FAILED|---- |thread )' -A6 "$out/uforge.test.log" | head -n 80 >&2; tail -n 5 "$out/uforge.test.log" >&2; exit 1; }
t3=$(now)
result=$(grep '^test result:' "$out/uforge.test.log" | tail -n 1)
passed=$(sed -E 's/.* ([0-9]+) passed.*/\1/' <<< "$result")
if [ "$passed" != "$declared" ]; then
  echo "expected $declared tests to pass: $result" >&2
  exit 1
fi
echo "$result"
echo "uforge contract suite: generate $(secs "$t0" "$t1") s, compile $(secs "$t1" "$t2") s, run $(secs "$t2" "$t3") s, $passed tests passed"
