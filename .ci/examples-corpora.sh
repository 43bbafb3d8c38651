#!/usr/bin/env bash
# Run the generated example tests (`tests/examples.rs`, issue 9) of the
# crates .ci/codegen-corpora.sh generated (and proved clippy-clean, example
# tests included) in target/codegen-corpora/<name>, sharing its target dir
# (after .ci/contract-corpora.sh the library is already built for tests).
# Per corpus it prints: the examples an independent scan of the pages finds
# (a plain-text scan here, no restdoc: `literalinclude` lines, `.. code::`
# blocks under a `**Example ...**` label, JSON/XML code blocks), how many
# of them are in the model, the example tests generated and passed, and
# names every example without a test with the reason (the generated file's
# closing note; an example not in the model is named with the diagnostic
# restdoc gave at its line). Run codegen-corpora.sh first. `CORPORA="a b"`
# limits the sets. Also prints, per corpus, how many generated body fields
# stay serde_json::Value and why (.ci/free-form-report.py).
set -euo pipefail
cd "$(dirname "$0")/.."
. .ci/corpora-lib.sh
export CARGO_TERM_COLOR=never
bin=target/debug/restdoc

summary=()
for set_name in ${CORPORA:-$all}; do
  crate=$(tr -c 'a-z0-9\n' '_' <<< "$set_name")
  dir="$out/$crate"
  file="$dir/tests/examples.rs"
  if [ ! -f "$file" ]; then
    echo "$file is missing: run .ci/codegen-corpora.sh first" >&2
    exit 1
  fi
  "$bin" model "$(docs "$set_name")" --json > "$out/$crate.model.json" 2> /dev/null || true
  declared=$(grep -c '#\[tokio::test\]' "$file" || true)
  echo "== $set_name: $declared example tests ($(wc -l < "$file") lines)"
  passed=0
  t1=$(now)
  if [ "$declared" -gt 0 ]; then
    cargo test --manifest-path "$dir/Cargo.toml" --test examples > "$out/$crate.examples.log" 2>&1 \
      || { grep -E '^(test .* FAILED|---- |thread |error)' -A8 "$out/$crate.examples.log" | head -n 120 >&2; tail -n 5 "$out/$crate.examples.log" >&2; exit 1; }
    if grep -q '^warning' "$out/$crate.examples.log"; then
      grep -A8 '^warning' "$out/$crate.examples.log" >&2
      echo "$set_name example tests: warnings" >&2
      exit 1
    fi
    result=$(grep '^test result:' "$out/$crate.examples.log" | tail -n 1)
    passed=$(sed -E 's/.* ([0-9]+) passed.*/\1/' <<< "$result")
  fi
  t2=$(now)
  python3 - "$set_name" "$(docs "$set_name")" "$out/$crate.model.json" "$file" "$declared" "$passed" <<'PY'
import json, os, re, sys
name, root, model_path, tests_path, declared, passed = sys.argv[1:7]
declared, passed = int(declared), int(passed)

# The independent scan: the written forms of an example, per dialect.
lit = re.compile(r"^\s*\.\. literalinclude::")
label = re.compile(r"^\*\*Example[^*]*\*\*\s*$")
code = re.compile(r"^\.\. code(-block)?::")
typed = re.compile(r"^\s*\.\. (code-block|code|sourcecode):: *(xml|json)\s*$")
js = re.compile(r"^\s*\.\. (code-block|code|sourcecode):: *javascript\s*$")
sites = set()
for base, _, files in os.walk(root):
    for f in files:
        if not f.endswith((".rst", ".inc")):
            continue
        path = os.path.join(base, f)
        lines = open(path, encoding="utf-8", errors="replace").read().splitlines()
        rel = os.path.relpath(path, root)
        os_api_ref = any(".. rest_method::" in l for l in lines)
        for i, l in enumerate(lines):
            if lit.match(l) or typed.match(l) or (os_api_ref and js.match(l)):
                sites.add((rel, i + 1))
            elif label.match(l):
                for j in range(i + 1, len(lines)):
                    if code.match(lines[j]):
                        sites.add((rel, j + 1))
                        break

m = json.load(open(model_path))
model_sites = set()
for e in m["endpoints"]:
    for x in e.get("examples", []):
        model_sites.add((os.path.normpath(os.path.relpath(x["source"]["file"], root)), x["source"]["line"]))
diag_at = {}
for d in m["diagnostics"]:
    key = (os.path.normpath(os.path.relpath(d["file"], root)), d["line"])
    diag_at.setdefault(key, f'{d["code"]}: {d["message"]}')

text = open(tests_path).read()
skipped = re.findall(r"^//! - (.*)$", text, re.M)
missing = sorted(s for s in sites if s not in model_sites)
print(f"{name}: scan {len(sites)} examples, {len(model_sites)} in the model, "
      f"{declared} example tests generated, {passed} passed, {len(skipped)} skipped, "
      f"{len(missing)} not in the model")
for s in skipped:
    print(f"  skipped: {s}")
for f, l in missing:
    print(f"  not in the model: {f}:{l}: {diag_at.get((f, l), 'no diagnostic at this line')}")
extra = sorted(s for s in model_sites if s not in sites)
for f, l in extra:
    print(f"  in the model but not seen by the scan: {f}:{l}")
bad = []
if declared + len(skipped) != len(model_sites):
    bad.append(f"tests + skipped = {declared + len(skipped)}, the model holds {len(model_sites)}")
if passed != declared:
    bad.append(f"{passed} of {declared} example tests passed")
if any(diag_at.get(s) is None for s in missing) or extra:
    bad.append("scan and model disagree without a diagnostic")
if bad:
    sys.exit(f"{name}: " + "; ".join(bad))
PY
  # how many body fields stay serde_json::Value, grouped by why
  python3 .ci/free-form-report.py "$dir"
  summary+=("$set_name: examples build+run $(secs "$t1" "$t2") s, $passed/$declared example tests passed")
  echo "${summary[-1]}"
done
echo "== summary"
printf '%s\n' "${summary[@]}"
echo "example tests passed"
