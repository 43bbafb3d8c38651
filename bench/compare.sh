#!/usr/bin/env bash
# Time restdoc against docutils over the same pages, in one run.
# usage: bash bench/compare.sh            (from the repository root)
# Runs criterion's read_corpus (walk + read + parse + dialects -> model) for
# UForge 3.8 and Cinder, and parse-only for UForge; docutils'
# publish_doctree over the same folders (median of 3 runs each); then the
# `restdoc model uforge --json` process with hyperfine. Prints each median
# beside the peer's median from this run, and the ratio. Needs python3
# (installs docutils if missing) and hyperfine (apt) for the process line.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=../shared/corpus
python3 -c 'import docutils' 2>/dev/null || python3 -m pip install -q docutils
command -v hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine >/dev/null; }
cargo bench -p restdoc --bench read_corpus -- --noplot 2>&1 | tee /tmp/restdoc-bench.txt | grep -E 'time:|read_corpus/'
python3 ../shared/bench/docutils_parse.py "$corpus/uforge-3.8" --runs 3 | tee /tmp/docutils-uforge.txt
python3 ../shared/bench/docutils_parse.py "$corpus/cinder-api-ref" --runs 3 | tee /tmp/docutils-cinder.txt
cargo build --release -q -p restdoc
hyperfine -N --warmup 3 --runs 30 --export-json /tmp/restdoc-model.json \
  "target/release/restdoc -q model $corpus/uforge-3.8 --json" > /dev/null
python3 - <<'PY'
import json, pathlib, re
def docutils(f):
    d = open(f).read()
    return float(re.search(r'docutils: \d+ files, ([\d.]+) s, .*\(median', d).group(1))
doc = {'uforge': docutils('/tmp/docutils-uforge.txt'), 'cinder': docutils('/tmp/docutils-cinder.txt')}
for est in sorted(pathlib.Path('target/criterion/read_corpus').glob('*/new/estimates.json')):
    med = json.loads(est.read_text())['median']['point_estimate'] * 1e-9
    name = json.loads((est.parent / 'benchmark.json').read_text())['function_id']
    peer = doc['cinder' if name.startswith('cinder') else 'uforge']
    print(f'{name}: median {med*1e3:.2f} ms; docutils median {peer:.3f} s; ratio {peer/med:.0f}x')
runs = json.load(open('/tmp/restdoc-model.json'))['results'][0]
med = runs['median']
print(f"restdoc model uforge-3.8 --json (whole process): median {med*1e3:.2f} ms; "
      f"docutils median {doc['uforge']:.3f} s; ratio {doc['uforge']/med:.0f}x")
PY
