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
#
# A crate speaking XML (UForge) also has `tests/xml.rs`: one round trip per
# XML request sample of the pages, the rest listed as skipped with why. Its
# tests plus its skipped samples must equal the non-empty
# `.. code-block:: xml` blocks a plain-text scan of the pages finds.
set -euo pipefail
cd "$(dirname "$0")/.."
. .ci/corpora-lib.sh
export CARGO_TERM_COLOR=never

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
  if [ -f "$dir/tests/xml.rs" ]; then
    xml_tests=$(grep -c '^#\[test\]' "$dir/tests/xml.rs" || true)
    xml_skipped=$(grep -c '^//! - ' "$dir/tests/xml.rs" || true)
    # the scan: a directive, then an indented non-blank line before the
    # next unindented one
    # shellcheck disable=SC2016
    xml_found=$(find "$(docs "$set_name")" -name '*.rst' -print0 | sort -z | xargs -0 awk '
      FNR == 1 { open = 0 }
      /^\.\. code-block:: xml[ \t]*$/ { open = 1; next }
      open && /^[ \t]+[^ \t]/ { n++; open = 0; next }
      open && /^[^ \t]/ { open = 0 }
      END { print n + 0 }' | awk '{ s += $1 } END { print s + 0 }')
    if [ $((xml_tests + xml_skipped)) != "$xml_found" ]; then
      echo "$set_name: $xml_tests XML tests + $xml_skipped skipped != $xml_found XML samples in the pages" >&2
      exit 1
    fi
    t4=$(now)
    cargo test --manifest-path "$dir/Cargo.toml" --test xml > "$out/$crate.xml.log" 2>&1 \
      || { grep -E '^(test .* FAILED|---- |thread )' -A12 "$out/$crate.xml.log" | head -n 80 >&2; exit 1; }
    t5=$(now)
    result=$(grep '^test result:' "$out/$crate.xml.log" | tail -n 1)
    passed=$(sed -E 's/.* ([0-9]+) passed.*/\1/' <<< "$result")
    if [ "$passed" != "$xml_tests" ]; then
      echo "$set_name: expected $xml_tests XML tests to pass: $result" >&2
      exit 1
    fi
    summary+=("$set_name: $xml_found XML samples in the pages: $passed round-trip tests passed, $xml_skipped skipped (listed in tests/xml.rs), build+run $(secs "$t4" "$t5") s")
    echo "${summary[-1]}"
  fi
done
echo "== summary"
printf '%s\n' "${summary[@]}"
echo "contract suites passed"
