#!/usr/bin/env bash
# Run the generated contract suites (`tests/contract.rs`) of the crates
# .ci/codegen-corpora.sh generated (and proved clippy-clean) in
# target/codegen-corpora/<name>, sharing its target dir. Passing proves, per
# corpus, every mounted route reachable through the generated client and
# answering each documented code, the refusals before the handler
# (400/413/415), actions dispatched by body key, microversion bounds, and
# that nothing hangs (every request and test has a timeout). Run
# codegen-corpora.sh first. `CORPORA="a b"` limits the sets. Prints test
# counts and wall times.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never
out=target/codegen-corpora
export CARGO_TARGET_DIR="$PWD/target/corpora-target"

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

all="codegen-edge uforge-3.8 openstack-wadl2rst glance-api-ref cinder-api-ref keystone-api-ref manila-api-ref placement-api-ref"
summary=()
for set_name in ${CORPORA:-$all}; do
  crate=$(tr -c 'a-z0-9\n' '_' <<< "$set_name")
  dir="$out/$crate"
  if [ ! -f "$dir/tests/contract.rs" ]; then
    echo "$dir/tests/contract.rs is missing: run .ci/codegen-corpora.sh first" >&2
    exit 1
  fi
  declared=$(grep -c '#\[tokio::test\]' "$dir/tests/contract.rs")
  echo "== $set_name: $declared contract tests ($(wc -l < "$dir/tests/contract.rs") lines)"
  t1=$(now)
  cargo test --manifest-path "$dir/Cargo.toml" --test contract --no-run 2> "$out/$crate.build.log" \
    || { tail -n 60 "$out/$crate.build.log" >&2; exit 1; }
  if grep -q '^warning' "$out/$crate.build.log"; then
    grep -A8 '^warning' "$out/$crate.build.log" >&2
    echo "$set_name contract suite: warnings" >&2
    exit 1
  fi
  t2=$(now)
  cargo test --manifest-path "$dir/Cargo.toml" --test contract > "$out/$crate.test.log" 2>&1 \
    || { grep -E '^(test .* FAILED|---- |thread )' -A6 "$out/$crate.test.log" | head -n 80 >&2; tail -n 5 "$out/$crate.test.log" >&2; exit 1; }
  t3=$(now)
  result=$(grep '^test result:' "$out/$crate.test.log" | tail -n 1)
  passed=$(sed -E 's/.* ([0-9]+) passed.*/\1/' <<< "$result")
  if [ "$passed" != "$declared" ]; then
    echo "$set_name: expected $declared tests to pass: $result" >&2
    exit 1
  fi
  summary+=("$set_name: compile $(secs "$t1" "$t2") s, run $(secs "$t2" "$t3") s, $passed tests passed")
  echo "${summary[-1]}"
done
echo "== summary"
printf '%s\n' "${summary[@]}"
echo "contract suites passed"
